/* Division and remainder by constants (multiply-high sequences at -O2)
 * against the machine's division, for every integer type, over dividends
 * around zero, the extremes and a pseudo-random walk. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

#define DIVS(T, NAME, D) \
  static T NAME##_q(T x) { return x / (D); } \
  static T NAME##_r(T x) { return x % (D); }
DIVS(int, i3, 3) DIVS(int, i7, 7) DIVS(int, im7, -7) DIVS(int, i10, 10) DIVS(int, i641, 641) DIVS(int, ibig, 1000000007)
DIVS(unsigned, u3, 3u) DIVS(unsigned, u7, 7u) DIVS(unsigned, u10, 10u) DIVS(unsigned, ubig, 0xFFFFFFF1u)
DIVS(long long, l3, 3) DIVS(long long, l7, 7) DIVS(long long, lm10, -10) DIVS(long long, lbig, 1000000000039LL)
DIVS(unsigned long long, ul3, 3u) DIVS(unsigned long long, ul7, 7u) DIVS(unsigned long long, ul10, 10u)
DIVS(short, s3, 3) DIVS(unsigned char, c7, 7)

static volatile int sink;
static unsigned long long check;
static void mix(unsigned long long v) { check = check * 1000003u ^ v; }

#define TRY(NAME, T, x) do { T v_ = (T)(x); mix((unsigned long long)NAME##_q(v_)); mix((unsigned long long)NAME##_r(v_)); } while (0)

int main(void) {
  unsigned long long seed = 88172645463325252ULL;
  long long edges[] = {0, 1, -1, 2, -2, 6, 7, 8, -7, -8, 100, INT_MAX, INT_MIN, INT_MIN + 1, UINT_MAX, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1};
  for (int k = 0; k < 20000; k++) {
    long long x;
    if (k < (int)(sizeof edges / sizeof *edges)) x = edges[k];
    else { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; x = (long long)(seed >> (k % 60)); if (k & 1) x = -x; }
    TRY(i3, int, x); TRY(i7, int, x); TRY(im7, int, x); TRY(i10, int, x); TRY(i641, int, x); TRY(ibig, int, x);
    TRY(u3, unsigned, x); TRY(u7, unsigned, x); TRY(u10, unsigned, x); TRY(ubig, unsigned, x);
    TRY(l3, long long, x); TRY(l7, long long, x); TRY(lm10, long long, x); TRY(lbig, long long, x);
    TRY(ul3, unsigned long long, x); TRY(ul7, unsigned long long, x); TRY(ul10, unsigned long long, x);
    TRY(s3, short, x); TRY(c7, unsigned char, x);
  }
  printf("check %llx\n", check);
  printf("%d %d %u %lld %llu\n", i7_q(-100), im7_r(-100), u10_q(4294967295u), lm10_q(LLONG_MIN), ul7_r(18446744073709551615ULL));
  return 0;
}
