-- The string library: patterns, gsub with tables and functions, format,
-- pack/unpack, byte/char, rep, and utf8 (Lua 5.4 §6.4, §6.5).
print(("hello world from lua"):gsub("(%w+)", "<%1>"))
print(("abc"):rep(3, "-"), ("x"):rep(0), ("abc"):reverse(), ("MiXeD"):lower(), ("MiXeD"):upper())
print(string.find("the quick brown fox", "qu(i)(c)k"), string.find("a.b", ".", 1, true), string.match("key = value", "(%w+)%s*=%s*(%w+)"))
for k, v in string.gmatch("a=1, b=22, c=333", "(%w+)=(%w+)") do io.write(k, ":", v, ";") end print()
print(string.gsub("hello", "", "-"), string.gsub("abc", "%w", { a = "1", b = false }), string.gsub("$name is $age", "%$(%w+)", { name = "Ana", age = 30 }))
print(string.gsub("one two three", "(%w+)", function(w) return #w > 3 and w:upper() or nil end))
print(string.match("  trim me  ", "^%s*(.-)%s*$") .. "|", string.match("2024-03-05", "(%d+)-(%d+)-(%d+)"))
print(string.find("[test]", "%[(.-)%]"), string.match("f(a(b)c)", "%b()"), string.match("THE (quick) fox", "%f[%a]%a+", 5))
print(string.format("%q", 'a "quoted"\n\0 string'), string.format("%q", 1/3), string.format("%10.4s|", "abcdefgh"))
print(string.byte("ABC", 1, -1), string.char(72, 105), #"\u{10FFFF}", "\x41\65\z
      B")
local packed = string.pack("<i4 >i8 z s1 d", -2, 1 << 40, "zero", "len", 0.5)
print(#packed, string.unpack("<i4 >i8 z s1 d", packed))
print(string.packsize("i4 i8 !8 d"), string.unpack("B", "\255"), string.unpack("b", "\255"))
print(utf8.char(72, 233, 0x4e2d, 0x1F600), utf8.len("héllo中"), utf8.codepoint("héllo", 1, -1))
for p, c in utf8.codes("aé中") do io.write(p, "=", c, " ") end print()
print(utf8.offset("aé中b", 3), utf8.len("\xff"), utf8.charpattern)
local parts = {}
for word in ("split,these,,words"):gmatch("([^,]*)") do parts[#parts + 1] = "[" .. word .. "]" end
print(table.concat(parts))
print(tostring(nil), tostring(true), ("%d items"):format(3), #string.format("%099d", 7))
