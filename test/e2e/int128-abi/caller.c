/* The caller side of the __int128 ABI pair: prints every result. */
#include <stdio.h>
#include "i128.h"

static void p(const char *s, u128 v) {
  printf("%s %016llx%016llx\n", s, (unsigned long long)(v >> 64), (unsigned long long)v);
}
static i128 sub2(i128 a, i128 b) { return a - b; }
#define BIG(hi, lo) ((i128)(((u128)(hi) << 64) | (lo)))

int main(void) {
  i128 big = BIG(0x0123456789abcdefull, 0xfedcba9876543210ull);
  p("add2", add2(big, BIG(1, 0xffffffffffffffffull)));
  p("mul_wide", mul_wide(0xfedcba9876543210ull, 0x1234567890abcdefull));
  p("after5", after5(1, 2, 3, 4, 5, big, 6));
  p("onstack", onstack(1, 2, 3, 4, 5, 6, 7, big, 8, -big));
  printf("mixed %g\n", mixed(0.5, (i128)1 << 80, 0.25f, (u128)3 << 64));
  struct holds h = wrap((struct holds){ big }, 3);
  p("wrap", h.v);
  struct pair q = shift_pair((struct pair){ 40, big }, 12);
  printf("tag %ld\n", q.tag);
  p("shift_pair", q.v);
  p("vsum", vsum(4, big, 1, (i128)-5, 2, BIG(7, 7), 3, (i128)9, 4));
  p("vsum7", vsum(7, (i128)1, 1, (i128)2, 2, (i128)3, 3, (i128)4, 4, big, 5, big, 6, big, 7));
  p("apply", apply(sub2, big, BIG(0, 12345)));
  p("apply+", apply(add2, big, BIG(5, 5)));
  return 0;
}
