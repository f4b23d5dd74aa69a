/* Bit-fields promote by width, whatever their declared type (gcc): narrower
   than int → int, 32 bits of long → int / unsigned int, wider ones keep
   their own N-bit type; two wide fields combine at the wider width. */
#include <stdio.h>

struct X {
  unsigned long u31 : 31;
  unsigned long u32 : 32;
  signed long s32 : 32;
  unsigned long long ull3 : 3;
  unsigned long long ull35 : 35;
  unsigned long long u33 : 33;
  unsigned long long u40 : 40;
};

int main(void) {
  struct X x = { 0, 0, 0, 0, 0, 0x100000000ULL, 0x100000000ULL };
  printf("%d %d %d %d %d\n", (x.u31 - 2) < 0, (x.u32 - 2) < 0, (x.s32 - 2) < 0, (x.ull3 - 2) < 0, (x.ull35 - 2) < 0);
  printf("%llx %llx\n", (unsigned long long)(x.u33 + x.u33), (unsigned long long)(x.u33 + x.u40));
  printf("%zu %zu\n", sizeof(x.u31 + 0), sizeof(x.ull35 + 0));
  return 0;
}
