int (*fp)(int);
int g(void) {
  return fp(1, 2);
}
