/* gcc types a long long bit-field of width N (32 < N < 64) as an N-bit
   integer: +, -, * and << on it wrap at N bits (torture bitfld-5), unless
   it is cast first. */
#include <stdio.h>

struct s {
  unsigned long long a : 2;
  unsigned long long b : 40;
  unsigned long long c : 22;
};

struct t {
  long long x : 36;
  long long y : 28;
};

int main(void) {
  struct s s = {1, 2, 3};
  struct t t = {5, 1};
  unsigned long long d = s.b - 8;
  printf("%llx\n", d);
  printf("%llx\n", (unsigned long long)(s.b - 8) + 8);
  printf("%llx\n", (unsigned long long)(s.b * 0x100000) );
  printf("%llx\n", (unsigned long long)(s.b << 39));
  printf("%llx\n", s.b - 8ULL);
  printf("%lld\n", (long long)(t.x - 8));
  t.x = 0x7ffffffffLL;
  printf("%lld\n", (long long)(t.x + 1));
  printf("%d\n", t.y - 2);
  /* A cast to the field's declared type ends its N-bit typing: this adds in 64 bits. */
  s.b = 0xFFFFFFFFFFull;
  printf("%llx %llx\n", (unsigned long long)s.b + 1, s.b + 1);
  return 0;
}
