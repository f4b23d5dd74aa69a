/* Tail recursion and recursive inlining at -O2: the accumulator forms
 * (add, mul, xor, and, or), plain tail calls, void ones, and functions the
 * pass must leave alone (a local whose address the recursion reads, a call
 * with side effects after the recursion, a float accumulation). */
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static long long fact(long long n) { return n <= 1 ? 1 : n * fact(n - 1); }
static unsigned gcd(unsigned a, unsigned b) { return b == 0 ? a : gcd(b, a % b); }
static unsigned xorsum(unsigned n) { return n == 0 ? 0 : (n * 2654435761u) ^ xorsum(n - 1); }
static int allbits(int n) { return n == 0 ? -1 : (n | 0x100) & allbits(n - 1); }
static int anybits(int n) { return n == 0 ? 0 : (1 << (n % 31)) | anybits(n - 1); }

struct node { int value; struct node *next; };
static long sum(struct node *p) { return p == 0 ? 0 : p->value + sum(p->next); }

static int ticks;
static void countdown(int n) { if (n <= 0) return; ticks += n; countdown(n - 1); }

/* The recursion reads the caller's local through q: no loop may reuse x's slot. */
static int chain(int *q, int n) { int x = n * 10; if (n == 0) return *q; return chain(&x, n - 1); }

static int calls;
static int side(void) { return ++calls; }
static int after(int n) { return n == 0 ? 0 : after(n - 1) + side() * n; }

static double halves(double x, int n) { return n == 0 ? x : halves(x, n - 1) * 0.5 + x; }

int main(void) {
  struct node c = {3, 0}, b = {20, &c}, a = {100, &b};
  int base = 7;
  printf("fib %d %d %d\n", fib(0), fib(1), fib(30));
  printf("fact %lld\n", fact(20));
  printf("gcd %u %u\n", gcd(1071, 462), gcd(17, 0));
  printf("xor %u and %d or %d\n", xorsum(1000), allbits(50), anybits(40));
  printf("sum %ld\n", sum(&a));
  countdown(100);
  printf("ticks %d\n", ticks);
  printf("chain %d %d\n", chain(&base, 0), chain(&base, 3));
  int r = after(10);
  printf("after %d calls %d\n", r, calls);
  printf("halves %.17g\n", halves(1.0, 30));
  return 0;
}
