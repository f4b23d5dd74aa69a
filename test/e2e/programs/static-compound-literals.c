/* Compound literals as static initializers (GNU): the literal of the
   object's type stands for its brace list, also nested in an outer list;
   the address of a file-scope literal is a constant as in C99. */
#include <stdio.h>

struct P { int x, y; };
struct Q { struct P p; int z; const char *name; };
typedef struct { double d[2]; char tag[4]; } R;

struct P p = (struct P){1, 2};
struct Q q = { (struct P){3, 4}, 5, "q" };
const struct Q cq = { .p = (struct P){ .y = 7 }, .z = 8 };
struct Q qs[2] = { { (struct P){9, 10}, 11, "a" }, { (struct P){12, 13}, 14, "b" } };
R r = (R){ { 1.5, 2.5 }, "abc" };
int arr[3] = (int[3]){ 20, 21, 22 };
int unsized[] = (int[]){ 30, 31 };
int scalar = (int){ 40 };
struct P *pp = &(struct P){ 50, 51 };
static struct { struct P a, b; } pair = { (struct P){60, 61}, (struct P){62, 63} };

int main(void) {
  printf("%d %d | %d %d %d %s | %d %d %d\n", p.x, p.y, q.p.x, q.p.y, q.z, q.name, cq.p.x, cq.p.y, cq.z);
  printf("%d %d %d %s %d %d %d %s\n", qs[0].p.x, qs[0].p.y, qs[0].z, qs[0].name, qs[1].p.x, qs[1].p.y, qs[1].z, qs[1].name);
  printf("%g %g %s | %d %d %d | %zu %d %d | %d | %d %d\n", r.d[0], r.d[1], r.tag, arr[0], arr[1], arr[2],
         sizeof unsized / sizeof unsized[0], unsized[0], unsized[1], scalar, pp->x, pp->y);
  printf("%d %d %d %d\n", pair.a.x, pair.a.y, pair.b.x, pair.b.y);
  return 0;
}
