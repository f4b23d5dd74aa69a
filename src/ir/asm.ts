// GNU inline assembly in the IR: the `asm` instruction's payload and the
// facts about operand constraints that the frontend and the backends share.
//
// Input: built by the frontend (lower-asm.ts) from a checked asm statement.
// Output: read by print/parse/verify, the passes (an asm is opaque: it is a
// barrier for memory like a call), the interpreter and the backends.
//
// The instruction (gcc manual "Extended Asm"):
//   %r:i32 = asm volatile "template" (out "=r" result, in "0" value i32 %x,
//            out "=m" mem i32 %p, out "=d" store i64 %q) clobber "cc"
// Operands are numbered as gcc numbers them: outputs first, then inputs;
// `+` was already expanded by the frontend into an output plus an input tied
// to it by a digit constraint. Each operand travels one of four ways:
//   result  the instruction's result (at most one output; the first register output)
//   value   an argument holding the input's value
//   mem     an argument holding the address of a memory operand ('m')
//   store   an argument holding where the backend stores a register output
//           after the asm (the second and later register outputs)
// `args` holds one operand per non-result operand, in operand order.
//
// Invariants (verify.ts): the number of args matches; `result` appears at
// most once and only on an output, exactly when the instruction has a result.

import type { Inst, IrType } from './ir.js';

export type AsmVia = 'result' | 'value' | 'mem' | 'store';

export interface AsmOperandSpec {
  readonly isOutput: boolean;
  /** As written, except that `+` became `=` (with a tied input added). */
  readonly constraint: string;
  /** The `[name]` for `%[name]` in the template. */
  readonly name: string | null;
  readonly via: AsmVia;
  /** The register's type, or for 'mem' the type of the object in memory (suffix inference). */
  readonly ty: IrType;
}

export interface AsmSpec {
  /** The template bytes (as char codes). For basic asm, used verbatim. */
  readonly template: string;
  /** Basic asm (no colons): `%` is not special in the template. */
  readonly isBasic: boolean;
  readonly isVolatile: boolean;
  readonly operands: readonly AsmOperandSpec[];
  /** Clobber strings as written: "memory", "cc", register names. */
  readonly clobbers: readonly string[];
}

/**
 * One operand constraint, decoded (gcc manual "Simple Constraints", and
 * the target's "Machine Constraints" through its AsmDialect). Alternatives
 * separated by ',' are merged: we pick one place for the operand that
 * every alternative allows or the union allows, which is what a
 * single-alternative asm means anyway.
 */
export interface ParsedConstraint {
  readonly isOutput: boolean;
  readonly isReadWrite: boolean;
  readonly isEarlyClobber: boolean;
  /** A register of the class; with `fixedReg`, only that one. */
  readonly allowsReg: boolean;
  readonly regClass: 'int' | 'float';
  /** A register named by a machine letter or outright (`{name}`), by the dialect's canonical name. */
  readonly fixedReg: string | null;
  readonly allowsMem: boolean;
  readonly allowsImm: boolean;
  /** A matching constraint: the output operand number this input shares its place with. */
  readonly tiedTo: number | null;
  /** `[name]` matching constraint, resolved by the caller. */
  readonly tiedName: string | null;
}

/** What a machine-specific constraint letter asks for. */
export type ConstraintLetter =
  | { readonly kind: 'reg'; readonly regClass: 'int' | 'float'; readonly fixedReg?: string; /** The letter takes the next character too (x86 'Yz'). */ readonly isTwoChars?: boolean }
  | { readonly kind: 'mem' }
  | { readonly kind: 'imm' }
  | { readonly kind: 'unsupported'; readonly message: string };

/**
 * A target's inline-asm vocabulary: its constraint letters and register
 * names. The target hands it to the frontend (which checks asm statements
 * with it) and uses it when it places operands; the IR carries constraints
 * as text.
 */
export interface AsmDialect {
  /** Machine constraint letters; the generic ones (r m o V < > i n s E F g X p, digits, [name], {reg}) are decoded here. */
  readonly letters: Readonly<Record<string, ConstraintLetter>>;
  /**
   * What a clobber string names: a register by its canonical name, 'cc',
   * 'memory', 'ignored' (state the compiler never keeps live), or null if
   * gcc would not know it either.
   */
  parseClobber(text: string): string | null;
  /** Whether a canonical register name is a general (integer) register. */
  isGeneralRegister(name: string): boolean;
  /** Registers an asm may not clobber: the stack and frame pointers. */
  readonly reserved: readonly string[];
}

/** Decodes a constraint string; returns an error message for what we do not support. */
export function parseConstraint(text: string, dialect: AsmDialect): ParsedConstraint | string {
  let isOutput = false;
  let isReadWrite = false;
  let isEarlyClobber = false;
  let allowsReg = false;
  let regClass: 'int' | 'float' = 'int';
  let fixedReg: string | null = null;
  let allowsMem = false;
  let allowsImm = false;
  let tiedTo: number | null = null;
  let tiedName: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const letter = Object.prototype.hasOwnProperty.call(dialect.letters, c) ? dialect.letters[c]! : null;
    if (c === '=') isOutput = true;
    else if (c === '+') { isOutput = true; isReadWrite = true; }
    else if (c === '&') isEarlyClobber = true;
    else if (c === '%' || c === ',' || c === ' ' || c === '?' || c === '!' || c === '*' || c === '#') continue;
    else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
      tiedTo = Number(text.slice(i, j));
      i = j - 1;
    } else if (c === '{') {
      // `{r10}`: a register named outright, from a local register variable (check-asm.ts).
      const end = text.indexOf('}', i);
      const name = end < 0 ? null : dialect.parseClobber(text.slice(i + 1, end));
      if (name === null || !dialect.isGeneralRegister(name)) return `invalid register in asm constraint '${text}'`;
      fixedReg = name;
      allowsReg = true;
      i = end;
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) return `missing ']' in asm constraint '${text}'`;
      tiedName = text.slice(i + 1, end);
      i = end;
    } else if (letter !== null) {
      switch (letter.kind) {
        case 'reg':
          if (letter.fixedReg !== undefined) {
            if (fixedReg !== null && fixedReg !== letter.fixedReg) return `asm constraint '${text}' names more than one register, which is not supported`;
            fixedReg = letter.fixedReg;
          }
          allowsReg = true;
          if (letter.regClass === 'float') regClass = 'float';
          if (letter.isTwoChars) i++;
          break;
        case 'mem': allowsMem = true; break;
        case 'imm': allowsImm = true; break;
        case 'unsupported': return letter.message;
      }
    } else if (c === 'r' || c === 'p') allowsReg = true;
    else if (c === 'm' || c === 'o' || c === 'V' || c === '<' || c === '>') allowsMem = true;
    else if (c === 'i' || c === 'n' || c === 's' || c === 'E' || c === 'F') allowsImm = true;
    else if (c === 'g' || c === 'X') { allowsReg = true; allowsMem = true; allowsImm = true; }
    else return `unsupported asm constraint '${c}' in '${text}'`;
  }
  return { isOutput, isReadWrite, isEarlyClobber, allowsReg, regClass, fixedReg, allowsMem, allowsImm, tiedTo, tiedName };
}

/** The matching part of a constraint (gcc's generic syntax): an output number ("0") or name ("[x]"), or neither. */
function constraintTie(text: string): { readonly tiedTo: number | null; readonly tiedName: string | null } {
  let tiedTo: number | null = null;
  let tiedName: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
      tiedTo = Number(text.slice(i, j));
      i = j - 1;
    } else if (c === '{' || c === '[') {
      const end = text.indexOf(c === '{' ? '}' : ']', i);
      if (end < 0) break;
      if (c === '[') tiedName = text.slice(i + 1, end);
      i = end;
    }
  }
  return { tiedTo, tiedName };
}

/** An asm the optimizer may delete when its result is unused: no volatile, no memory effects. */
export function isRemovableAsm(inst: Inst): boolean {
  const spec = inst.asm;
  if (!spec || spec.isVolatile || spec.isBasic) return false;
  if (spec.clobbers.includes('memory')) return false;
  // gcc: an asm without outputs is implicitly volatile.
  if (!spec.operands.some((o) => o.isOutput)) return false;
  return spec.operands.every((o) => o.via === 'result' || o.via === 'value');
}

/** The argument index of each operand (null for the result). */
export function asmArgIndices(spec: AsmSpec): (number | null)[] {
  let n = 0;
  return spec.operands.map((o) => (o.via === 'result' ? null : n++));
}

/** The type each argument must have: the input's type for 'value', ptr for 'mem' and 'store'. */
export function asmArgTypes(spec: AsmSpec): IrType[] {
  return spec.operands.filter((o) => o.via !== 'result').map((o) => (o.via === 'value' ? o.ty : 'ptr'));
}

/** Checks an asm instruction's shape (argument types are checked by the caller against asmArgTypes); returns problems. */
export function verifyAsm(inst: Inst): string[] {
  const spec = inst.asm;
  if (!spec) return ['asm without its payload'];
  const problems: string[] = [];
  const results = spec.operands.filter((o) => o.via === 'result');
  if (results.length > 1) problems.push('asm with more than one result operand');
  if ((results.length === 1) !== (inst.result !== null)) problems.push('asm has a result exactly when one operand is the result');
  if (results.length === 1 && (!results[0]!.isOutput || results[0]!.ty !== inst.ty)) problems.push('asm result operand must be an output of the result type');
  const argCount = asmArgTypes(spec).length;
  if (argCount !== inst.args.length) problems.push(`asm has ${inst.args.length} arguments, its operands need ${argCount}`);
  spec.operands.forEach((o, k) => {
    if (o.via === 'value' && o.isOutput) problems.push(`asm output ${k} cannot be passed by value`);
    if (o.via !== 'value' && !o.isOutput && o.via !== 'mem') problems.push(`asm input ${k} must be passed by value or as memory`);
  });
  return problems;
}

/** The output operand number input `k` is tied to by a matching constraint ("0", "[name]"), or null. */
export function tiedOutput(spec: AsmSpec, k: number): number | null {
  const c = constraintTie(spec.operands[k]!.constraint);
  if (c.tiedTo !== null) return c.tiedTo;
  if (c.tiedName !== null) {
    const n = spec.operands.findIndex((o) => o.isOutput && o.name === c.tiedName);
    return n < 0 ? null : n;
  }
  return null;
}
