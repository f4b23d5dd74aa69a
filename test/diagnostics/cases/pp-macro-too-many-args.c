#define ONE(a) (a)
int x = ONE(1, 2);
