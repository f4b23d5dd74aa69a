-- Tables: array and hash parts, length, insert/remove/sort/concat/unpack,
-- metatables (__index, __newindex, __add, __eq, __lt, __len, __call, __tostring).
local t = {}
for i = 1, 100 do t[i] = i * i end
print(#t, t[1], t[50], t[100])
table.insert(t, 1, 0); table.insert(t, 10001)
print(#t, t[1], t[2], t[#t])
print(table.remove(t), table.remove(t, 1), #t)

local names = { "pear", "apple", "fig", "banana", "cherry" }
table.sort(names)
print(table.concat(names, ","))
table.sort(names, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(names, ","))
local nums = {}
local seed = 12345
for i = 1, 200 do seed = (seed * 1103515245 + 12345) % 2147483648; nums[i] = seed % 1000 end
table.sort(nums)
local ok = true
for i = 2, #nums do if nums[i - 1] > nums[i] then ok = false end end
print("sorted", ok, nums[1], nums[200])
print(table.unpack({ 1, 2, 3 }))

local h = {}
for i = 1, 1000 do h["k" .. i] = i end
local sum, count = 0, 0
for k, v in pairs(h) do sum = sum + v; count = count + 1 end
print("hash", count, sum)
h.k500 = nil
count = 0
for _ in pairs(h) do count = count + 1 end
print("after delete", count)

local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x < b.x end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
V.__len = function(v) return v.x * v.x + v.y * v.y end
V.__call = function(v, k) return v.x * k end
function V.new(x, y) return setmetatable({ x = x, y = y }, V) end
function V:scale(k) return V.new(self.x * k, self.y * k) end
local a, b = V.new(1, 2), V.new(3, 4)
print(tostring(a + b), a + b == V.new(4, 6), a < b, #b, a(10), tostring(a:scale(3)))

local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) return "default-" .. k end,
  __newindex = function(t2, k, v) log[#log + 1] = k; rawset(t2, k, v) end,
})
proxy.x = 1
print(proxy.x, proxy.y, table.concat(log, ","), rawget(proxy, "y"))

local grid = {}
for i = 1, 8 do grid[i] = {} for j = 1, 8 do grid[i][j] = (i - 1) * 8 + j end end
local diag = 0
for i = 1, 8 do diag = diag + grid[i][i] end
print("grid", diag, #grid, #grid[8], next({}) == nil)
