#include "inner2.h"
int in_outer;
