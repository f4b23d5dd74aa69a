// Bit builtins: __builtin_popcount/clz/ctz/ffs/parity/clrsb (int, long and
// long long forms) and __builtin_bswap16/32/64, at run time and in
// constant contexts.
int printf(const char *fmt, ...);

static unsigned values[] = { 1u, 2u, 3u, 0x80000000u, 0xffffffffu, 0x12345678u, 40u };
static int table[__builtin_popcount(0xff) + __builtin_ctz(8)];

int main(void) {
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
    unsigned v = values[i];
    printf("%u: %d %d %d %d %d %d\n", v, __builtin_popcount(v), __builtin_clz(v), __builtin_ctz(v), __builtin_ffs((int)v),
           __builtin_parity(v), __builtin_clrsb((int)v));
  }
  unsigned long long big = 0x00f0000000000100ULL;
  printf("%d %d %d %d\n", __builtin_popcountll(big), __builtin_clzll(big), __builtin_ctzl(big), __builtin_ffsll(0));
  printf("%x %x %llx\n", __builtin_bswap16(0x1234), __builtin_bswap32(0x11223344u), (unsigned long long)__builtin_bswap64(0x0102030405060708ULL));
  printf("%zu\n", sizeof table / sizeof table[0]);
  return 0;
}
