#frobnicate
int x;
