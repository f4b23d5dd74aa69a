/* C math functions that -O1/-O2 compute with instructions (sqrt with its
 * errno path kept, fabs, copysign, fmin, fmax; floor, ceil, trunc, round
 * where the CPU rounds in one instruction), against the library's results. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const double vals[] = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
  1e300, -1e300, 4503599627370495.5, -4503599627370497.0, 3.0, 1e-310, 123.456, -7.999, INFINITY, -INFINITY, NAN};
#define N (int)(sizeof vals / sizeof vals[0])

static void show(const char *what, double v) {
  unsigned long long bits;
  memcpy(&bits, &v, 8);
  printf("%s %.17g %016llx\n", what, v, isnan(v) ? 0x7ff8000000000000ULL | (bits & 0x8000000000000000ULL) : bits);
}

static void showf(const char *what, float v) {
  unsigned bits;
  memcpy(&bits, &v, 4);
  printf("%s %.9g %08x\n", what, v, isnan(v) ? 0x7fc00000u | (bits & 0x80000000u) : bits);
}

int main(void) {
  for (int i = 0; i < N; i++) {
    double x = vals[i];
    float f = (float)x;
    errno = 0;
    double s = sqrt(x);
    printf("sqrt errno %d ", errno == EDOM);
    show("", s);
    errno = 0;
    float sf = sqrtf(f);
    printf("sqrtf errno %d ", errno == EDOM);
    showf("", sf);
    show("fabs", fabs(x));
    showf("fabsf", fabsf(f));
    show("floor", floor(x));
    show("ceil", ceil(x));
    show("trunc", trunc(x));
    show("round", round(x));
    showf("floorf", floorf(f));
    showf("roundf", roundf(f));
    for (int j = 0; j < N; j += 3) {
      double y = vals[j];
      show("copysign", copysign(x, y));
      show("fmin", fmin(x, y));
      show("fmax", fmax(x, y));
      showf("fminf", fminf(f, (float)y));
    }
  }
  return 0;
}
