// Integer arithmetic: promotions, usual arithmetic conversions, signed and
// unsigned division, shifts, wrap-around, char signedness (x86-64: signed).
int printf(const char *fmt, ...);

int main(void) {
  int a = 17, b = -5;
  unsigned u = 17;
  printf("%d %d %d %d\n", a / b, a % b, -a / 5, -a % 5);
  printf("%u %u\n", u / 5u, (unsigned)-1 / 2u);
  printf("%d\n", -1 < 1u);            /* -1 converts to UINT_MAX: 0 */
  printf("%d\n", (long)-1 < 1u);      /* long holds all unsigned: 1 */
  unsigned char uc = 200;
  signed char sc = (signed char)200;
  char c = (char)200;
  printf("%d %d %d\n", uc, sc, c);
  printf("%d %d\n", uc + uc, (unsigned char)(uc + uc));
  int x = 0x7fffffff;
  printf("%u\n", (unsigned)x + 1u);
  printf("%d %d %d\n", 1 << 10, -16 >> 2, (int)(0x80000000u >> 4));
  long long big = 1LL << 40;
  printf("%lld %lld\n", big, big * 3 - 1);
  unsigned long ul = 18446744073709551615UL;
  printf("%lu %lu\n", ul, ul / 3);
  short s = 30000;
  s += s;                              /* wraps in short */
  printf("%d\n", s);
  int m = 7;
  m *= 3; m -= 1; m /= 2; m %= 6; m <<= 3; m >>= 1; m |= 1; m &= 13; m ^= 6;
  printf("%d\n", m);
  printf("%d %d\n", ~5, !5);
  printf("%zu %zu %zu\n", sizeof(long), sizeof(a + 1L), sizeof(char) + sizeof(short));
  return 0;
}
