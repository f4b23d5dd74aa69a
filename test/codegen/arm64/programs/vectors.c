/* GCC vector types: arithmetic, and passing and returning them in v registers (AAPCS64 short vectors). */
#include <stdio.h>
typedef int v4si __attribute__((vector_size(16)));
typedef float v2sf __attribute__((vector_size(8)));
typedef double v2df __attribute__((vector_size(16)));
__attribute__((noinline)) v4si addv(v4si a, v4si b) { return a + b * 2; }
__attribute__((noinline)) v2sf mulf(v2sf a, v2sf b) { return a * b; }
__attribute__((noinline)) v2df sub2(v2df a, v2df b) { return a - b; }
int main(void) {
  v4si x = {1, 2, 3, 4}, y = {10, 20, 30, 40};
  v4si z = addv(x, y);
  v2sf f = mulf((v2sf){1.5f, 2.0f}, (v2sf){2.0f, 4.0f});
  v2df g = sub2((v2df){5.0, 1.0}, (v2df){0.5, 0.25});
  printf("%d %d %d %d %g %g %g %g\n", z[0], z[1], z[2], z[3], f[0], f[1], g[0], g[1]);
  return 0;
}
