// interp.c in JavaScript: a switch-dispatch stack-machine interpreter.
import { arg } from './format.mjs';

const HALT = 0, PUSH = 1, LOAD = 2, STORE = 3, ADD = 4, SUB = 5, MUL = 6, AND = 7, LT = 8, JZ = 9, JMP = 10, DUP = 11, POP = 12;

function interp(code, a) {
  const stack = new Uint32Array(64), reg = new Uint32Array(8);
  let sp = 0, pc = 0;
  reg[0] = a;
  for (;;) {
    const op = code[pc++];
    switch (op) {
      case HALT: return stack[sp - 1] | 0;
      case PUSH: stack[sp++] = code[pc++]; break;
      case LOAD: stack[sp++] = reg[code[pc++]]; break;
      case STORE: reg[code[pc++]] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] = Math.imul(stack[sp - 1], stack[sp]); break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case LT: sp--; stack[sp - 1] = (stack[sp - 1] | 0) < (stack[sp] | 0) ? 1 : 0; break;
      case JZ: if (stack[--sp] === 0) pc = code[pc]; else pc++; break;
      case JMP: pc = code[pc]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case POP: sp--; break;
      default: return -1;
    }
  }
}

const program = new Int32Array([
  PUSH, 0, STORE, 1,
  PUSH, 0, STORE, 2,
  LOAD, 1, LOAD, 0, LT, JZ, 40,
  LOAD, 2, PUSH, 31, MUL,
  LOAD, 1, DUP, MUL, ADD,
  PUSH, 0xffffff, AND, STORE, 2,
  LOAD, 1, PUSH, 1, ADD, STORE, 1,
  JMP, 8,
  HALT,
  LOAD, 2, HALT,
]);

const n = arg(0, 15000000);
console.log(`interp ${interp(program, n)}`);
