-- Coroutines: generators, passing values both ways, status, wrap, yield
-- across pcall, and errors inside coroutines.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local out = {}
for v in gen(6) do out[#out + 1] = v end
print(table.concat(out, " "))

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "done", d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))

local bad = coroutine.create(function() error("boom") end)
local okb, msg = coroutine.resume(bad)
print(okb, (string.gsub(msg, "^.-:%d+: ", "")))

local function producer()
  return coroutine.create(function()
    for _, w in ipairs({ "alpha", "beta", "gamma" }) do coroutine.yield(w) end
  end)
end
local function filter(p)
  return coroutine.create(function()
    while true do
      local okp, w = coroutine.resume(p)
      if not w then break end
      coroutine.yield(w:upper())
    end
  end)
end
local f = filter(producer())
while true do
  local okf, w = coroutine.resume(f)
  if not w then break end
  print("pipe", w)
end

local inner = coroutine.wrap(function()
  local okp, v = pcall(function() return coroutine.yield("from pcall") + 1 end)
  coroutine.yield(tostring(okp) .. " " .. v)
end)
print(inner())
print(inner(41))
print(coroutine.isyieldable(), select(2, coroutine.running()))
