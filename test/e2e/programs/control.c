// Control flow: loops with break/continue, switch with fallthrough and
// ranges, goto, recursion, and short-circuit evaluation order.
int printf(const char *fmt, ...);

static int calls;
static int touch(int v) { calls++; return v; }

static const char *kind(int c) {
  switch (c) {
  case 0: return "zero";
  case 1:
  case 2: return "small";
  case 3 ... 9: return "digit";
  case 100: break;
  default: return "other";
  }
  return "hundred";
}

static int ack(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

int main(void) {
  int sum = 0;
  for (int i = 0; i < 20; i++) {
    if (i % 3 == 0) continue;
    if (i > 15) break;
    sum += i;
  }
  printf("%d\n", sum);
  int n = 0;
  do n += 2; while (n < 7);
  printf("%d\n", n);
  printf("%s %s %s %s %s\n", kind(0), kind(2), kind(5), kind(100), kind(-4));
  int k = 0;
again:
  k++;
  if (k < 5) goto again;
  printf("%d\n", k);
  calls = 0;
  int r = touch(0) && touch(1);
  int s = touch(1) || touch(0);
  int t = touch(0) || (touch(1) && touch(1));
  printf("%d %d %d %d\n", r, s, t, calls);
  printf("%d\n", ack(2, 3));
  int x = 5;
  int y = x > 3 ? x * 2 : x - 1;
  printf("%d\n", y);
  int w = 0, steps = 0;
  while (w < 100) { w = w * 2 + 1; steps++; }
  printf("%d %d\n", w, steps);
  int fall = 0;
  switch (2) { case 1: fall += 1; case 2: fall += 2; case 3: fall += 3; }
  printf("%d\n", fall);
  return 0;
}
