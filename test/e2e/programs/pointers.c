// Pointers: arithmetic, differences, arrays of arrays, pointers to
// pointers, function pointers and arrays of them, void * round trips.
int printf(const char *fmt, ...);

static int square(int x) { return x * x; }
static int twice(int x) { return 2 * x; }
static int apply(int (*f)(int), int v) { return f(v); }

int main(void) {
  int a[10];
  for (int i = 0; i < 10; i++) a[i] = i * i;
  int *p = a + 3;
  int *q = &a[8];
  printf("%d %d %ld %d\n", *p, p[2], q - p, *(q - 1));
  printf("%d\n", 3[a]);
  int m[3][4];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
  int (*row)[4] = m + 1;
  printf("%d %d %zu\n", row[0][2], m[2][3], sizeof m[0]);
  int **pp = &p;
  **pp = 99;
  printf("%d\n", a[3]);
  int (*fs[2])(int) = { square, twice };
  printf("%d %d %d\n", fs[0](7), fs[1](7), apply(square, 9));
  void *v = a;
  int *back = v;
  printf("%d\n", back[9]);
  char buf[4] = "abc";
  char *e = buf;
  while (*e) e++;
  printf("%ld\n", e - buf);
  const char *names[] = { "zero", "one", "two" };
  printf("%s %c\n", names[2], names[1][1]);
  return 0;
}
