/* Empty asm templates as optimization barriers: "+r", "=r" tied with "0",
   volatile with a memory clobber, and basic asm; they emit nothing but the
   values must pass through the constrained places unchanged. */
#include <stdio.h>

static int opaque(int x) {
  asm("" : "+r"(x));
  return x;
}

static long tied(long x) {
  long y;
  asm("" : "=r"(y) : "0"(x));
  return y;
}

static int counter;

static void bump_many(int n) {
  for (int i = 0; i < n; i++) {
    counter++;
    asm volatile("" ::: "memory");
  }
}

int main(void) {
  int sum = 0;
  for (int i = 0; i < 10; i++) {
    asm("");
    sum += opaque(i);
  }
  printf("sum %d\n", sum);
  printf("tied %ld\n", tied(-1234567890123L));
  bump_many(5);
  printf("counter %d\n", counter);
  double d = 2.5;
  asm("" : "+x"(d));
  printf("double %g\n", d);
  unsigned char c = 200;
  asm("" : "+r"(c));
  printf("char %d\n", c + 100);
  __asm__ __volatile__("" : : "r"(sum), "m"(counter) : "memory");
  return 0;
}
