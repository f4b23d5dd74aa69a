/* -E output: line markers for includes, blank lines for small gaps, a
   marker for big ones, and macro expansions on the line of their use. */
#include "inc.h"
#define PLUS(a, b) a+b
#define NEG -
int x = PLUS(+1, +2) - NEG-3;
int y = NEG NEG 1;


int after_gap;









int after_big_gap;
#define CAT(a, b) a ## b
int z = CAT(1, 2) + CAT(x, y) CAT(., 5);
char *s = "str" L"wide";
int w = x+++y;
