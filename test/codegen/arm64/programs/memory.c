/* Memory and frames: arrays and addressing modes, VLAs and alloca, big frames, globals, function pointers, over-aligned locals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <alloca.h>

int g_table[100];
static long g_counter = 3;
const char *g_names[] = { "zero", "one", "two" };
_Thread_local int t_local = 17;

__attribute__((noinline)) long sum_vla(int n) {
  long a[n];
  for (int i = 0; i < n; i++) a[i] = i * i;
  char *p = alloca(n + 1);
  memset(p, 'x', n);
  p[n] = 0;
  long s = 0;
  for (int i = 0; i < n; i++) s += a[i];
  return s + (long)strlen(p);
}
__attribute__((noinline)) int big_frame(int k) {
  volatile int big[20000];
  for (int i = 0; i < 20000; i++) big[i] = i ^ k;
  return big[19999] + big[4096] + big[k];
}
__attribute__((noinline)) int aligned_local(void) {
  _Alignas(64) char buf[100];
  buf[0] = (char)((unsigned long)buf % 64);
  return buf[0];
}
static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }

int main(void) {
  for (int i = 0; i < 100; i++) g_table[i] = i * 3;
  short sh[10];
  for (int i = 0; i < 10; i++) sh[i] = (short)(i - 5);
  long acc = 0;
  for (int i = 0; i < 100; i += 7) acc += g_table[i];
  for (int i = 0; i < 10; i++) acc += sh[i] * i;
  printf("%ld %ld %s\n", acc, ++g_counter, g_names[2]);
  printf("%ld %d %d\n", sum_vla(10), big_frame(5), aligned_local());
  int (*fs[])(int) = { twice, thrice };
  printf("%d %d\n", fs[0](21), fs[1](7));
  int *heap = malloc(1000 * sizeof *heap);
  for (int i = 0; i < 1000; i++) heap[i] = i;
  printf("%d %d\n", heap[999], heap[500]);
  free(heap);
  t_local += 1;
  printf("%d\n", t_local);
  return 0;
}
