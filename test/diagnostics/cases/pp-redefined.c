#define N 1
#define N 2
int x = N;
