-- Files, popen, os.execute, environment, temporary names, times.
local dir = os.getenv("TMP")
local p = dir .. "/lua_io.txt"
local f = assert(io.open(p, "w"))
for i = 1, 1000 do f:write(i, "\n") end
f:close()
local n, sum = 0, 0
for line in io.lines(p) do n = n + 1; sum = sum + tonumber(line) end
print("lines", n, "sum", sum)
f = assert(io.open(p, "r")); print(f:seek("end")); f:seek("set", 4); print(f:read("l")); f:close()
f = assert(io.open(p, "a")); f:write("tail\n"); f:close()
f = assert(io.open(p, "rb")); local all = f:read("a"); f:close(); print(#all, all:sub(-5))
print(os.rename(p, p .. ".2"), io.open(p) == nil)
print(os.remove(p .. ".2"), os.remove(p .. ".2") == nil)
local pp = assert(io.popen("echo from-popen; seq 1 3"))
print(pp:read("a")); print(pp:close())
local w = assert(io.popen("wc -l", "w")); w:write("a\nb\nc\n"); print(w:close())
print(os.execute("exit 3"))
print(os.execute("true"))
print(type(os.time()), type(os.clock()), os.date("!%Y-%m-%d", 0))
print(os.time({year = 2020, month = 1, day = 1, hour = 12}) - os.time({year = 2020, month = 1, day = 1, hour = 0}))
print(io.open("/nonexistent/x") == nil, select(2, io.open("/nonexistent/x")):match("No such file") ~= nil)
io.stderr:write("")
print(os.getenv("NO_SUCH_VAR_XYZ"))
