// Old-style (K&R) definitions and unprototyped calls: arguments undergo the
// default promotions (C11 6.5.2.2p6), so float and short parameters arrive
// as double and int.
int printf(const char *fmt, ...);

double scale(x, f) int x; float f; { return x * f; }
int add(a, b) short a; int b; { return a + b; }
int count();
int count(n) int n; { return n <= 0 ? 0 : 1 + count(n - 1); }

int main() {
  printf("%.2f %d %d\n", scale(3, 1.5f), add(2, 40), count(7));
  return 0;
}
