/* Loaded by gcc-objects.test.ts after `gcc -c` at several -O and -f(no-)pic
 * settings: each function exercises one kind of relocation or section. */
#include <math.h>
#include <stdio.h>
#include <string.h>

int counter = 5;                                   /* .data, read via PC32 or GOTPCRELX */
int zeroed;                                        /* .bss (or COMMON with -fcommon) */
static const int table[] = {1, 1, 2, 3, 5, 8, 13, 21}; /* .rodata */
static int initialized;

__attribute__((constructor)) static void init(void) { initialized = 1234; }  /* .init_array */

int get_initialized(void) { return initialized; }
int bump(int by) { counter += by; zeroed += 1; return counter * 100 + zeroed; }
int lookup(int i) { return table[i & 7]; }
static int square(int x) { return x * x; }
__attribute__((noinline)) int sum_squares(int n) { int s = 0; for (int i = 1; i <= n; i++) s += square(i); return s; }
int format(char *buf, int n, int x, const char *s) { return snprintf(buf, n, "%d:%s", x, s); }
unsigned long length(const char *s) { return strlen(s); }
double hyp(double a, double b) { return sqrt(a * a + b * b); }
long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
const char *name(void) { return "jitcc"; }         /* .rodata.str1.1 */
int (*get_bump(void))(int) { return bump; }        /* a function's address as data */
int call_it(int (*f)(int), int x) { return f(x); }
double mean(const double *a, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i]; return n ? s / n : 0; }

/* Enough dense cases for gcc -O2 to emit a jump table in .rodata. */
int classify(int c) {
  switch (c) {
    case 0: return 10; case 1: return 11; case 2: return 42; case 3: return 13;
    case 4: return 14; case 5: return 15; case 6: return 16; case 7: return 17;
    default: return -1;
  }
}
