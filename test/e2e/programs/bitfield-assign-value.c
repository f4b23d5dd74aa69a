/* The value of an assignment, compound assignment or prefix ++ to a
   bit-field is the field's value after the store (C11 6.5.16p3), truncated
   to its width: (s.m = 1081) is -967 for an 11-bit signed field. */
#include <stdio.h>

struct S { signed int m : 11; unsigned int u : 3; int pad : 5; unsigned long long big : 40; };

int main(void) {
  struct S s = { 0, 0, 0, 0 };
  int j = 1081;
  printf("%d\n", (s.m = j) == j);
  printf("%d ", s.m = j); printf("%d\n", s.m);
  printf("%d ", s.u = 13); printf("%u\n", s.u);
  printf("%d\n", s.u += 6);
  s.u = 7;
  printf("%d ", ++s.u); printf("%u\n", s.u);
  s.m = 1023;
  printf("%d ", ++s.m); printf("%d\n", s.m);
  printf("%d\n", s.m -= 1);
  s.pad = -16;
  printf("%d ", --s.pad); printf("%d\n", s.pad);
  printf("%llu\n", (unsigned long long)(s.big = 0x1234567890ULL));
  printf("%llx\n", (unsigned long long)(s.big = 0xFF1234567890ULL));
  return 0;
}
