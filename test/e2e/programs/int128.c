/* __int128 and unsigned __int128: arithmetic, shifts, compares, conversions
   to and from every arithmetic type, constants and static data, switch,
   division through libgcc. Printed in hex through two 64-bit halves. */
#include <stdio.h>
#include <float.h>

typedef __int128 i128;
typedef unsigned __int128 u128;

static void p(const char *s, u128 v) {
  printf("%s %016llx%016llx\n", s, (unsigned long long)(v >> 64), (unsigned long long)v);
}

#define K(hi, lo) (((u128)(hi) << 64) | (u128)(lo))

static const u128 table[] = { 0, 1, K(0, 0xffffffffffffffffull), K(1, 0), K(0x8000000000000000ull, 0), ~(u128)0, K(0x0123456789abcdefull, 0xfedcba9876543210ull) };
static i128 negative = (i128)((u128)1 << 127); /* INT128_MIN */
static u128 folded = (u128)1 << 127 | 12345;
static struct { char c; i128 v; } aligned_member = { 'x', -2 };

static int classify(i128 v) {
  switch (v) {
    case 0: return 0;
    case 1: return 1;
    case -1: return 2;
    case (i128)1 << 64: return 3;
    default: return 4;
  }
}

static int arr[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static struct { int a; i128 v; } gs[3];

/* Pointers, truth values, members and mixed-type compound assignments. */
static void misc(void) {
  volatile i128 i = 3;
  u128 big = (u128)1 << 100;
  int *ptr = arr + i;
  printf("index %d %d\n", *ptr, arr[i + 2]);
  printf("truth %d %d %d %d\n", !big, big && i, big ? 1 : 2, (int)(i ? big >> 99 : 0));
  void *q = (void *)(u128)(unsigned long)arr;
  u128 w = (u128)q;
  i128 s = (i128)(void *)-1;
  printf("pointers %d %d %d %d\n", q == (void *)arr, w == (unsigned long)arr, s == -1, (void *)w == q);
  gs[1].v = -5;
  __typeof__(gs[1]) c = gs[1];
  c.v *= 3;
  i128 *ip = &gs[2].v;
  (*ip)++;
  *ip <<= 65;
  char ch = 'a';
  ch += (i128)1;
  float f = 1.5f;
  f *= (i128)4;
  i128 sum = 0;
  for (i128 k = 0; k < 10; k++) sum += k * k;
  printf("members %lld %llx %c %g %d %d\n", (long long)c.v, (unsigned long long)(*ip >> 64), ch, f, (int)sum, (int)sizeof(1 ? i : 2LL));
}

/* Bit-fields of __int128 type, wider than 64 bits and beside narrower ones. */
static struct { i128 x : 3; u128 y : 100; long z : 20; } bits = { -2, ((u128)5 << 90) | 77, -9 };
static struct { int a : 7; u128 w : 70; int b : 9; } packed;

static void bitfields(void) {
  p("bits.y", bits.y);
  printf("bits %d %ld\n", (int)bits.x, (long)bits.z);
  bits.x = 3; bits.y += (u128)1 << 99; bits.z = 12345;
  p("bits.y", bits.y);
  printf("bits %d %ld %d\n", (int)bits.x, (long)bits.z, (int)sizeof bits);
  packed.a = -5; packed.w = ((u128)1 << 70) - 3; packed.b = 200;
  p("packed.w", packed.w);
  printf("packed %d %d %d\n", packed.a, packed.b, (int)sizeof packed);
}

int main(void) {
  misc();
  bitfields();
  volatile long a = -123456789012345LL, b = 987654321098LL;
  volatile unsigned long ua = 0xfedcba9876543210ull;
  int n = sizeof table / sizeof table[0];
  i128 x = (i128)a * b;
  p("mul", x);
  p("umul", (u128)ua * ua);
  p("add", x + K(0x7fffffffffffffffull, 0xffffffffffffffffull));
  p("sub", (u128)0 - (u128)x);
  p("neg", -x);
  p("not", ~x);
  p("and", x & K(0xff00ff00ff00ff00ull, 0x0f0f0f0f0f0f0f0full));
  p("or", x | 1);
  p("xor", x ^ table[6]);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      u128 u = table[i], v = table[j];
      i128 s = (i128)u, t = (i128)v;
      printf("%d %d: %d%d%d%d%d%d %d%d%d%d\n", i, j, u < v, u <= v, u > v, u >= v, u == v, u != v, s < t, s <= t, s > t, s >= t);
      p(" +", u + v); p(" -", u - v); p(" *", u * v);
      if (v != 0) {
        p(" u/", u / v); p(" u%", u % v);
        if (!(t == -1 && s == negative)) { p(" s/", s / t); p(" s%", s % t); }
      }
    }
  }
  volatile int counts[] = { 0, 1, 7, 63, 64, 65, 100, 127 };
  for (int k = 0; k < 8; k++) {
    int c = counts[k];
    p("shl", table[6] << c); p("lshr", table[6] >> c); p("ashr", (i128)table[4] >> c); p("ashr+", (i128)table[6] >> c);
  }
  p("shl3", table[6] << 3); p("shr70", table[6] >> 70); p("sar127", (i128)table[4] >> 127);
  /* Conversions between __int128 and every other arithmetic type. */
  volatile signed char sc = -5; volatile unsigned char uc = 250; volatile short ss = -30000; volatile unsigned short us = 60000;
  volatile int si = -2000000000; volatile unsigned ui = 4000000000u; volatile long long sll = -9000000000000000000LL;
  volatile _Bool bo = 1;
  p("sc", sc); p("uc", uc); p("ss", ss); p("us", us); p("si", si); p("ui", ui); p("sll", sll); p("ua", ua); p("bool", bo);
  printf("narrow %d %u %d %u %d %u %lld %llu %d\n", (signed char)x, (unsigned char)x, (short)x, (unsigned short)x, (int)x, (unsigned)x,
         (long long)x, (unsigned long long)(x >> 3), (_Bool)table[3]);
  volatile float f = -1.5e20f; volatile double d = 3.25e35; volatile long double ld = -1.0e30L;
  p("f", (i128)f); p("d", (u128)d); p("ld", (i128)ld); p("ldu", (u128)1.0e38L);
  printf("to float %g %g %g %g\n", (float)x, (float)table[5], (double)x, (double)table[6]);
  printf("to long double %Lg %Lg %Lg\n", (long double)x, (long double)table[5], (long double)negative);
  printf("huge %g %d\n", (double)(u128)(DBL_MAX / 1e270), (int)((u128)1e38 > ((u128)1 << 126)));
  p("min", negative); p("folded", folded); p("member", aligned_member.v);
  printf("align %d %d %d\n", (int)_Alignof(i128), (int)sizeof aligned_member, (int)__SIZEOF_INT128__);
  for (int i = 0; i < n; i++) printf("classify %d\n", classify((i128)table[i]));
  __int128_t t1 = -7; __uint128_t t2 = 7;
  p("typedefs", t1 / 2 + t2 % 4);
  i128 acc = 1;
  for (int i = 0; i < 30; i++) acc = acc * 3 + (acc >> 5);
  p("loop", acc);
  u128 m = table[6]; m <<= 5; m >>= 2; m *= 7; m /= 3; m %= K(1, 5); m += 9; m -= 4; m |= 2; m &= ~(u128)1; m ^= 0xff;
  p("compound", m);
  i128 inc = K(0, 0xffffffffffffffffull); inc++; p("inc", inc); inc--; --inc; p("dec", inc);
  return 0;
}
