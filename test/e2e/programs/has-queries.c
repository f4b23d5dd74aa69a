/* Feature tests as portable headers write them: each branch jitcc claims
   (__has_builtin, __has_attribute, __has_include) must then compile and
   run as gcc's does; gnu_inline keeps its GNU meaning. */
#include <stdio.h>
#if __has_include(<stdint.h>)
#include <stdint.h>
#endif

#if defined __has_builtin && __has_builtin(__builtin_mul_overflow) && __has_builtin(__builtin_popcountll)
static int mul_ok(int64_t a, int64_t b, int64_t *r) { return !__builtin_mul_overflow(a, b, r); }
static int bits(uint64_t x) { return __builtin_popcountll(x); }
#else
#error "jitcc implements these builtins"
#endif

#if __has_attribute(constructor) && __has_attribute(__aligned__) && __has_attribute(gnu_inline)
static int ready;
__attribute__((constructor)) static void init(void) { ready = 42; }
static char buf[3] __attribute__((aligned(64)));
char ext_buf[5] __attribute__((aligned(32)));
inline __attribute__((gnu_inline)) int twice(int x) { return 2 * x; }
#else
#error "jitcc implements these attributes"
#endif

int main(void) {
  int64_t r = 0;
  int big = mul_ok(INT64_MAX / 2, 3, &r);
  int small = mul_ok(1000, 1000, &r);
  printf("%d %d %ld %d %d\n", big, small, (long)r, bits(0xF0F0), ready);
  char local[7] __attribute__((aligned(128)));
  printf("%d %d %d %d\n", (int)((uintptr_t)buf % 64), (int)((uintptr_t)ext_buf % 32), (int)((uintptr_t)local % 128), twice(21));
  return 0;
}
