// Globals of every storage kind, a weak function, a constructor (.init_array),
// TLS, string literals and a call through the PLT: read back from gcc objects
// by read-gcc.test.ts. main returns 27 and prints "x=2 3.000000".
#include <stdio.h>
int counter = 3;
int tentative;
static int hidden_static = 9;
__attribute__((visibility("hidden"))) int hid;
const char *names[] = {"a", "bb"};
double k = 1.5;
__attribute__((weak)) int weakfn(void) { return 1; }
static int helper(int x) { static int calls; calls++; return x * hidden_static + calls; }
int f(int x) { printf("x=%d %f\n", x, k * x); return helper(x) + counter + tentative; }
__attribute__((constructor)) static void init(void) { counter++; }
__thread int tls_var = 4;
int main(void) { return f(2) + tls_var; }
