/* Integer selection: every width, signedness, division, shifts, compares, switch tables and trees. */
#include <stdio.h>
#include <stdint.h>

static int8_t s8(int x) { return (int8_t)x; }
static uint16_t u16(int x) { return (uint16_t)x; }

__attribute__((noinline)) int classify(int x) {
  switch (x) {
  case 0: return 10; case 1: return 11; case 2: return 12; case 3: return 13; case 5: return 15; case 6: return 16;
  default: return -1;
  }
}
__attribute__((noinline)) long sparse(long x) {
  switch (x) {
  case -100000: return 1; case 7: return 2; case 1000: return 3; case 77777777777L: return 4; case 5: return 5;
  default: return 0;
  }
}

int main(void) {
  volatile int a = -7, b = 3;
  volatile unsigned ua = 4000000000u, ub = 7;
  volatile long long la = -1234567890123LL, lb = 97;
  volatile unsigned char c = 200;
  volatile signed char sc = -100;
  volatile short sh = -30000;
  printf("%d %d %d %d\n", a / b, a % b, a * b, a - b);
  printf("%d %u %lld %d\n", a * 9, ua * 5, la * 17, sh * 3);
  printf("%u %u %u\n", ua / ub, ua % ub, ua >> 3);
  printf("%lld %lld %lld %lld\n", la / lb, la % lb, la >> 5, la << 3);
  printf("%d %d %d\n", c + 1, c >> 2, (unsigned char)(c * 3));
  printf("%d %d %d %d\n", sc >> 2, sc / 3, (signed char)(sc - 100), sc < c);
  printf("%d %d %d\n", sh / 7, sh >> 4, (unsigned short)sh >> 4);
  printf("%d %d %d\n", s8(300), u16(-1), s8(-129));
  printf("%d %d %d %d\n", a < b, ua < ub, la < lb, (unsigned long long)la > lb);
  printf("%x %x %lx\n", 0xdeadbeefu ^ ua, ua & 0xff00ff00u, (unsigned long)la | 0x123456789abcdefUL);
  for (int i = -1; i < 8; i++) printf("%d ", classify(i));
  printf("\n%ld %ld %ld %ld %ld %ld\n", sparse(-100000), sparse(7), sparse(1000), sparse(77777777777L), sparse(5), sparse(6));
  for (int k = -3; k < 3; k++) {
    volatile int v = 1000003 * k;
    volatile unsigned uv = 4000000007u - (unsigned)k;
    volatile long lv = -77777777777L * k;
    volatile short sv = (short)(9999 * k);
    printf("%d %d %u %u %ld %ld %d %d\n", v / 7, v % 10, uv / 13, uv % 1000, lv / 1000, lv % 3, sv / 3, sv % 7);
  }
  int x = 1234567;
  printf("%d %d %d\n", x % 16 == 7, x % 8, -x % 16);
  return 0;
}
