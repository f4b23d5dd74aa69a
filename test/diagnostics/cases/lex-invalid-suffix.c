int x = 123abc;
