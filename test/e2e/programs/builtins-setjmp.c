/* GNU __builtin_setjmp / __builtin_longjmp (a 5-word buffer): the second
   return yields 1, locals changed after the setjmp keep their new values
   (the function keeps them in memory), and the stack is restored. */
#include <stdio.h>

static void *buf[5];
static int depth;

__attribute__((noinline)) static void unwind(int n) {
  if (n > 0) unwind(n - 1);
  __builtin_longjmp(buf, 1);
}

__attribute__((noinline)) static int run(int x) {
  int steps = 0;
  if (__builtin_setjmp(buf) == 0) {
    steps = 10;
    depth++;
    unwind(5);
    return -1;
  }
  return steps + x + depth;
}

int main(void) {
  printf("%d\n", run(3));
  printf("%d\n", run(4));
  return 0;
}
