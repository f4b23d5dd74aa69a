#define INNER2 1
int in_inner2;
