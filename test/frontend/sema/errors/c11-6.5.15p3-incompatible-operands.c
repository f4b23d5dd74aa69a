struct s { int a; };
int f(int c, struct s v) {
  return c ? v : 1;
}
