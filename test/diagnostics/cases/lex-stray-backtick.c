int x = 1`;
