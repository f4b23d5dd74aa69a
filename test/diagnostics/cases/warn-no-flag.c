// flags: -Wall -Wno-unused-variable
int f(void) {
  int unused;
  return 0;
}
