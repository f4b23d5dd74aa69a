/* Built by aarch64-linux-gnu-gcc -c -O2 (and -O2 -fPIC) and loaded on an
 * emulated ARM64 Node by run.mjs: one function per kind of binding the
 * loader's FFI offers, so AAPCS64 argument passing (x0–x7, v0–v7, the
 * stack, HFAs, composites by reference, the indirect result in x8) is
 * exercised through koffi with the prototypes the test gives. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int add_ints(int a, int b) { return a + b; }
int64_t mul64(int64_t a, int64_t b) { return a * b; }
uint64_t big_unsigned(void) { return 0xfedcba9876543210ull; }
uint8_t wrap_u8(unsigned x) { return (uint8_t)x; }
int16_t neg16(int16_t x) { return (int16_t)-x; }
char first_char(const char *s) { return s[0]; } /* plain char is unsigned on AArch64 */
float scale_f(float x, float k) { return x * k; }
_Bool is_even(int x) { return x % 2 == 0; }
/* Ten integers and ten doubles: the last two of each go on the stack. */
long sum10(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j) {
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}
double mix10(double a, int b, double c, float d, double e, double f, double g, double h, double i, double j, double k, int l) {
  return a + b + c + d + e + f + g + h + i + 10 * j + 100 * k + l;
}

static char greeting[64];
const char *greet(const char *name) { snprintf(greeting, sizeof greeting, "hello, %s", name); return greeting; }
size_t count_char(const char *s, char c) { size_t n = 0; for (; *s; s++) n += *s == c; return n; }
void fill_squares(int *out, int n) { for (int i = 0; i < n; i++) out[i] = i * i; }
double dot(const double *a, const double *b, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
void upcase(char *s) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s -= 32; }

struct point { int x, y; };
struct point make_point(int x, int y) { struct point p = { x, y }; return p; }
int manhattan(struct point p) { return abs(p.x) + abs(p.y); }
void move_point(struct point *p, int dx) { p->x += dx; }
struct vec3 { double x, y, z; }; /* a homogeneous floating-point aggregate: v0–v2 */
struct vec3 cross(struct vec3 a, struct vec3 b) {
  struct vec3 r = { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
  return r;
}
struct big { long a, b, c, d; }; /* over 16 bytes: passed by reference to a copy, returned through x8 */
struct big big_add(struct big p, struct big q) { struct big r = { p.a + q.a, p.b + q.b, p.c + q.c, p.d + q.d }; return r; }
struct mixed { char c; float f; short s; };
struct mixed mixed_next(struct mixed m) { m.c += 1; m.f *= 2; m.s -= 1; return m; }

int apply(int (*f)(int), int x) { return f(f(x)); }
double integrate(double (*f)(double), double a, double b, int n) {
  double h = (b - a) / n, s = 0;
  for (int i = 0; i < n; i++) s += f(a + (i + 0.5) * h) * h;
  return s;
}
void each(const int *a, int n, void (*cb)(int index, int value)) { for (int i = 0; i < n; i++) cb(i, a[i]); }
int sum_ints(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }

int g_counter = 3;
double g_table[4] = { 1.5, 2.5, 3.5, 4.5 };
const char *g_name = "arm64";
const int g_const = 77;
int bump_counter(void) { return ++g_counter; }
double table_sum(void) { return g_table[0] + g_table[1] + g_table[2] + g_table[3]; }

static int cleaned;
static void cleanup(void) { cleaned = 1; }
/* atexit comes from libc_nonshared.a in a real link: the loader provides it (libc-nonshared.ts). */
int register_cleanup(void) { return atexit(cleanup); }
