/* __int128 across the System V AMD64 calling convention (psABI §3.2.3):
   two INTEGER eightbytes, low first, in consecutive registers or together
   on the stack at a 16-byte aligned address; returned in rax:rdx. */
typedef __int128 i128;
typedef unsigned __int128 u128;
struct holds { i128 v; };            /* 16 bytes: INTEGER, INTEGER */
struct pair { long tag; i128 v; };   /* 32 bytes: MEMORY */

i128 add2(i128 a, i128 b);
u128 mul_wide(unsigned long a, unsigned long b);
/* Five longs leave r9 alone: the __int128 goes on the stack, the long after it in r9. */
i128 after5(long a, long b, long c, long d, long e, i128 x, long f);
/* Past the registers: on the stack, 16-aligned after an odd number of eightbytes. */
i128 onstack(long a, long b, long c, long d, long e, long f, long g, i128 x, long h, i128 y);
double mixed(double d, i128 a, float f, u128 b);
struct holds wrap(struct holds h, int k);
struct pair shift_pair(struct pair p, int n);
i128 vsum(int n, ...);
i128 apply(i128 (*f)(i128, i128), i128 a, i128 b);
