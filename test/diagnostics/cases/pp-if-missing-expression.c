#if
#endif
int x;
