-- Errors: error with strings and tables, pcall/xpcall, error levels,
-- runtime errors from the VM (arithmetic on nil, calling nil, indexing),
-- assert, tostring of error objects, and string-to-number coercions failing.
print(pcall(error, "plain"))
print(select(2, pcall(error, { code = 42 })).code)
local ok, e = pcall(error, setmetatable({}, { __tostring = function() return "custom" end }))
print(ok, tostring(e))
print(pcall(function() local x = nil; return x.field end))
print(pcall(function() local x; return x + 1 end))
print(pcall(function() undefinedfn() end))
print(pcall(function() return #5 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(1 // 0.0, -1 // 0.0, 0/0 ~= 0/0)
print(pcall(function() error("with level", 2) end))
print(pcall(function() error("no position", 0) end))
print(pcall(assert, false, "assert message"))
print(pcall(assert, 1 == 1, "unused"))
print(select('#', pcall(assert, nil)))
print(xpcall(function() error("traced") end, function(m) return "handled: " .. m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
local depth = 0
local function recurse() depth = depth + 1; return recurse() + 1 end
local okr, er = pcall(recurse)
print("stack overflow caught", okr, depth > 1000, (string.find(er, "stack overflow") ~= nil))
print(pcall(string.rep))
print(pcall(string.format, "%d", 1.5))
print(pcall(setmetatable, 1, {}))
local okc, ec = pcall(function()
  local t = setmetatable({}, { __index = function(_, k) error("no key " .. k) end })
  return t.missing
end)
print(okc, ec)
print(tostring(nil), tostring(true), tonumber(nil ~= false))
goto skip
print("not printed")
::skip::
print("end")
