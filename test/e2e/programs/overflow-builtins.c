/* __builtin_{add,sub,mul}_overflow with mixed operand and result types,
   the _p forms and the typed forms, against values at every type's edges.
   A checksum of (overflow flag, stored result) over all combinations, plus
   a few spelled-out cases. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

static const long long vals[] = {
  0, 1, -1, 2, -2, 3, 100, -100, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
  INT_MAX, (long long)INT_MAX + 1, INT_MIN, (long long)INT_MIN - 1, UINT_MAX, (long long)UINT_MAX + 1,
  3037000499LL, 3037000500LL, -3037000500LL, 4294967296LL, LLONG_MAX, LLONG_MIN, LLONG_MAX - 1, LLONG_MIN + 1,
};
static const unsigned long long uvals[] = { ULLONG_MAX, ULLONG_MAX - 1, (unsigned long long)LLONG_MAX + 1, 0x8000000000000001ULL, 0xFFFFFFFF00000000ULL };
#define NV (sizeof vals / sizeof vals[0])
#define NU (sizeof uvals / sizeof uvals[0])

static unsigned long long mix(unsigned long long h, unsigned long long v) { return (h ^ v) * 0x100000001b3ULL + (h >> 29); }

#define RUN(OP, TA, TB, TR) do { \
  for (unsigned i = 0; i < NV + NU; i++) for (unsigned j = 0; j < NV + NU; j++) { \
    TA a = (TA)(i < NV ? (unsigned long long)vals[i] : uvals[i - NV]); \
    TB b = (TB)(j < NV ? (unsigned long long)vals[j] : uvals[j - NV]); \
    TR r = 0; int o = __builtin_##OP##_overflow(a, b, &r); \
    int p = __builtin_##OP##_overflow_p(a, b, (TR)0); \
    h = mix(h, (unsigned long long)r * 2 + (unsigned)o); h = mix(h, p != o); \
  } \
  printf("%-3s %-18s %-18s %-18s %016llx\n", #OP, #TA, #TB, #TR, h); } while (0)

#define ALL_R(OP, TA, TB) RUN(OP, TA, TB, signed char); RUN(OP, TA, TB, unsigned short); RUN(OP, TA, TB, int); \
  RUN(OP, TA, TB, unsigned); RUN(OP, TA, TB, long); RUN(OP, TA, TB, unsigned long)
#define ALL_B(OP, TA) ALL_R(OP, TA, int); ALL_R(OP, TA, unsigned long long)

int main(void) {
  unsigned long long h = 1469598103934665603ULL;
  ALL_B(add, int); ALL_B(add, long long); ALL_B(add, unsigned char);
  ALL_B(sub, unsigned long); ALL_B(sub, long long);
  ALL_B(mul, int); ALL_B(mul, unsigned long); ALL_B(mul, long long);
  int ir; long lr; unsigned long long ur;
  int o = __builtin_sadd_overflow(INT_MAX, 1, &ir);
  printf("%d %d\n", o, ir);
  o = __builtin_smull_overflow(LONG_MAX / 2, 3, &lr);
  printf("%d %ld\n", o, lr);
  o = __builtin_uaddll_overflow(ULLONG_MAX, 2, &ur);
  printf("%d %llu\n", o, ur);
  o = __builtin_usubll_overflow(1, 2, &ur);
  printf("%d %llu\n", o, ur);
  printf("%d\n", __builtin_mul_overflow_p(INT_MIN, -1, (int)0));
  printf("%d\n", __builtin_mul_overflow_p((long long)INT_MIN, -1, (long long)0));
  return 0;
}
