/* Loops the vectorizer (ir/passes/vectorize.ts) takes or refuses, with trip
 * counts around the vector width, overlapping and disjoint arrays, and
 * values whose rounding, infinities and signed zeros show any lane computed
 * differently from the scalar loop. Printed exactly (%a, hex). Also run
 * for AArch64 (test/codegen/arm64/programs.test.ts) with
 * reference: gcc -O2 (a·x + y contracts to fmadd there, and to fmla in
 * jitcc's vector loops) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

__attribute__((noinline)) void saxpy(double a, const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++)
        y[i] += a * x[i];
}

__attribute__((noinline)) void scale_f(float *d, const float *s, float k, float c, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (s[i] * k - c) / k;
}

__attribute__((noinline)) void mix_i(int *d, const int *a, const int *b, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = ((a[i] + b[i]) ^ 0x5a5a) - (a[i] & 7);
}

__attribute__((noinline)) void mix_l(long *d, const long *a, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        d[i] = (a[i] | 1) - d[i];
}

__attribute__((noinline)) void add_ll(long long *d, const long long *a, long n)
{
    for (long i = 0; i < n; i++)
        d[i] = d[i] + a[i];
}

/* A recurrence: each element needs the one just stored (refused). */
__attribute__((noinline)) void prefix(double *a, int n)
{
    for (int i = 0; i + 1 < n; i++)
        a[i + 1] = a[i] + a[i + 1];
}

/* A floating-point sum: vectorizing would reassociate it (refused). */
__attribute__((noinline)) double sum(const double *a, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

static unsigned long long hash_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    unsigned long long h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

int main(void)
{
    enum { N = 64 };
    static double x[N + 8], y[N + 8];
    static float fs[N + 8], fd[N + 8];
    static int ia[N + 8], ib[N + 8], id[N + 8];
    static long la[N + 8], ld[N + 8];
    static long long qa[N + 8], qd[N + 8];
    double specials[] = { 0.0, -0.0, 1.0 / 3, 1e308, -1e308, 2.5, INFINITY, -INFINITY, 5e-324, 0.1 };
    for (int n = 0; n <= 19; n++) {
        for (int i = 0; i < N + 8; i++) {
            x[i] = specials[(i * 7 + n) % 10] + i * 0.125;
            y[i] = specials[(i * 3 + n) % 10] - i;
            fs[i] = (float)(i * 1.1 - n);
            fd[i] = 0;
            ia[i] = i * 123457 - n * 99991;
            ib[i] = 0x7fffff00 + i;
            id[i] = -1;
            la[i] = (long)i << 40 | n;
            ld[i] = i * 3;
            qa[i] = -i;
            qd[i] = (long long)i * i;
        }
        saxpy(1.0 / 3, x, y, n);
        /* Overlapping: y's elements read as x, shifted by 0..3 elements either way. */
        saxpy(0.5, y + 1, y, n);
        saxpy(-2.0, y, y + 1, n);
        saxpy(3.0, y + 3, y, n);
        saxpy(0.25, y, y, n);
        scale_f(fd, fs, 0.3f, 1e-3f, n);
        scale_f(fs + 2, fs, 1.7f, 2.0f, n);
        mix_i(id, ia, ib, n);
        mix_i(ia + 1, ia, ib, n);
        mix_l(ld, la, (unsigned)n);
        add_ll(qd, qa, n);
        add_ll(qd + 1, qd, n);
        prefix(x, n);
        double s = sum(y, n);
        printf("n=%2d y=%016llx x=%016llx f=%016llx i=%016llx l=%016llx q=%016llx sum=%a y0=%a yl=%a\n", n,
               hash_bytes(y, sizeof y), hash_bytes(x, sizeof x), hash_bytes(fd, sizeof fd) ^ hash_bytes(fs, sizeof fs),
               hash_bytes(id, sizeof id) ^ hash_bytes(ia, sizeof ia), hash_bytes(ld, sizeof ld), hash_bytes(qd, sizeof qd),
               s, y[0], y[n > 0 ? n - 1 : 0]);
    }
    return 0;
}
