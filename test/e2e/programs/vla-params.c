/* VLA parameters: sizes from earlier parameters, evaluated at entry with side effects; [*] prototypes. */
#include <stdio.h>

void fill(int n, int a[n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) a[i][j] = i * n + j;
}
long sum(int r, int c, int m[r][c]) {
  long s = 0;
  for (int i = 0; i < r; i++)
    for (int j = 0; j < c; j++) s += m[i][j] * (i + 1);
  return s + (long)sizeof m[0];
}
int side(int a, int b[a++], int c, int d[c++]) { return a * 100 + c + b[0] + d[1]; }
int last(int n, int a[*]);
int last(int n, int a[n]) { return a[n - 1]; }

int main(void) {
  int n = 4;
  int a[n][n];
  fill(n, a);
  printf("%d %d %ld\n", a[3][2], a[1][1], sum(n, n, a));
  int b[3] = {1, 2, 3};
  printf("%d %d\n", side(5, b, 7, b), last(3, b));
  return 0;
}
