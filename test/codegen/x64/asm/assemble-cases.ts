// The inline assembler's test table: AT&T statements as asm templates
// produce them. Expected bytes live in fixtures/assemble.expected, produced
// by GNU as (`as --64 case.s -o case.o`, .text read back with objcopy);
// `UPDATE=1 npx ava test/codegen/x64/asm/assemble.test.ts` regenerates it.

export const ASSEMBLE_CASES: readonly string[] = [
  // moves and extensions
  'movl %eax, %ecx', 'movq %r8, %rax', 'movw %ax, %r9w', 'movb %al, %sil', 'movl $5, %eax', 'movq $-1, %rax',
  'movl 8(%rsp), %edx', 'movq %rax, -16(%rbp,%rcx,8)', 'movb $7, (%r12)', 'movabsq $0x123456789abc, %r11',
  'movzbl %al, %eax', 'movzwq (%rdi), %rax', 'movsbl %cl, %edx', 'movslq %eax, %rdx', 'movzx %al, %ecx', 'movq %xmm0, %rax', 'movd %eax, %xmm1',
  // arithmetic and logic
  'addl %ecx, %eax', 'addq $1, %rax', 'addl $1000, %eax', 'subq $8, %rsp', 'andl $0xff, %ecx', 'orq %rdx, (%rsi)',
  'xorl %eax, %eax', 'cmpl $3, %edi', 'cmpq (%rdi), %rax', 'adcl %edx, %eax', 'sbbq $0, %rdx', 'testl %eax, %eax',
  'testb $1, %al', 'testq (%rdi), %rax', 'incl %eax', 'decq (%rdi)', 'incb %sil', 'negl %ecx', 'notq %rax',
  'leaq 4(%rdi,%rsi,2), %rax', 'leal -1(%eax), %ecx', 'imull %ecx, %eax', 'imull $3, %eax, %eax', 'imulq $100, %rdx',
  'mulq %rcx', 'mull (%rdi)', 'divl %ecx', 'idivq %r8',
  // shifts and rotates
  'shll $3, %eax', 'shrq %rax', 'sarl %cl, %edx', 'rolq $4, %rax', 'rorl $1, %r9d', 'shlb $2, %al',
  // exchange and atomics
  'xchgl %eax, %ebx', 'xchgq %rcx, (%rdi)', 'xchgl %ecx, %edx', 'lock xaddl %eax, (%rdx)', 'lock; cmpxchgq %rcx, (%rdi)',
  'lock addl $1, (%rdi)', 'bswap %eax', 'bswapq %r10',
  // bit scans and counts
  'bsfl %eax, %ecx', 'bsrq (%rdi), %rax', 'popcntl %eax, %edx', 'lzcntq %rax, %rcx', 'tzcntl %r8d, %eax',
  // conditions
  'sete %al', 'setl %cl', 'setnz %r9b', 'cmovl %ecx, %eax', 'cmovneq (%rdi), %rax',
  // no operands
  'rdtsc', 'rdtscp', 'cpuid', 'pause', 'mfence', 'lfence', 'sfence', 'nop', 'int3', 'ud2', 'cltq', 'cqto', 'cltd', 'hlt',
  'rep stosb', 'rep movsq',
  // stack
  'pushq %rbx', 'popq %r12', 'push $1', 'pushq (%rax)', 'nopl 0(%rax)',
  // jumps to local labels, calls
  '1: jmp 1b', 'jne 1f; nop; 1:', 'jmp *%rax', 'call *(%rax)',
  // SSE
  'addsd %xmm1, %xmm0', 'movss (%rdi), %xmm2', 'movsd %xmm3, 8(%rsp)',
];
