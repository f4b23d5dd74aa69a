// GNU vectors: element-wise arithmetic, bitwise and shift operators, unary
// operators, scalar broadcast, compound assignment, ++/--, narrow element wrap-around.
#include <stdio.h>

typedef int v4si __attribute__((vector_size(16)));
typedef unsigned int v4usi __attribute__((vector_size(16)));
typedef short v8hi __attribute__((vector_size(16)));
typedef unsigned char v16qu __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef double v2df __attribute__((vector_size(16)));
typedef long long v2di __attribute__((__vector_size__(16)));
typedef int v8si __attribute__((vector_size(32)));

static void p4(const char *s, v4si v) { printf("%-6s %d %d %d %d\n", s, v[0], v[1], v[2], v[3]); }

int main(void) {
  v4si a = { 150, -100, 7, 200 }, b = { 10, 13, -2, 30 };
  p4("add", a + b);
  p4("sub", a - b);
  p4("mul", a * b);
  p4("div", a / b);
  p4("rem", a % b);
  p4("and", a & b);
  p4("or", a | b);
  p4("xor", a ^ b);
  p4("shl", a << (v4si){ 1, 2, 3, 4 });
  p4("shr", a >> 2);
  p4("neg", -a);
  p4("not", ~a);
  p4("plus", +a);
  p4("bcast", 1000 - a);
  p4("bcast2", a * 2 + 1);

  v4usi u = { 0xffffffffu, 8, 1, 0x80000000u };
  u = u >> 1;
  printf("ushr %u %u %u %u\n", u[0], u[1], u[2], u[3]);

  v8hi h = { 32767, -32768, 100, -1, 2, 3, 4, 5 };
  h = h + 1;
  printf("short");
  for (int i = 0; i < 8; i++) printf(" %d", h[i]);
  printf("\n");
  h = h * (v8hi){ 2, 2, 300, 300, -1, -1, 0, 1 };
  printf("shmul");
  for (int i = 0; i < 8; i++) printf(" %d", h[i]);
  printf("\n");

  v16qu q = { 250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  q += 10;
  printf("uchar");
  for (int i = 0; i < 16; i++) printf(" %u", q[i]);
  printf("\n");
  q = q / 3;
  printf("udiv");
  for (int i = 0; i < 16; i++) printf(" %u", q[i]);
  printf("\n");

  v4sf f = { 1.5f, -2.0f, 0.25f, 100.0f };
  f = f * 2 + (v4sf){ 0.5f, 0.5f, 0.5f, 0.5f };
  f /= 2.0f;
  printf("float %g %g %g %g\n", f[0], f[1], f[2], f[3]);
  f = -f;
  printf("fneg %g %g %g %g\n", f[0], f[1], f[2], f[3]);

  v2df d = { 1e10, -3.5 };
  d = d / (v2df){ 4, 7 } - 1;
  printf("double %g %g\n", d[0], d[1]);

  v2di l = { 1LL << 40, -5 };
  l = l * 3 + (v2di){ 1, 2 };
  l <<= 1;
  printf("llong %lld %lld\n", l[0], l[1]);

  v8si w = { 1, 2, 3, 4, 5, 6, 7, 8 };
  w = w * w - 1;
  printf("v8si");
  for (int i = 0; i < 8; i++) printf(" %d", w[i]);
  printf("\n");

  v4si c = a;
  c += b;
  c -= 1;
  c *= 2;
  c /= (v4si){ 1, 2, 3, 4 };
  c %= 7;
  c &= ~1;
  c |= 16;
  c ^= 3;
  c <<= 2;
  c >>= 1;
  p4("comp", c);
  v4si old = c++;
  p4("post", old);
  p4("pre", --c);
  --c;
  p4("dec", c);
  v4sf g = { 0.5f, 1, 2, 3 };
  g++;
  printf("finc %g %g %g %g\n", g[0], g[1], g[2], g[3]);
  return 0;
}
