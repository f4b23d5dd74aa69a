// flags: -w -Wall
int f(int x) {
  int unused;
  if (x) return 1;
}
