const char *s = "a\qb";
