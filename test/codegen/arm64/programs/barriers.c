// Barriers on AArch64: __sync_synchronize (dmb ish), the compiler barrier
// asm volatile("" ::: "memory") and operand-less barrier templates, around a
// message passed from one thread to another through plain memory.
#include <pthread.h>
#include <stdio.h>

static int data[64];
static volatile int ready;

static void *producer(void *arg) {
  int base = *(int *)arg;
  for (int i = 0; i < 64; i++) data[i] = base + i * i;
  __sync_synchronize();  // the data is visible before the flag
  ready = 1;
  return 0;
}

static int seen_after_barrier(void) {
  int x = data[3];
  __asm__ volatile("" ::: "memory");  // the compiler reloads data[3]
  return x + data[3];
}

int main(void) {
  int base = 1000;
  pthread_t t;
  if (pthread_create(&t, 0, producer, &base) != 0) return 1;
  while (!ready) __asm__ volatile("dmb ishld" ::: "memory");
  __sync_synchronize();
  long sum = 0;
  for (int i = 0; i < 64; i++) sum += data[i];
  pthread_join(t, 0);
  __asm__ volatile("nop\n\tdmb ish");
  printf("sum %ld, data[63] %d, twice data[3] %d\n", sum, data[63], seen_after_barrier());
  return 0;
}
