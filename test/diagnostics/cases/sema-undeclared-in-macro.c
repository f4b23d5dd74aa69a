#define TWICE(x) ((x) + (x) + missing)
int f(int a) {
  return TWICE(a);
}
