# A COMDAT group (gABI "Section Groups") as C++ inline functions produce:
# read-gcc.test.ts checks the SHT_GROUP section and SHF_GROUP members read
# as readelf shows them, and that the rewritten object (groups dropped, see
# normalize.ts) still links. main prints "inline 42".
	.section	.rodata.str1.1,"aMS",@progbits,1
.LC0:
	.string	"inline %d\n"
	.section	.text.answer,"axG",@progbits,answer,comdat
	.weak	answer
	.type	answer, @function
answer:
	movl	$42, %eax
	ret
	.size	answer, .-answer
	.text
	.globl	main
	.type	main, @function
main:
	subq	$8, %rsp
	call	answer
	movl	%eax, %esi
	leaq	.LC0(%rip), %rdi
	xorl	%eax, %eax
	call	printf@PLT
	xorl	%eax, %eax
	addq	$8, %rsp
	ret
	.size	main, .-main
	.section	.note.GNU-stack,"",@progbits
