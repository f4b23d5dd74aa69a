/* A VLA live across calls with more than 6 integer arguments (stack arguments below the dynamic area). */
#include <stdio.h>

static long many(long a, long b, long c, long d, long e, long f, long g, long h, long i) {
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i;
}

int main(void) {
  long total = 0;
  for (int n = 1; n < 40; n++) {
    long v[n];
    for (int k = 0; k < n; k++) v[k] = k + n;
    total += many(v[0], v[n / 2], v[n - 1], n, 5, 6, v[0] * 2, v[n - 1] * 3, (long)sizeof v);
    double w[n + 1];
    w[n] = 1.5;
    total += (long)(w[n] * 2) + many(1, 2, 3, 4, 5, 6, 7, 8, v[n - 1]);
  }
  printf("%ld\n", total);
  return 0;
}
