#ifdef FOO
#endif FOO
int x;
