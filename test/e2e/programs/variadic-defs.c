#include <stdio.h>
#include <stdarg.h>
struct P { int x, y; };
struct D { double a, b; };
struct B { long a, b, c; };
int sum(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
double dsum(int n, ...) { va_list ap; va_start(ap, n); double s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, double); va_end(ap); return s; }
void mix(const char *f, ...) {
  va_list ap, aq; va_start(ap, f); va_copy(aq, ap);
  for (const char *p = f; *p; p++) {
    switch (*p) {
      case 'i': printf("i%d ", va_arg(ap, int)); break;
      case 'l': printf("l%ld ", va_arg(ap, long)); break;
      case 'd': printf("d%g ", va_arg(ap, double)); break;
      case 's': printf("s%s ", va_arg(ap, char *)); break;
      case 'P': { struct P q = va_arg(ap, struct P); printf("P%d,%d ", q.x, q.y); break; }
      case 'D': { struct D q = va_arg(ap, struct D); printf("D%g,%g ", q.a, q.b); break; }
      case 'B': { struct B q = va_arg(ap, struct B); printf("B%ld,%ld,%ld ", q.a, q.b, q.c); break; }
    }
  }
  printf("| first again: %d\n", *f == 'i' ? va_arg(aq, int) : -1);
  va_end(aq); va_end(ap);
}
int main(void) {
  printf("%d %g\n", sum(5, 1, 2, 3, 4, 5), dsum(10, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.5));
  struct P p = {1, 2}; struct D d = {1.5, 2.5}; struct B bb = {7, 8, 9};
  mix("idlsPDB", 42, 3.25, 1234567890123L, "str", p, d, bb);
  mix("iiiiiiiiPDddddddddDB", 1,2,3,4,5,6,7,8, p, d, 1.,2.,3.,4.,5.,6.,7.,8., d, bb);
  return 0;
}
