#include <stdio.h>
struct FF { float a, b; };
struct FI { float a; int b; };
struct U3 { char c[3]; };
union UD { double d; long l; };
struct N { struct FF f; double z; };
struct E16 { long a; long b; };
struct FF ff(struct FF x) { x.a += 1; x.b *= 2; return x; }
struct FI fi(struct FI x) { x.a += 1; x.b *= 2; return x; }
struct U3 u3(struct U3 x) { x.c[2] = 9; return x; }
union UD ud(union UD x) { x.l ^= 1; return x; }
struct N nn(struct N x) { x.z += x.f.a; return x; }
long late(long a, long b, long c, long d, long e, struct E16 s, long f) { return a+b+c+d+e+s.a*100+s.b*1000+f*10000; }
int main(void) {
  struct FF a = ff((struct FF){1.5f, 2.5f});
  struct FI b = fi((struct FI){1.5f, 7});
  struct U3 c = u3((struct U3){{1,2,3}});
  union UD d = ud((union UD){.l = 10});
  struct N e = nn((struct N){{1, 2}, 3});
  printf("%g %g %g %d %d%d%d %ld %g %g %g\n", a.a, a.b, b.a, b.b, c.c[0], c.c[1], c.c[2], d.l, e.f.a, e.f.b, e.z);
  printf("%ld\n", late(1,2,3,4,5,(struct E16){6,7},8));
  return 0;
}
