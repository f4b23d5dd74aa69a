/* GNU label differences in static initializers: `&&a - &&b` as an integer
   constant (gcc emits `.long .L1-.L2`), the compact jump tables some
   interpreters use (32-bit offsets from a base label instead of 64-bit
   addresses, so the table needs no relocation). Tables of int, short,
   signed char and long, an offset added to a difference, a difference of a
   label with itself, a label only reached through a table, and two
   functions each with its own table. */
#include <stdio.h>

enum { PUSH, ADD, MUL, DUP, SWAP, JNZ, DEC, PRINT, HALT };

static long interpret(const int *code, long seed) {
  static const int offsets[] = {
    &&op_push - &&op_push, &&op_add - &&op_push, &&op_mul - &&op_push, &&op_dup - &&op_push, &&op_swap - &&op_push,
    &&op_jnz - &&op_push, &&op_dec - &&op_push, &&op_print - &&op_push, &&op_halt - &&op_push,
  };
  long stack[16];
  int sp = 0, pc = 0, steps = 0;
  stack[sp++] = seed;
#define DISPATCH() do { steps++; goto *(&&op_push + offsets[code[pc++]]); } while (0)
  DISPATCH();
op_push: stack[sp++] = code[pc++]; DISPATCH();
op_add: sp--; stack[sp - 1] += stack[sp]; DISPATCH();
op_mul: sp--; stack[sp - 1] *= stack[sp]; DISPATCH();
op_dup: stack[sp] = stack[sp - 1]; sp++; DISPATCH();
op_swap: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } DISPATCH();
op_jnz: { int target = code[pc++]; if (stack[--sp] != 0) pc = target; } DISPATCH();
op_dec: stack[sp - 1]--; DISPATCH();
op_print: printf("  top %ld sp %d\n", stack[sp - 1], sp); DISPATCH();
op_halt: return stack[sp - 1] * 1000 + steps;
#undef DISPATCH
}

/* Narrow tables and addends: the same distances as short, signed char and long. */
static int narrow(int which, int x) {
  static const short from_end[] = { &&twice - &&done, &&plus_seven - &&done, &&done - &&done };
  static const signed char small[] = { &&twice - &&twice, &&plus_seven - &&twice };
  static const long wide[] = { &&negate - &&twice + 0, &&twice - &&negate };
  static const int shifted[] = { &&plus_seven - &&done + 16 };
  int rounds = 0;
  switch (which) {
  case 0: goto *(&&done + from_end[0]);
  case 1: goto *(&&twice + small[1]);
  case 2: goto *(&&twice + wide[0]);
  case 3: goto *(&&done + shifted[0] - 16);
  default: goto *(&&done + from_end[2]);
  }
twice: x *= 2; if (++rounds < 3) goto *(&&negate + wide[1]); goto done;
plus_seven: x += 7; goto done;
negate: x = -x; goto *(&&twice + small[0]);
done: return x * 100 + rounds;
}

int main(void) {
  /* acc = 1; while (n != 0) { n--; acc *= 2; print acc } return acc */
  static const int program[] = {
    PUSH, 1, SWAP,             /* 0: acc n */
    DUP, JNZ, 8,               /* 3: loop while n != 0 */
    SWAP, HALT,                /* 6: acc on top */
    DEC, SWAP, PUSH, 2, MUL,   /* 8: n-1 acc*2 */
    PRINT, SWAP, PUSH, 1, JNZ, 3,
  };
  printf("interpret(5) = %ld\n", interpret(program, 5));
  static const int mul[] = { PUSH, 6, MUL, PUSH, 7, MUL, PRINT, HALT };
  printf("interpret(mul 3) = %ld\n", interpret(mul, 3));
  for (int which = 0; which < 5; which++) printf("narrow(%d, 5) = %d\n", which, narrow(which, 5));
  static const int sizes[] = { &&l2 - &&l1, &&l1 - &&l1 };
  goto *(&&l1 + sizes[1]);
l1: printf("l1: distances of a label to itself are %d\n", sizes[1]);
  /* Fixed only by the code's layout: not a constant to __builtin_constant_p (gcc says 0 too). */
  printf("constant_p(&&l2 - &&l1) = %d\n", __builtin_constant_p(&&l2 - &&l1));
l2: return sizes[0] == 0 ? 1 : 0;
}
