// Jump tables, double constants (.rodata.cst8), function pointers in data,
// a destructor (.fini_array) and an external array: read back from gcc
// objects by read-gcc.test.ts. main prints "17 2.500000 9 1".
#include <stdio.h>
extern int ext_table[];
static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }
int (*ops[])(int) = { twice, thrice };
int pick(int k) {
  switch (k) {
  case 0: return 11; case 1: return 17; case 2: return 23; case 3: return 5;
  case 4: return 8; case 5: return 13; default: return -1;
  }
}
double scale(double v) { return v * 1.25; }
__attribute__((destructor)) static void bye(void) { fflush(stdout); }
int ext_table[] = { 9, 1 };
int main(void) {
  printf("%d %f %d %d\n", pick(1), scale(2.0), ops[1](3), ext_table[1]);
  return 0;
}
