/* 2-D VLAs: indexing, sizeof at run time, sizeof of a VLA type name, typedef evaluated once. */
#include <stdio.h>

static int calls;
static int next_size(void) { return ++calls + 2; }

int main(void) {
  int r = 3, c = 5;
  double m[r][c];
  for (int i = 0; i < r; i++)
    for (int j = 0; j < c; j++) m[i][j] = i * 10 + j;
  printf("sizeof m=%zu m[0]=%zu int[r][c]=%zu\n", sizeof m, sizeof m[0], sizeof(int[r][c]));
  printf("m[2][4]=%g m[1][3]=%g\n", m[2][4], m[1][3]);
  int n = 2;
  typedef int row[n];   /* the size is fixed here: 2 */
  n = 10;
  row x;
  printf("sizeof row=%zu sizeof x=%zu\n", sizeof(row), sizeof x);
  typedef char buf[next_size()];
  buf b1, b2;
  printf("calls=%d sizeof b1=%zu b2=%zu\n", calls, sizeof b1, sizeof b2);
  int k[3][c];
  printf("sizeof k=%zu\n", sizeof k);
  return 0;
}
