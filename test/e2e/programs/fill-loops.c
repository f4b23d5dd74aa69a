/* Byte-filling loops (loop-idiom turns them into memset at -O2): empty and
 * one-byte ranges, a start past the end, a negative start from the middle
 * of a buffer, and loops that must stay loops (counter read afterwards,
 * volatile bytes). */
#include <stdio.h>
#include <string.h>

static void fill(unsigned char *p, int from, int to, int k) {
    for (int i = from; i < to; i++)
        p[i] = 0xA5;
    (void)k;
}

static void fill0(unsigned char *p, int from, int to) {
    for (int i = from; i < to; i++)
        p[i] = 0;
}

static int fill_counted(unsigned char *p, int n) {
    int i;
    for (i = 0; i < n; i++)
        p[i] = 7;
    return i;
}

static void fill_volatile(volatile unsigned char *p, int n) {
    for (int i = 0; i < n; i++)
        p[i] = 3;
}

static unsigned sum(const unsigned char *p, int n) {
    unsigned s = 0;
    for (int i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

int main(void) {
    unsigned char buf[64];
    memset(buf, 1, sizeof buf);
    fill(buf, 3, 20, 0);
    printf("a %u\n", sum(buf, 64));
    fill(buf, 10, 10, 0);
    fill(buf, 30, 5, 0);
    printf("b %u\n", sum(buf, 64));
    fill0(buf + 32, -5, 2);
    printf("c %u\n", sum(buf, 64));
    int k = fill_counted(buf, 40);
    printf("d %d %u\n", k, sum(buf, 64));
    printf("e %d\n", fill_counted(buf, -3));
    fill_volatile(buf, 9);
    printf("f %u\n", sum(buf, 64));
    return 0;
}
