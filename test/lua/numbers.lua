-- Integer and float arithmetic as Lua 5.4 defines it (§3.4.1): integer
-- wrap-around, floor division and modulo signs, float formatting, string
-- coercions, math library edges, bitwise operators.
local function show(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end print(table.concat(t, " ")) end
show(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger, math.maxinteger * 2)
show(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3, 7.5 // 2, -7.5 % 2)
show(1 / 0, -1 / 0, 0/0 ~= 0/0, math.huge, -math.huge, 3 / 2, 4 / 2, 2^53, 2^-1074)
show(math.type(1), math.type(1.0), math.type("1"), 1 == 1.0, math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"))
show(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 63, 1 << 64, -1 >> 1, 2^63 == math.mininteger + 0.0, "10" + 5, "0x10" * 2, 10 .. 20)
show(math.floor(-3.5), math.ceil(-3.5), math.fmod(-7, 3), math.fmod(7, -3), math.abs(math.mininteger), math.ult(1, -1))
show(string.format("%.14g", math.pi), string.format("%.3f", math.sqrt(2)), math.exp(0), math.log(8, 2), math.log(100, 10), math.sin(0))
show(tostring(1e15), tostring(1e16), tostring(-0.0), tostring(1e100), 0x7fffffffffffffff, 0xffffffffffffffff, 1e308 * 10)
show(tonumber("  0x1p4  "), tonumber("1e2"), tonumber("z", 36), tonumber("777", 8), tonumber("1.5e"), tonumber(""), tonumber("0x"))
show(string.format("%5.1f|%-5d|%+d|%x|%X|%o|%e|%g|%a", 3.14159, 42, 7, 255, 255, 8, 12345.678, 0.0001, 1.0))
show(math.max(3, 7.5, -1), math.min(3, 7.5, -1), select("#", math.modf(-3.7)), math.modf(-3.7))
local acc = 0
for i = 1, 100000 do acc = (acc * 31 + i) % 1000000007 end
show(acc)
for i = 10, 1, -3 do io.write(i, " ") end print()
for x = 1.0, 2.0, 0.25 do io.write(x, " ") end print()
show(pcall(function() for i = 1, 10, 0 do end end))
