# 1 "markers.c"
# 1 "inc.h" 1

int from_header;
# 1 "inner.h" 1
int innermost;
# 4 "inc.h" 2
int back_in_header;
# 4 "markers.c" 2


int x = +1+ +2 - - -3;
int y = - - 1;


int after_gap;
# 20 "markers.c"
int after_big_gap;

int z = 12 + xy .5;
char *s = "str" L"wide";
int w = x++ +y;
