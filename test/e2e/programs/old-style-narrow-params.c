/* K&R definitions receive default-promoted arguments (C11 6.5.2.2p6) and
   convert them to the declared parameter types (6.9.1p10): an unsigned char
   parameter passed -1 holds 255, a short passed 70000 wraps, a float is
   rounded to float precision. */
#include <stdio.h>

int uc(c) unsigned char c; { return c; }
int sc(s) short s; { return s; }
double fl(f) float f; { return f; }
int mix(a, c, f, b) int a; char c; float f; unsigned short b; { return a + c + (int)(f * 2) + b; }
int addr(c) unsigned char c; { unsigned char *p = &c; return *p + (int)sizeof c; }

int main(void) {
  printf("%d\n", uc(-1));
  printf("%d\n", sc(70000));
  printf("%.17g\n", fl(0.1));
  printf("%d\n", mix(1, 2, 1.75, 65537));
  printf("%d\n", addr(257));
  return 0;
}
