// flags: -Wall -Werror
int f(void) {
  int unused;
  return 0;
}
