/* An old-style definition whose parameters are promoted (float -> double),
   redeclared later without a prototype in a block (torture 930603-1). */
#include <stdio.h>

float scale(x, n)
     float x;
     short n;
{
  return x * n + 0.5f;
}

int main(void) {
  float scale();
  float r = scale(1.5f, 3);
  printf("%.2f\n", r);
  return 0;
}
