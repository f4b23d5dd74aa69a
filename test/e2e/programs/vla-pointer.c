/* Pointers to VLAs: arithmetic, ++/--, differences and compound assignment step by the run-time row size. */
#include <stdio.h>

int main(void) {
  int rows = 6, cols = 7;
  short m[rows][cols];
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) m[i][j] = (short)(i * 100 + j);
  short (*p)[cols] = m;
  p++;
  printf("%d\n", (*p)[3]);
  short (*q)[cols] = p++;
  printf("%d %d\n", q[0][1], p[0][1]);
  p += 2;
  printf("%d %td\n", (*p)[6], p - m);
  p -= 1;
  --p;
  printf("%d %td\n", p[1][2], &m[5] - p);
  printf("%zu %zu\n", sizeof *p, sizeof p[0][0]);
  return 0;
}
