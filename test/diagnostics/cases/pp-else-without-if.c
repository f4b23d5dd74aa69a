#else
int x;
#endif
