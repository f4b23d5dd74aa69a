// Structs and unions: member access, copies, by-value parameters and
// results between our own functions, nested and anonymous members,
// bit-fields, and unions reinterpreting bytes.
int printf(const char *fmt, ...);

struct point { int x, y; };
struct rect { struct point lo, hi; };
struct flags { unsigned a : 3; int b : 5; unsigned c : 1; };
struct tagged { int kind; union { int i; float f; }; };

static struct point add(struct point p, struct point q) {
  struct point r = { p.x + q.x, p.y + q.y };
  return r;
}

static int area(struct rect r) { return (r.hi.x - r.lo.x) * (r.hi.y - r.lo.y); }

int main(void) {
  struct point a = { 1, 2 }, b = { 10, 20 };
  struct point c = add(a, b);
  printf("%d %d\n", c.x, c.y);
  struct rect r = { { 0, 0 }, { 4, 5 } };
  struct rect s = r;
  s.hi.x = 10;
  printf("%d %d\n", area(r), area(s));
  struct point *pp = &s.lo;
  pp->y = -1;
  printf("%d\n", s.lo.y);
  struct flags f = { 5, -3, 1 };
  printf("%u %d %u\n", f.a, f.b, f.c);
  f.a++;
  f.b = 15;
  f.b++;                                 /* wraps to -16 in 5 bits */
  printf("%u %d %u %zu\n", f.a, f.b, f.c, sizeof f);
  struct tagged t;
  t.kind = 1;
  t.f = 1.0f;
  printf("%d %x\n", t.kind, t.i);
  union { unsigned u; unsigned char bytes[4]; } w = { 0x11223344 };
  printf("%x %x\n", w.bytes[0], w.bytes[3]);
  struct point arr[3] = { [1] = { 5, 6 } };
  arr[2] = arr[1];
  printf("%d %d %d\n", arr[0].x, arr[2].x, arr[2].y);
  return 0;
}
