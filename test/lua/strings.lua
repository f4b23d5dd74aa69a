-- The string library: formatting, patterns, gsub with functions and tables,
-- byte/char, rep, reverse, and number <-> string conversion.
print(string.format("%d %5d %-5d| %05.1f %x %X %o %s %q", 42, 7, 7, 3.14159, 255, 255, 8, "str", "a\nb"))
print(string.format("%g %g %g %.3e", 1e20, 0.1, 100, 12345.678))
print(("hello world"):upper(), ("MiXeD"):lower(), #"length")
print(string.find("hello world", "o w"), string.find("hello", "l+"), string.find("a.b", ".", 1, true))
print(string.match("key = value", "(%w+)%s*=%s*(%w+)"))
print(string.gsub("hello world", "o", "0"))
print(string.gsub("abc", "%w", "%0%0"))
print(string.gsub("$name is $age", "%$(%w+)", { name = "lua", age = "30" }))
print(string.gsub("1 2 3", "%d", function(d) return tostring(d * 2) end))
local words = {}
for w in string.gmatch("the quick brown fox", "%a+") do words[#words + 1] = w end
print(table.concat(words, "|"))
print(string.byte("ABC", 1, 3), string.char(72, 105))
print(string.rep("ab", 3, "-"), string.reverse("stressed"), string.sub("abcdef", 2, -2))
print(tostring(10), tonumber("0x10"), tonumber("  12  "), tonumber("z", 36), tonumber("1e2"), tonumber("abc"))
print(10 .. 20, 1.5 .. "", math.type(1), math.type(1.0), math.type("1"))
print(string.format("%s %s", 1/0, -1/0), string.format("%.14g", math.pi))
print(("x"):rep(0) == "", ("%d"):format(3))
print(string.pack and #string.pack("i4i8", 1, 2), string.unpack("<i2", "\1\2"))
print(utf8.char(72, 228, 8364), utf8.len("häl"))
local t = {}
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do t[#t + 1] = k .. ":" .. v end
print(table.concat(t, ";"))
