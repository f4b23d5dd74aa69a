/* Local register variables as asm operands pin the operand to their register
   (gcc "Local Register Variables"), e.g. r10 for a raw syscall. */
#include <stdio.h>
static long sys_write(long fd, const void *buf, long n) {
  register long r10 asm("r10") = 0;
  register long rdx asm("rdx") = n;
  long ret;
  asm volatile("syscall" : "=a"(ret) : "a"(1L), "D"(fd), "S"(buf), "r"(rdx), "r"(r10) : "rcx", "r11", "memory");
  return ret;
}
int main(void) {
  register long r12 asm("r12") = 40;
  asm("addq $2, %0" : "+r"(r12));
  printf("%ld\n", r12);
  long w = sys_write(1, "hello\n", 6);
  printf("%ld\n", w);
  return 0;
}
