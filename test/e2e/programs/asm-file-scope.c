/* File-scope asm: functions written in assembly, called from C; basic asm
   statements inside functions are copied verbatim. */
#include <stdio.h>

asm(".globl asm_add3\n"
    ".type asm_add3, @function\n"
    "asm_add3:\n"
    "\tleal 3(%rdi), %eax\n"
    "\tret\n");

__asm__(".text\n"
        "asm_twice:\n"
        "  movq %rdi, %rax; addq %rax, %rax\n"
        "  ret");

int asm_add3(int);
long asm_twice(long);

int main(void) {
  printf("%d %ld\n", asm_add3(39), asm_twice(21));
  asm("nop");
  __asm__ volatile ("nop; nop");
  return 0;
}
