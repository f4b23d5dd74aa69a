// Every AArch64 relocation the loader applies, against local data, a
// local function and an external symbol (defined at link time with
// --defsym). relocs-aarch64.test.ts links this with GNU ld at fixed
// addresses and checks that our arithmetic produces ld's bytes.
        .text
        .globl  start
start:
        adrp    x0, table                    // R_AARCH64_ADR_PREL_PG_HI21
        add     x0, x0, :lo12:table          // R_AARCH64_ADD_ABS_LO12_NC
        ldrb    w1, [x0, :lo12:bytes]        // R_AARCH64_LDST8_ABS_LO12_NC
        ldrh    w1, [x0, :lo12:halves]       // R_AARCH64_LDST16_ABS_LO12_NC
        ldr     w1, [x0, :lo12:words]        // R_AARCH64_LDST32_ABS_LO12_NC
        ldr     x1, [x0, :lo12:table]        // R_AARCH64_LDST64_ABS_LO12_NC
        ldr     q1, [x0, :lo12:quads]        // R_AARCH64_LDST128_ABS_LO12_NC
        adr     x2, helper                   // R_AARCH64_ADR_PREL_LO21
        ldr     x3, literal                  // R_AARCH64_LD_PREL_LO19
        bl      helper                       // R_AARCH64_CALL26
        b       helper                       // R_AARCH64_JUMP26
        b.eq    helper                       // R_AARCH64_CONDBR19
        tbz     x0, #3, helper               // R_AARCH64_TSTBR14
        movz    x4, #:abs_g3:far             // R_AARCH64_MOVW_UABS_G3
        movk    x4, #:abs_g2_nc:far          // R_AARCH64_MOVW_UABS_G2_NC
        movk    x4, #:abs_g1_nc:far          // R_AARCH64_MOVW_UABS_G1_NC
        movk    x4, #:abs_g0_nc:far          // R_AARCH64_MOVW_UABS_G0_NC
        movz    x5, #:abs_g1:table           // R_AARCH64_MOVW_UABS_G1
        movz    x5, #:abs_g0:small           // R_AARCH64_MOVW_UABS_G0
        movz    x5, #:abs_g2:far             // R_AARCH64_MOVW_UABS_G2
        bl      external                     // R_AARCH64_CALL26 (in range at link time)
        ret
        // In another section, so branches to it need relocations.
        .section .text.other, "ax"
helper:
        ret
        .balign 8
literal:
        .quad   0
        .data
        .balign 16
table:  .quad   helper                       // R_AARCH64_ABS64
        .quad   external + 8                 // R_AARCH64_ABS64 with addend
        .word   table                        // R_AARCH64_ABS32
        .word   helper - .                   // R_AARCH64_PREL32
        .xword  helper - .                   // R_AARCH64_PREL64
        .hword  small                        // R_AARCH64_ABS16
        .hword  helper - .                   // R_AARCH64_PREL16
bytes:  .byte   1
        .balign 2
halves: .hword  2
        .balign 4
words:  .word   3
        .balign 16
quads:  .quad   4, 5
