// flags: -Wall -Werror=return-type
int f(int x) {
  int unused;
  if (x) return 1;
}
