-- Closures: upvalues shared between closures, captured loop variables,
-- recursion through upvalues, varargs and multiple results.
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc(); inc()
print("counter", get())

local fns = {}
for i = 1, 5 do fns[i] = function() return i * 10 end end
local parts = {}
for i = 1, #fns do parts[#parts + 1] = fns[i]() end
print("captured", table.concat(parts, " "))

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(20))

local function compose(f, g) return function(...) return f(g(...)) end end
local add1 = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print("compose", compose(add1, dbl)(20), compose(dbl, add1)(20))

local function multi(...) return select('#', ...), ... end
print("varargs", multi(1, nil, 3))
print("select", select(2, "a", "b", "c"), select(-1, "x", "y"))

local function memo(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v end
    return v
  end
end
local slowsq = memo(function(n) return n * n end)
print("memo", slowsq(12), slowsq(12))

local acc = 0
for i = 1, 100000 do acc = (acc + i * 7) % 1000003 end
print("loop", acc)
print("integer", 7 // 2, 7 % 3, -7 // 2, -7 % 3, 2^10, 10 / 4, math.maxinteger, math.mininteger)
print("float", 1e300 * 1e10, -1e300 * 1e10, math.floor(-3.5), math.ceil(-3.5), math.abs(-4))
print("bits", 0xFF & 0x0F, 0xF0 | 0x0F, 1 << 62, -1 >> 60, ~0, 5 ~ 3)
