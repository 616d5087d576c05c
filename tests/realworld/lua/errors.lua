-- error/pcall/xpcall (Lua's errors are C longjmp), error objects, traceback.
print(pcall(error, "plain"))
local okt, et = pcall(error, {code = 42}); print(okt, type(et), et.code)
print(select(2, pcall(function() local x = nil; return x.y end)):match("attempt to index"))
print(xpcall(function() error("deep") end, function(m) return "handled: " .. m end))
local depth = 0
local function rec() depth = depth + 1; return rec() + 1 end
local ok, e = pcall(rec)
print(ok, tostring(e):match("stack overflow") ~= nil)
local function nested(n) if n == 0 then error("bottom") end
  local ok2, e2 = pcall(nested, n - 1); error(e2, 0) end
print(pcall(nested, 50))
print(pcall(string.rep))
print(select("#", pcall(error)))
local ok3, e3 = pcall(function() return 1 + {} end); print(ok3, e3:match("arithmetic") ~= nil)
for i = 1, 1000 do pcall(error, i) end
print("1000 errors caught")
print(pcall(coroutine.wrap(function() error("in coroutine") end)))
