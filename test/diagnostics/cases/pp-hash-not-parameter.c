#define S(x) #y
int x;
