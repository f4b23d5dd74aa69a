/* Lexical errors reach the preprocessor's output only in lines not skipped. */
#if 0
don't care about this apostrophe
#endif
char c = 'x;
char *s = "abc;
int ok;
/* unterminated comment
