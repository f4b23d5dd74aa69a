// Floating point: arithmetic, conversions to and from integers (both
// signednesses), float/double mixing, comparisons with NaN, and
// floats passed through variadic calls (promoted to double).
int printf(const char *fmt, ...);

static double half(double d) { return d / 2; }
static float sumf(float a, float b) { return a + b; }

int main(void) {
  double d = 7.75;
  float f = 2.5f;
  printf("%.3f %.3f\n", d * f, half(d));
  printf("%d %d %ld\n", (int)d, (int)-d, (long)(d * 1000));
  unsigned long big = 18446744073709551615UL;
  double bd = big;
  printf("%.0f\n", bd);
  double back = 9007199254740993.0;
  printf("%lu\n", (unsigned long)back);
  printf("%.2f\n", sumf(1.25f, 2.5f));
  int i = 7;
  printf("%.3f\n", i / 2 + i / 2.0);
  double zero = 0.0;
  double nan = zero / zero;
  printf("%d %d %d %d\n", nan == nan, nan != nan, nan < 1.0, 1.0 > 0.5);
  float g = 16777217;               /* rounds to 16777216 */
  printf("%.1f\n", g);
  printf("%d\n", d > f && f > 0);
  double acc = 0;
  for (int k = 1; k <= 10; k++) acc += 1.0 / k;
  printf("%.6f\n", acc);
  return 0;
}
