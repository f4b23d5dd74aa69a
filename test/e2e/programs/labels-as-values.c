/* GNU labels as values: `&&label`, `goto *p`, static and automatic tables of
   label addresses, a bytecode interpreter whose many variables live across
   the dispatch, label addresses compared, recursion with a function-local
   table, and a label only reached through its address. */
#include <stdio.h>

enum { PUSH, ADD, MUL, DUP, SWAP, JNZ, DEC, PRINT, HALT };

static long interpret(const int *code, long seed) {
  static const void *const ops[] = { &&op_push, &&op_add, &&op_mul, &&op_dup, &&op_swap, &&op_jnz, &&op_dec, &&op_print, &&op_halt };
  long stack[16];
  int sp = 0, pc = 0, steps = 0;
  double weight = 1.0;
  stack[sp++] = seed;
#define DISPATCH() do { steps++; goto *ops[code[pc++]]; } while (0)
  DISPATCH();
op_push: stack[sp++] = code[pc++]; weight *= 1.5; DISPATCH();
op_add: sp--; stack[sp - 1] += stack[sp]; DISPATCH();
op_mul: sp--; stack[sp - 1] *= stack[sp]; DISPATCH();
op_dup: stack[sp] = stack[sp - 1]; sp++; DISPATCH();
op_swap: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } DISPATCH();
op_jnz: { int target = code[pc++]; if (stack[--sp] != 0) pc = target; } DISPATCH();
op_dec: stack[sp - 1]--; weight -= 0.25; DISPATCH();
op_print: printf("  top %ld sp %d\n", stack[sp - 1], sp); DISPATCH();
op_halt: return stack[sp - 1] * 1000 + steps + (long)(weight * 4);
}

/* A table of automatic storage, rebuilt on each call. */
static int classify(int c) {
  void *kinds[3] = { &&digit, &&letter, &&other };
  int k = c >= '0' && c <= '9' ? 0 : (c | 32) >= 'a' && (c | 32) <= 'z' ? 1 : 2;
  goto *kinds[k];
digit: return 1;
letter: return 2;
other: return 3;
}

/* Recursion: each activation dispatches through the same static table. */
static int depth(int n) {
  static void *const next[] = { &&done, &&deeper };
  goto *next[n > 0];
deeper: return 1 + depth(n - 1) * 2;
done: return 0;
}

static int compare_labels(int k) {
  void *p = k ? &&a : &&b;
  int r = (&&a != &&b) * 100 + (p == &&a);
  goto *p;
a: r += 10;
b: return r + 1;
}

int main(void) {
  /* counts 5 down to 0, multiplying an accumulator by 3 each time */
  const int program[] = { PUSH, 1, SWAP, PUSH, 5, SWAP, DUP, PRINT, JNZ, 10, HALT,
                          SWAP, PUSH, 3, MUL, SWAP, DEC, DUP, JNZ, 10, SWAP, HALT };
  printf("interpret %ld\n", interpret(program, 7));
  const int tiny[] = { PUSH, 2, PUSH, 3, ADD, MUL, HALT };
  printf("tiny %ld\n", interpret(tiny, 4));
  const char *s = "a1_Z9 ";
  for (const char *c = s; *c; c++) printf("%c:%d ", *c, classify(*c));
  printf("\ndepth %d %d\n", depth(0), depth(5));
  printf("compare %d %d\n", compare_labels(1), compare_labels(0));
  return 0;
}
