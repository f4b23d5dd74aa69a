struct s { int a; };
struct s v = { .b = 1 };
