#define ID(a) a
int x = ID(1;
