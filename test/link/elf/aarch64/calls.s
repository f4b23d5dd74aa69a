// AArch64 relocations as gcc emits them (ELF for AArch64 §5.7): page and
// low-12 address pairs, GOT loads, a call and a tail call, absolute and
// PC-relative data, TLS (local-exec), a constructor, COMMON. Read by
// aarch64.test.ts and compared with readelf.
	.text
	.align	2
	.global	answer
	.type	answer, %function
answer:
	adrp	x0, counter
	add	x0, x0, :lo12:counter
	ldr	w1, [x0]
	adrp	x2, :got:ext_value
	ldr	x2, [x2, :got_lo12:ext_value]
	ldr	w3, [x2]
	add	w0, w1, w3
	cbz	w0, 1f
	tbnz	w0, #3, 1f
	b.eq	1f
	stp	x29, x30, [sp, -16]!
	bl	puts
	ldp	x29, x30, [sp], 16
1:	b	ext_tail
	.size	answer, .-answer

	.type	helper, %function
helper:
	mrs	x1, tpidr_el0
	add	x1, x1, #:tprel_hi12:tls_counter, lsl #12
	add	x1, x1, #:tprel_lo12_nc:tls_counter
	ldr	w0, [x1]
	movz	x2, #:abs_g1:big_table
	movk	x2, #:abs_g0_nc:big_table
	ldr	x3, [x2, #:lo12:big_table]
	ret
	.size	helper, .-helper

	.section	.rodata.str1.8,"aMS",@progbits,1
	.align	3
.LC0:
	.string	"hello"

	.data
	.align	3
	.type	counter, %object
	.size	counter, 4
counter:
	.word	7
	.word	0
	.type	table, %object
	.size	table, 24
table:
	.xword	.LC0
	.xword	ext_value + 8
	.word	answer - .
	.word	0

	.section	.tbss,"awT",@nobits
	.align	2
	.type	tls_counter, %object
	.size	tls_counter, 4
tls_counter:
	.zero	4

	.section	.init_array,"aw"
	.align	3
	.xword	helper

	.comm	big_table, 64, 8
	.section	.note.GNU-stack,"",@progbits
