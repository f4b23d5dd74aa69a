void f(char *c) {
  int i;
  i = c;
}
