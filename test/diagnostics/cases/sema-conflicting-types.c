int g(int);
long g(int x) { return x; }
