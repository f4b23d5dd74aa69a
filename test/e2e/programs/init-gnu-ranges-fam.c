/* GNU initializer extensions gcc accepts without -pedantic: range
   designators [lo ... hi] (every element gets the value) and static
   initialization of a flexible array member (the object grows, sizeof not). */
#include <stdio.h>

struct point { int x, y; };
static struct point pts[4] = { [2] = { .y = 5 }, [0 ... 1] = { 1, 2 }, [3].x = 8 };
int table[10] = { [1 ... 4] = 7, [3] = 30, [8] = 9 };
char letters[6] = { [0 ... 4] = 'z' };
struct flex { int n; int data[]; };
static struct flex three = { 3, { 10, 20, 30 } };
struct flex two = { 2, { [1] = 5 } };
struct named { int len; char text[]; };
struct named hello = { 5, "hello" };
int after = 99;

int main(void) {
  for (int i = 0; i < 4; i++) printf("(%d,%d) ", pts[i].x, pts[i].y);
  printf("\n");
  for (int i = 0; i < 10; i++) printf("%d ", table[i]);
  printf("%s\n", letters);
  printf("%d: %d %d %d, sizeof %zu\n", three.n, three.data[0], three.data[1], three.data[2], sizeof three);
  printf("%d: %d %d\n", two.n, two.data[0], two.data[1]);
  printf("%d %s %d\n", hello.len, hello.text, after);
  return 0;
}
