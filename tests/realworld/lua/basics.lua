-- Arithmetic, strings, tables, closures, metatables, goto.
print(7 // 2, 7 % 3, 2^10, 7 / 2, math.maxinteger, math.mininteger, 1e300 * 1e10)
print(string.format("%5.2f|%-5d|%x|%q|%g", math.pi, 42, 255, "a\nb", 1e20))
print(("hello world"):upper(), ("abc"):rep(3, "-"), ("  trim  "):match("^%s*(.-)%s*$"))
local t = {}
for i = 1, 10 do t[i] = i * i end
print(#t, table.concat(t, ","), select("#", table.unpack(t)))
table.sort(t, function(a, b) return a > b end)
print(t[1], t[10])
local function counter() local n = 0; return function() n = n + 1; return n end end
local c = counter(); c(); c(); print("counter", c())
local V = setmetatable({}, {__index = function(_, k) return k .. "!" end,
  __add = function(a, b) return "added" end})
print(V.x, V + V)
for k, v in pairs({a = 1}) do print(k, v) end
local s = 0
for i = 1, 10 do if i % 2 == 0 then goto continue end s = s + i ::continue:: end
print("odd sum", s)
print(string.gsub("one two three", "(%w+)", "<%1>"))
print(utf8.char(72, 228, 8364), utf8.len("häh"))
print(string.pack(">I4", 0x01020304):byte(1, -1))
print(math.type(1), math.type(1.0), math.type("1"), 3 | 5, 6 & 3, ~0, 1 << 62)
print(tostring(nil), tonumber("0x10"), tonumber("z", 36), tostring(1/0))
