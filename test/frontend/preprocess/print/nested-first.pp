# 1 "nested-first.c"
# 1 "outer.h" 1
# 1 "inner2.h" 1

int in_inner2;
# 2 "outer.h" 2
int in_outer;
# 4 "nested-first.c" 2
int in_main;
# 1 "outer.h" 1
# 1 "inner2.h" 1

int in_inner2;
# 2 "outer.h" 2
int in_outer;
# 6 "nested-first.c" 2
