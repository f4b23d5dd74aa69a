// Initialization: designated initializers, brace elision, strings in char
// arrays, static and automatic aggregates, static locals that keep their
// value, compound literals, and address constants in static data.
int printf(const char *fmt, ...);

struct config { const char *name; int sizes[3]; double scale; };
static struct config table[] = {
  { "alpha", { 1, 2, 3 }, 0.5 },
  { .name = "beta", .sizes[1] = 7, .scale = 2 },
  "gamma", 4, 5, 6, 1.25,                 /* brace elision */
};
static int data[] = { 10, 20, 30, 40 };
static int *second = &data[1];
static char greeting[16] = "hi";
static const char *const words[] = { "x", "yy", "zzz" };

static int counter(void) {
  static int n = 100;
  return n++;
}

int main(void) {
  for (int i = 0; i < 3; i++)
    printf("%s %d %d %d %.2f\n", table[i].name, table[i].sizes[0], table[i].sizes[1], table[i].sizes[2], table[i].scale);
  printf("%d %d %zu\n", *second, second[2], sizeof data);
  printf("%s %d %d\n", greeting, greeting[2], (int)sizeof greeting);
  printf("%s\n", words[2]);
  counter();
  counter();
  printf("%d\n", counter());
  int local[5] = { [2] = 9, 8 };
  printf("%d %d %d %d %d\n", local[0], local[1], local[2], local[3], local[4]);
  char s[] = "abc";
  printf("%zu %c\n", sizeof s, s[1]);
  int *lit = (int[]){ 3, 1, 4 };
  struct config *c = &(struct config){ "lit", { 9 }, 3.0 };
  printf("%d %s %d %.1f\n", lit[2], c->name, c->sizes[0] + c->sizes[1], c->scale);
  struct { int a, b; } pair = { 1 };
  printf("%d %d\n", pair.a, pair.b);
  return 0;
}
