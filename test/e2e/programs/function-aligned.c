/* GNU aligned(N) on a function: __alignof__ reports it and the code starts
   N-aligned (torture align-3); other functions report 1, as gcc on x86-64. */
#include <stdio.h>
#include <stdint.h>

void aligned_fn(void) __attribute__((aligned(256)));
void aligned_fn(void) {}
static int plain_fn(void) { return 1; }

int main(void) {
  printf("%zu %zu\n", __alignof__(aligned_fn), __alignof__(plain_fn));
  printf("%d\n", (int)((uintptr_t)aligned_fn % 256));
  return plain_fn() - 1;
}
