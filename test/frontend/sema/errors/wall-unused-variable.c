// warnings: all
int f(void) {
  int unused = 3;
  return 0;
}
