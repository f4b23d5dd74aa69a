-- Metatables and the rest of the language: arithmetic and comparison
-- metamethods, __index chains, __newindex, __call, __close, __gc order at
-- close, goto, varargs, integer keys, table functions, load, error objects.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({ x = x, y = y }, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__mul = function(a, k) return type(k) == "number" and vec(a.x * k, a.y * k) or a.x * k.x + a.y * k.y end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a:len2() < b:len2() end
V.__le = function(a, b) return a:len2() <= b:len2() end
V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
V.__len = function(a) return 2 end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__unm = function(a) return vec(-a.x, -a.y) end
function V:len2() return self.x * self.x + self.y * self.y end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), a * b, tostring(a * 3), a == vec(1, 2), a < b, b <= a, #a, a .. b, tostring(-a))
local defaults = setmetatable({}, { __index = function(t, k) return k .. "?" end })
local proxy = setmetatable({}, { __index = defaults, __newindex = function(t, k, v) rawset(t, k, v * 10) end })
proxy.n = 4
print(proxy.n, proxy.missing, rawget(proxy, "missing"))
local callable = setmetatable({}, { __call = function(self, x, y) return x + y, self end })
print((callable(2, 3)))
do
  local log = {}
  do
    local r1 <close> = setmetatable({}, { __close = function() log[#log + 1] = "r1" end })
    local r2 <close> = setmetatable({}, { __close = function(_, err) log[#log + 1] = "r2:" .. tostring(err) end })
  end
  print(table.concat(log, " "))
end
local i = 1
::top::
if i <= 3 then io.write("goto", i, " ") i = i + 1 goto top end
print()
local function va(...) return select("#", ...), (select(2, ...)), { ... } end
local n, second, t = va(10, nil, 30, nil)
print(n, second, #t >= 1)
local tbl = { 5, 2, 8, 1, 9, 3 }
table.sort(tbl, function(x, y) return x > y end)
print(table.concat(tbl, ","), table.unpack({ 1, 2, 3 }, 2), select(-1, "a", "b"))
table.insert(tbl, 1, 100) table.remove(tbl) print(table.concat(table.move(tbl, 1, 3, 2, {}), ",", 2, 4))
local f = load("local a, b = ... return a * b, _ENV ~= nil")
print(f(6, 7))
print(load("syntax error here"))
local ok, err = pcall(error, { code = 42 })
print(ok, type(err), err.code)
print(pcall(error, "msg", 0), pcall(error), select(2, xpcall(function() error("deep") end, function(m) return "handled: " .. m end)))
print(string.format("%s", setmetatable({}, { __name = "MyType", __tostring = nil })):match("^MyType: ") ~= nil)
local keys = {}
for k in pairs({ [1] = 1, [2] = 2, [3] = 3 }) do keys[#keys + 1] = k end
table.sort(keys) print(table.concat(keys, " "), #{ 1, 2, 3, nil }, next({}))
local co = coroutine.wrap(function(...) local x = coroutine.yield(...) return x * 2 end)
print(co(1, 2), co(21))
print(coroutine.isyieldable(), select(2, coroutine.running()))
