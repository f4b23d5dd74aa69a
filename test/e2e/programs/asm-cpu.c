/* rdtsc, cpuid and the fence/pause instructions: only that they run (their
   values differ between machines). */
#include <stdio.h>

static unsigned long long rdtsc(void) {
  unsigned lo, hi;
  __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
  return ((unsigned long long)hi << 32) | lo;
}

int main(void) {
  unsigned long long t0 = rdtsc();
  unsigned a, b, c, d;
  __asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
  __asm__ __volatile__("mfence; lfence; sfence; pause; nop" ::: "memory");
  unsigned long long t1 = rdtsc();
  printf("cpuid max leaf positive: %d\n", a > 0);
  printf("vendor length: %d\n", (int)sizeof b + (int)sizeof c + (int)sizeof d);
  printf("tsc advances: %d\n", t1 >= t0);
  return 0;
}
