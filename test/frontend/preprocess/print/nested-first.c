/* A header whose first line includes another: -E must still mark
   entering it (flag 1) before the nested header, and returning to it (2). */
#include "outer.h"
int in_main;
#include "outer.h"
