int printf(const char *, ...);
int main(void) {
  long double x = 1.5L;
  printf("%Lf\n", x);
  printf("%f\n", (double)x);
  return 0;
}
