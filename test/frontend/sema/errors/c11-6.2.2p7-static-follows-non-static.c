int f(int);
static int f(int x) { return x; }
