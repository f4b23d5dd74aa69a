// The AT&T-syntax reader of the inline assembler: text → statements.
//
// Input: asm text after template substitution (GNU as syntax, "i386
// Syntax" in the gas manual): statements separated by newlines and `;`,
// `#` comments, labels `name:` and numeric local labels `1:` (referenced as
// `1b` / `1f`), prefixes `lock`/`rep*` before a mnemonic or alone,
// directives starting with `.`.
// Output: AsmStatement[] in source order; operands in AT&T order (source
// first). Errors: asmError at the asm statement's location.
//
// Operand forms: `%reg`, `$expr` (an immediate), `*%reg` / `*mem`
// (indirect jump target), `disp(base, index, scale)` with each part
// optional, and a bare expression (a jump target label or an absolute
// address). Expressions are integers (decimal, 0x hex, 0b binary, octal,
// 'c' characters) combined with + - * << >> & | ~ and parentheses, or a
// symbol / local label name.

import type { SourceLoc } from '../../../diagnostics.js';
import { asmError } from './errors.js';
import type { AsmRegister } from './registers.js';
import { lookupRegister } from './registers.js';

export type AsmOperandText =
  | { readonly kind: 'reg'; readonly reg: AsmRegister }
  | { readonly kind: 'imm'; readonly value: bigint }
  | { readonly kind: 'mem'; readonly base: AsmRegister | null; readonly index: AsmRegister | null; readonly scale: 1 | 2 | 4 | 8; readonly disp: bigint; readonly isRipRelative: boolean; readonly sym: string | null }
  /** A label or symbol used as a jump/call target (or a local label `1f`). */
  | { readonly kind: 'target'; readonly name: string }
  | { readonly kind: 'indirect'; readonly operand: AsmOperandText };

export type AsmStatement =
  | { readonly kind: 'label'; readonly name: string }
  | { readonly kind: 'inst'; readonly prefixes: readonly string[]; readonly mnemonic: string; readonly operands: readonly AsmOperandText[]; readonly text: string }
  | { readonly kind: 'directive'; readonly name: string; readonly args: readonly string[]; readonly text: string };

const PREFIXES = new Set(['lock', 'rep', 'repe', 'repz', 'repne', 'repnz']);

export function parseAtt(text: string, loc: SourceLoc | undefined): AsmStatement[] {
  const out: AsmStatement[] = [];
  for (const rawLine of text.split('\n')) {
    for (let stmt of splitStatements(stripComment(rawLine))) {
      stmt = stmt.trim();
      // Labels: `name:` (possibly several) before an instruction.
      for (;;) {
        const m = /^([A-Za-z_.$][\w.$]*|[0-9]+)\s*:(?!:)/.exec(stmt);
        if (!m) break;
        out.push({ kind: 'label', name: m[1]! });
        stmt = stmt.slice(m[0].length).trim();
      }
      if (stmt === '') continue;
      if (stmt.startsWith('.')) {
        const m = /^(\.[\w.]+)\s*(.*)$/.exec(stmt)!;
        out.push({ kind: 'directive', name: m[1]!, args: m[2]!.trim() === '' ? [] : splitOperands(m[2]!), text: stmt });
        continue;
      }
      const prefixes: string[] = [];
      let rest = stmt;
      for (;;) {
        const m = /^([a-z]+)\b\s*/.exec(rest);
        if (!m || !PREFIXES.has(m[1]!)) break;
        prefixes.push(m[1]!);
        rest = rest.slice(m[0].length);
      }
      if (rest === '') {
        out.push({ kind: 'inst', prefixes, mnemonic: '', operands: [], text: stmt });
        continue;
      }
      const m = /^([A-Za-z][\w.]*)\s*(.*)$/.exec(rest);
      if (!m) asmError(loc, `invalid instruction '${rest}' in asm statement`);
      const operands = m[2]!.trim() === '' ? [] : splitOperands(m[2]!).map((o) => parseOperand(o.trim(), loc));
      out.push({ kind: 'inst', prefixes, mnemonic: m[1]!.toLowerCase(), operands, text: stmt });
    }
  }
  return out;
}

function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inString = !inString;
    else if (c === '#' && !inString) return line.slice(0, i);
    else if (c === '/' && line[i + 1] === '*' && !inString) {
      const end = line.indexOf('*/', i + 2);
      return stripComment(line.slice(0, i) + ' ' + (end < 0 ? '' : line.slice(end + 2)));
    }
  }
  return line;
}

function splitStatements(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let inString = false;
  for (const c of line) {
    if (c === '"') inString = !inString;
    if (c === ';' && !inString) { parts.push(cur); cur = ''; } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Splits at commas outside parentheses and strings. */
function splitOperands(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  let inString = false;
  for (const c of s) {
    if (c === '"') inString = !inString;
    if (!inString && c === '(') depth++;
    if (!inString && c === ')') depth--;
    if (c === ',' && depth === 0 && !inString) { parts.push(cur.trim()); cur = ''; } else cur += c;
  }
  parts.push(cur.trim());
  return parts;
}

function parseRegister(text: string, loc: SourceLoc | undefined): AsmRegister {
  const name = text.trim().replace(/^%/, '').toLowerCase();
  const r = lookupRegister(name);
  if (!r) asmError(loc, `invalid register '%${name}' in asm statement`);
  return r;
}

export function parseOperand(text: string, loc: SourceLoc | undefined): AsmOperandText {
  if (text.startsWith('*')) return { kind: 'indirect', operand: parseOperand(text.slice(1).trim(), loc) };
  if (text.startsWith('%')) {
    // `%fs:disp(...)` segment overrides are not supported; a plain register otherwise.
    if (text.includes(':') || text.includes('(')) asmError(loc, `segment override in asm operand '${text}' is not supported`);
    return { kind: 'reg', reg: parseRegister(text, loc) };
  }
  if (text.startsWith('$')) {
    const v = evalExpr(text.slice(1), loc);
    if (typeof v !== 'bigint') asmError(loc, `symbolic immediate '${text}' in asm statement is not supported`);
    return { kind: 'imm', value: v };
  }
  const paren = findMemParen(text);
  if (paren >= 0) {
    const dispText = text.slice(0, paren).trim();
    const inner = text.slice(paren + 1, text.lastIndexOf(')'));
    const parts = inner.split(',').map((p) => p.trim());
    if (parts[0] === '%rip') {
      const d = dispText === '' ? 0n : evalExpr(dispText, loc);
      return { kind: 'mem', base: null, index: null, scale: 1, disp: typeof d === 'bigint' ? d : 0n, isRipRelative: true, sym: typeof d === 'bigint' ? null : d.name };
    }
    const base = parts[0] ? parseRegister(parts[0], loc) : null;
    const index = parts[1] ? parseRegister(parts[1], loc) : null;
    const scale = parts[2] ? Number(evalExpr(parts[2], loc)) : 1;
    if (scale !== 1 && scale !== 2 && scale !== 4 && scale !== 8) asmError(loc, `invalid scale in asm operand '${text}'`);
    const disp = dispText === '' ? 0n : evalExpr(dispText, loc);
    if (typeof disp !== 'bigint') asmError(loc, `symbolic displacement in asm operand '${text}' is not supported`);
    return { kind: 'mem', base, index, scale, disp, isRipRelative: false, sym: null };
  }
  const v = evalExpr(text, loc);
  if (typeof v === 'bigint') return { kind: 'mem', base: null, index: null, scale: 1, disp: v, isRipRelative: false, sym: null };
  return { kind: 'target', name: v.name };
}

/** The index of the `(` that opens a `(base,index,scale)` group at the end of a memory operand, or -1. */
function findMemParen(text: string): number {
  if (!text.endsWith(')')) return -1;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(') {
      depth--;
      if (depth === 0) return /%|^\s*,/.test(text.slice(i + 1)) ? i : -1;
    }
  }
  return -1;
}

/** An integer expression, or a lone symbol / local label name. */
export function evalExpr(text: string, loc: SourceLoc | undefined): bigint | { readonly name: string } {
  const s = text.trim();
  if (/^([A-Za-z_.$][\w.$]*|[0-9]+[bf])$/.test(s)) return { name: s };
  const tokens = s.match(/0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+|'(?:\\.|[^'])'?|<<|>>|[-+*/%&|^~()]|\S/g) ?? [];
  let pos = 0;
  const fail = (): never => asmError(loc, `invalid expression '${s}' in asm statement`);
  const primary = (): bigint => {
    const t = tokens[pos++];
    if (t === undefined) return fail();
    if (t === '(') {
      const v = binary(0);
      if (tokens[pos++] !== ')') fail();
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '~') return ~primary();
    if (/^0[bB]/.test(t)) return BigInt(t);
    if (/^0[xX]/.test(t)) return BigInt(t);
    if (/^0[0-7]+$/.test(t)) return BigInt(`0o${t.slice(1)}`);
    if (/^[0-9]+$/.test(t)) return BigInt(t);
    if (t.startsWith("'")) return BigInt(t.length >= 2 ? (t[1] === '\\' ? unescapeChar(t[2]!) : t.charCodeAt(1)) : fail());
    return fail();
  };
  const PREC: Record<string, number> = { '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
  const binary = (min: number): bigint => {
    let left = primary();
    for (;;) {
      const op = tokens[pos];
      const p = op === undefined ? undefined : PREC[op];
      if (p === undefined || p < min) return left;
      pos++;
      const right = binary(p + 1);
      switch (op) {
        case '|': left |= right; break;
        case '^': left ^= right; break;
        case '&': left &= right; break;
        case '<<': left <<= right; break;
        case '>>': left >>= right; break;
        case '+': left += right; break;
        case '-': left -= right; break;
        case '*': left *= right; break;
        case '/': if (right === 0n) fail(); left /= right; break;
        case '%': if (right === 0n) fail(); left %= right; break;
      }
    }
  };
  const v = binary(0);
  if (pos !== tokens.length) fail();
  return v;
}

function unescapeChar(c: string): number {
  const map: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39 };
  return map[c] ?? c.charCodeAt(0);
}
