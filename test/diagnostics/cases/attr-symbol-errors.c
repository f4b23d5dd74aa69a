int real(void) { return 1; }
int a(void) __attribute__((alias("nowhere")));
int b __attribute__((visibility("secret"))) = 1;
__attribute__((constructor(70000))) static void c(void) {}
__attribute__((constructor(50))) static void d(void) {}
int e __attribute__((section(3)));
