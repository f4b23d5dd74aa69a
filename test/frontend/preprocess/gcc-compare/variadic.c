/* Variadic macros: counting arguments, forwarding, GNU comma deletion. */
#define COUNT(...) COUNT_(__VA_ARGS__, 5, 4, 3, 2, 1, 0)
#define COUNT_(a, b, c, d, e, n, ...) n
int counts[] = { COUNT(a), COUNT(a, b), COUNT(a, b, c), COUNT(a, (b, c), d) };
#define LOG(fmt, ...) log_impl(__FILE__, __LINE__, fmt, ##__VA_ARGS__)
void f(void) { LOG("x"); LOG("y=%d", 1); LOG("z=%d %d", 1, 2); }
#define FIRST(a, ...) a
#define REST(a, ...) __VA_ARGS__
FIRST(1, 2, 3) REST(1, 2, 3) REST(1)
#define WRAP(...) { __VA_ARGS__ }
WRAP() WRAP(1) WRAP(1, 2)
#define NAMED(args...) g(args)
NAMED() NAMED(1, 2)
#define SHOW(...) #__VA_ARGS__
SHOW() SHOW(a , b,c) SHOW( x )
