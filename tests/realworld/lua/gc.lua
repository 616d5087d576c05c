-- Allocation-heavy work: strings, tables, garbage collection, closures.
local t = {}
for i = 1, 200000 do t[i] = tostring(i) end
print(#t, t[200000])
local parts = {}
for i = 1, 50000 do parts[#parts + 1] = string.format("%06d", i) end
local s = table.concat(parts)
print(#s, s:sub(1, 12), s:sub(-6))
t, parts, s = nil, nil, nil
collectgarbage(); collectgarbage()
local weak = setmetatable({}, {__mode = "k"})
do local k = {}; weak[k] = 1 end
collectgarbage()
local cnt = 0; for _ in pairs(weak) do cnt = cnt + 1 end
print("weak entries", cnt)
local fins = 0
for i = 1, 100 do setmetatable({}, {__gc = function() fins = fins + 1 end}) end
collectgarbage(); collectgarbage()
print("finalized", fins)
local function sieve(n) local is = {} local c = 0
  for i = 2, n do if not is[i] then c = c + 1; for j = i * i, n, i do is[j] = true end end end
  return c end
print("primes", sieve(1000000))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog the end"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local keys = {} for k in pairs(words) do keys[#keys + 1] = k end table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", words[k], " ") end print()
