int a[2] = { 1, 2, 3 };
char s[2] = "abc";
