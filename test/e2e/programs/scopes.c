// Scopes: locals with the same name in sibling and nested blocks are
// distinct objects; static locals keep state; an inner declaration hides
// an outer one only inside its block; sizeof on a declarator in its own
// initializer (6.2.1p7).
int printf(const char *fmt, ...);

static int pick(int c) {
  if (c == 0) {
    long v = 10;
    return (int)v;
  }
  if (c == 1) {
    long v = 20;
    v += c;
    return (int)v;
  }
  long v = 0;
  for (int i = 0; i < c; i++) {
    int v2 = i;
    { int i = 100; v += i; }
    v += v2;
  }
  return (int)v;
}

static int next_id(void) {
  static int id;
  return ++id;
}

int x = 5;

int main(void) {
  printf("%d %d %d\n", pick(0), pick(1), pick(4));
  next_id();
  printf("%d\n", next_id());
  int y = x;
  {
    int x = y * 2;
    printf("%d\n", x);
  }
  printf("%d\n", x);
  int n = sizeof n;
  printf("%d\n", n);
  return 0;
}
