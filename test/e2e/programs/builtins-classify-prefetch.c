/* __builtin_classify_type returns gcc's type classes without evaluating its
   operand; __builtin_prefetch evaluates its address and changes nothing. */
#include <stdio.h>

struct s { int a; };
union u { int a; float f; };
enum e { A };

int main(void) {
  int i = 0, arr[4] = { 1, 2, 3, 4 };
  double d = 1;
  struct s st = { 1 };
  union u un = { 1 };
  _Bool b = 1;
  enum e en = A;
  printf("%d %d %d %d %d %d %d %d %d\n", __builtin_classify_type(i), __builtin_classify_type(d),
         __builtin_classify_type(&i), __builtin_classify_type(arr), __builtin_classify_type(st),
         __builtin_classify_type(un), __builtin_classify_type(b), __builtin_classify_type(en),
         __builtin_classify_type(i++));
  int *p = arr;
  __builtin_prefetch(p++);
  __builtin_prefetch(p++, 1);
  __builtin_prefetch(p, 0, 3);
  printf("%d %d\n", i, *p);
  return 0;
}
