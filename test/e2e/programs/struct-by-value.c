#include <stdio.h>
struct P { int x, y; };
struct D { double a, b; };
struct M { long a; double b; };
struct B { long a, b, c; };
struct T { char c[3]; };
struct P mkp(int x, int y) { struct P p = {x, y}; return p; }
struct D mkd(double a, double b) { struct D d = {a, b}; return d; }
struct M mkm(struct M m) { m.a++; m.b *= 2; return m; }
struct B mkb(struct B b, int k) { b.c += k; return b; }
struct T mkt(struct T t) { t.c[1]++; return t; }
int sum(int a, int b, int c, int d, int e, struct P p, struct P q) { return a+b+c+d+e+p.x*10+p.y*100+q.x*1000+q.y*10000; }
int main(void) {
  struct P p = mkp(3, 4);
  struct D d = mkd(1.5, 2.5);
  struct M m = mkm((struct M){7, 1.25});
  struct B b = mkb((struct B){1, 2, 3}, 10);
  struct T t = mkt((struct T){{1, 2, 3}});
  printf("%d %d %g %g %ld %g %ld %ld %ld %d%d%d\n", p.x, p.y, d.a, d.b, m.a, m.b, b.a, b.b, b.c, t.c[0], t.c[1], t.c[2]);
  printf("%d\n", sum(1,2,3,4,5,p,mkp(5,6)));
  return 0;
}
