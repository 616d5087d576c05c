-- Coroutines: generators, passing values, status, yield across pcall.
local gen = coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i * 10) end end)
for _ = 1, 5 do io.write(gen(), " ") end print()
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co), coroutine.resume(co))
local co2 = coroutine.create(function()
  local ok, v = pcall(function() coroutine.yield("from pcall"); error("after") end)
  coroutine.yield(tostring(ok) .. " " .. v)
end)
print(coroutine.resume(co2)); print(coroutine.resume(co2))
local prod = coroutine.wrap(function() for w in ("a b c d"):gmatch("%a") do coroutine.yield(w) end end)
local out = {}
for w in prod do out[#out + 1] = w end
print(table.concat(out))
print(coroutine.isyieldable(), select(2, coroutine.running()))
