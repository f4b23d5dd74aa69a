/* GNU aligned(N) on a typedef gives the new type that alignment (sizeof is
   unchanged): it moves struct members and aligns variables (torture 20050215-1). */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { char c[8]; } V __attribute__((aligned(8)));
typedef int I16 __attribute__((aligned(16)));
struct S { char c; I16 x; V v; };
V global_v;
char pad;
I16 global_i;

int main(void) {
  printf("%zu %zu %zu %zu\n", _Alignof(V), _Alignof(I16), sizeof(I16), sizeof(struct S));
  printf("%zu %zu\n", offsetof(struct S, x), offsetof(struct S, v));
  I16 local = 3;
  printf("%d %d %d\n", (int)((uintptr_t)&global_v % 8), (int)((uintptr_t)&global_i % 16), (int)((uintptr_t)&local % 16));
  return 0;
}
