/* Vector loops with more live values than vector registers: the splatted
 * constants live through the loop, so the allocator spills and reloads
 * 16-byte vectors (two spill slots each). Output as gcc -O2 prints it. */
#include <stdio.h>
__attribute__((noinline)) void many(double *d, const double *a, const double *b, double k, int n)
{
    for (int i = 0; i < n; i++) {
        double x = a[i], y = b[i];
        d[i] = ((((x * 1.5 + y * 2.5) * (x - 3.5) + (y - 4.5) * 5.5) / (x + 6.5) + (y * 7.5 - x * 8.5)) * (k + 9.5)
               - ((x * 10.5 + 11.5) * (y * 12.5 + 13.5) + (x * 14.5 - 15.5) * (y * 16.5 - 17.5)) / (x * 18.5 + 19.5 + k * 20.5)) * (y + 21.5) + 22.5 * k;
    }
}
__attribute__((noinline)) void manyi(int *d, const int *a, int k, int n)
{
    for (int i = 0; i < n; i++) {
        int x = a[i];
        d[i] = (((x + 1) ^ (x + 2)) + ((x ^ 3) - (x & 4)) + ((x | 5) ^ (x + 6)) - ((x + 7) & (x ^ 8)) + ((x | 9) - (x & 10))
               + ((x + 11) ^ (x - 12)) + ((x | 13) & (x ^ 14)) + ((x + 15) | (x - 16)) + ((x ^ 17) + (x & 18))) ^ (k + 19) ^ ((x | 20) + (x & 21));
    }
}
int main(void)
{
    static double a[103], b[103], d[103];
    static int ia[103], id[103];
    for (int i = 0; i < 103; i++) { a[i] = i * 0.37 - 11; b[i] = 5 - i * 0.11; ia[i] = i * 7919 - 300000; }
    many(d, a, b, 0.75, 103);
    manyi(id, ia, 12345, 103);
    unsigned long long h = 0;
    for (int i = 0; i < 103; i++) { printf("%a ", d[i]); h = h * 31 + (unsigned)id[i]; }
    printf("\n%llx\n", h);
    return 0;
}
