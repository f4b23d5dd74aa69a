// Initializers that override earlier ones (C11 6.7.9p19), in every order:
// designators going backwards and jumping around, a braced initializer for
// a whole subobject replacing earlier designations inside it, a scalar
// overriding part of a struct value, bit-fields overridden one by one while
// their neighbours in the same storage unit stay, and a string replacing
// single characters. Static and automatic objects take the same rules.
int printf(const char *fmt, ...);

struct bits { unsigned a : 3, b : 5, c : 8; int tail; };
struct pair { int x, y; };
struct box { struct pair p; int n[3]; };

static int backwards[6] = { [5] = 5, [4] = 4, [3] = 3, [0] = 10, 11, 12, [4] = 44 };
static int jumps[8] = { [6] = 1, [2] = 2, 3, 4, [1] = 5, [6] = 6, 7 };
static struct box replaced = { .p.y = 9, .n[2] = 8, .p = { 1 }, .n = { [1] = 7 } };
static struct bits fields = { .b = 3, .a = 1, .c = 200, .a = 6, .tail = -1, .b = 17 };
static char text[8] = { [1] = 'q', [0] = 'a', [3] = 'z' };
static struct pair pairs[4] = { [3] = { 1, 2 }, [1].y = 5, [3].x = 7, [1] = { .x = 6 } };

static void show(const char *name, const int *v, int n) {
  printf("%s:", name);
  for (int i = 0; i < n; i++) printf(" %d", v[i]);
  printf("\n");
}

int main(void) {
  int local_backwards[6] = { [5] = 5, [4] = 4, [3] = 3, [0] = 10, 11, 12, [4] = 44 };
  struct box local_box = { .p.y = 9, .n[2] = 8, .p = { 1 }, .n = { [1] = 7 } };
  struct pair pv = { 3, 4 };
  struct { struct pair p; int z; } overlay = { .p = pv, .p.y = 40, .z = 5 };
  struct bits local_fields = { .b = 3, .a = 1, .c = 200, .a = 6, .tail = -1, .b = 17 };
  show("backwards", backwards, 6);
  show("local backwards", local_backwards, 6);
  show("jumps", jumps, 8);
  printf("replaced: %d %d %d %d %d\n", replaced.p.x, replaced.p.y, replaced.n[0], replaced.n[1], replaced.n[2]);
  printf("local box: %d %d %d %d %d\n", local_box.p.x, local_box.p.y, local_box.n[0], local_box.n[1], local_box.n[2]);
  printf("overlay: %d %d %d\n", overlay.p.x, overlay.p.y, overlay.z);
  printf("fields: %u %u %u %d\n", fields.a, fields.b, fields.c, fields.tail);
  printf("local fields: %u %u %u %d\n", local_fields.a, local_fields.b, local_fields.c, local_fields.tail);
  printf("text: %c %c %d %c\n", text[0], text[1], text[2], text[3]);
  for (int i = 0; i < 4; i++) printf("pairs[%d]: %d %d\n", i, pairs[i].x, pairs[i].y);
  return 0;
}
