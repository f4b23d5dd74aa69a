struct s { int a; };
void f(struct s v) {
  v++;
}
