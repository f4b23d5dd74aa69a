/* Non-empty templates: arithmetic, fixed registers (mul's rdx:rax), bswap,
   lock xadd, memory operands, named operands, clobbers, local labels. */
#include <stdio.h>
#include <stdint.h>

static uint32_t bswap32(uint32_t x) {
  asm("bswap %0" : "+r"(x));
  return x;
}

static uint64_t bswap64(uint64_t x) {
  asm("bswapq %0" : "+r"(x));
  return x;
}

static int atomic_add(int *p, int v) {
  asm volatile("lock; xaddl %0, %1" : "+r"(v), "+m"(*p) : : "memory");
  return v;
}

static void mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo) {
  asm("mulq %3" : "=a"(*lo), "=d"(*hi) : "a"(a), "rm"(b) : "cc");
}

static int add_named(int a, int b) {
  int r;
  asm("movl %[a], %[r]\n\taddl %[b], %[r]" : [r] "=&r"(r) : [a] "r"(a), [b] "r"(b));
  return r;
}

static int count_bits(unsigned x) {
  int n;
  asm("xorl %0, %0\n"
      "1:\n\t"
      "testl %1, %1\n\t"
      "jz 2f\n\t"
      "leal -1(%1), %%ecx\n\t"
      "andl %%ecx, %1\n\t"
      "incl %0\n\t"
      "jmp 1b\n"
      "2:"
      : "=&r"(n), "+r"(x) : : "ecx", "cc");
  return n;
}

static long shifts(long x) {
  asm("shlq $3, %0; sarq %0; rolq $4, %0; rorq $4, %0" : "+r"(x));
  return x;
}

static int bitscan(unsigned x) {
  int r;
  asm("bsrl %1, %0" : "=r"(r) : "rm"(x));
  return r;
}

static int cmov_max(int a, int b) {
  asm("cmpl %1, %0\n\tcmovl %1, %0" : "+r"(a) : "r"(b) : "cc");
  return a;
}

static int setcc_less(int a, int b) {
  unsigned char r;
  asm("cmpl %2, %1; setl %0" : "=q"(r) : "r"(a), "r"(b) : "cc");
  return r;
}

static int mem_inc(int *p) {
  asm("incl %0; addl $10, %0" : "+m"(*p));
  return *p;
}

static int callee_saved(int x) {
  asm("movl %1, %%ebx; addl %%ebx, %0" : "+r"(x) : "r"(x) : "rbx");
  return x;
}

static int imm_operand(void) {
  int r;
  asm("movl %1, %0; imull $3, %0, %0" : "=r"(r) : "i"(14));
  return r;
}

int main(void) {
  printf("bswap32 %08x %08x\n", bswap32(0x11223344u), __builtin_bswap32(0x11223344u));
  printf("bswap64 %016llx\n", (unsigned long long)bswap64(0x0102030405060708ull));
  int counter = 5;
  int old = atomic_add(&counter, 7);
  printf("xadd old %d new %d\n", old, counter);
  uint64_t hi, lo;
  mul64(0xffffffffffffffffull, 3, &hi, &lo);
  printf("mul hi %llu lo %llx\n", (unsigned long long)hi, (unsigned long long)lo);
  printf("named %d\n", add_named(40, 2));
  printf("popcount %d %d\n", count_bits(0xf0f0u), count_bits(0));
  printf("shifts %ld\n", shifts(-5));
  printf("bsr %d\n", bitscan(0x80010u));
  printf("max %d %d\n", cmov_max(3, 9), cmov_max(9, 3));
  printf("setl %d %d\n", setcc_less(1, 2), setcc_less(2, 1));
  int m = 1;
  printf("mem %d\n", mem_inc(&m));
  printf("rbx %d\n", callee_saved(21));
  printf("imm %d\n", imm_operand());
  return 0;
}
