// The IR printer: IrModule → canonical text (grammar in parse.ts).
//
// Input: any IrModule (it need not verify — dumps of broken IR are how
// verifier failures get debugged). Output: text that parse.ts reads back
// into an equal module; for canonical text `printIr(parseIr(t)) === t`.
//
// Canonical choices the parser relies on:
//  - values print as `%name` when the name is unique in the function and not
//    all digits, otherwise `%id`; blocks likewise as `name` or `b<id>`;
//  - integer constants print signed in the type of their position (the
//    operand type, call argument type or target block parameter type);
//  - floats print the shortest decimal that reads back to the same double
//    (JS `String(n)`), always with a `.` or exponent, and `-0.0`, `inf`,
//    `-inf`, `nan` for the special values;
//  - signatures (loader metadata) and source locations are not printed.

import type {
  ArgAbi, Block, BlockCall, DataItem, GlobalVar, Inst, IrFunction, IrModule, IrType, Operand, SymbolAttrs, Terminator,
} from './ir.js';
import { isVectorType } from './ir.js';
import { OPS } from './ops.js';
import { unreachable } from '../diagnostics.js';

export function printIr(m: IrModule): string {
  const parts: string[] = [];
  const weak = new Set(m.weakExterns ?? []);
  const tls = new Set(m.threadLocalExterns ?? []);
  const near = new Set(m.nearExterns ?? []);
  if (m.externs.length > 0) {
    parts.push(m.externs.map((name) => `declare ${weak.has(name) ? 'weak ' : ''}${tls.has(name) ? 'tls ' : ''}${near.has(name) ? 'near ' : ''}@${name}\n`).join(''));
  }
  if (m.fileAsm && m.fileAsm.length > 0) parts.push(m.fileAsm.map((a) => `asm ${printBytes(charBytes(a.text))}\n`).join(''));
  if (m.globals.length > 0) parts.push(m.globals.map((g) => printGlobal(g) + '\n').join(''));
  const linkerLines = [
    ...(m.aliases ?? []).map((a) => `alias ${a.linkage} @${a.name}${printSymbolAttrs(a)} = @${a.target}\n`),
    ...(m.constructors ?? []).map((c) => `constructor @${c.name}${c.priority !== null ? ` priority ${c.priority}` : ''}\n`),
    ...(m.destructors ?? []).map((c) => `destructor @${c.name}${c.priority !== null ? ` priority ${c.priority}` : ''}\n`),
  ];
  if (linkerLines.length > 0) parts.push(linkerLines.join(''));
  for (const fn of m.functions) parts.push(printFunction(fn));
  return parts.join('\n');
}

export function printGlobal(g: GlobalVar): string {
  let s = `global ${g.linkage} @${g.name} align ${g.align} size ${g.size}`;
  if (g.isConst) s += ' rodata';
  if (g.isThreadLocal) s += ' tls';
  s += printSymbolAttrs(g);
  if (g.init === null) return s + ' zero';
  if (g.init.length === 0) return s + ' { }';
  return s + ' { ' + g.init.map(printDataItem).join(', ') + ' }';
}

/** ` weak`, ` hidden`…: what the object's symbol table says beyond the linkage. */
function printSymbolAttrs(a: SymbolAttrs): string {
  return (a.isWeak ? ' weak' : '') + (a.visibility !== undefined ? ` ${a.visibility}` : '') +
    (a.section !== undefined ? ` section ${printBytes(charBytes(a.section))}` : '') + (a.isUsed ? ' used' : '');
}

function printDataItem(d: DataItem): string {
  switch (d.kind) {
    case 'int': return `${d.ty} ${printInt(d.value, d.ty)}`;
    case 'float': return `${d.ty} ${printFloat(d.value)}`;
    case 'bytes': return `bytes ${printBytes(d.bytes)}`;
    case 'zero': return `zero ${d.size}`;
    case 'addr': return `addr ${printGlobalRef(d.name, d.offset)}`;
    case 'labelDiff': return `labeldiff ${d.ty} ${printGlobalRef(d.plus, d.offset)} @${d.minus}`;
    default: return unreachable(d, 'data item');
  }
}

/** A byte string held as char codes (asm templates) as bytes. */
function charBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

/** Printable ASCII stays as is; `"`, `\` and everything else become `\XX` (two hex digits). */
export function printBytes(bytes: Uint8Array): string {
  let s = '"';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) s += String.fromCharCode(b);
    else s += '\\' + b.toString(16).padStart(2, '0');
  }
  return s + '"';
}

/** Two's-complement value read as signed in `ty`'s width (ptr is 64 bits). */
export function printInt(value: bigint, ty: IrType | null): string {
  // Vector operands are never constants (verify.ts): only scalar widths reach widthOf.
  const bits = ty === null || ty === 'ptr' || ty === 'f32' || ty === 'f64' || isVectorType(ty) ? 64 : widthOf(ty);
  return BigInt.asIntN(bits, value).toString();
}

function widthOf(ty: 'i8' | 'i16' | 'i32' | 'i64' | 'i128'): number {
  return ty === 'i8' ? 8 : ty === 'i16' ? 16 : ty === 'i32' ? 32 : ty === 'i64' ? 64 : 128;
}

export function printFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : s + '.0';
}

function printGlobalRef(name: string, offset: number): string {
  if (offset === 0) return `@${name}`;
  return offset > 0 ? `@${name}+${offset}` : `@${name}${offset}`;
}

/** Prints one function; `names` may be shared with callers that print single instructions. */
export function printFunction(fn: IrFunction): string {
  const p = new FunctionPrinter(fn);
  return p.print();
}

/** Text of one instruction in `fn`'s naming, for verifier messages and dumps. */
export function printInst(fn: IrFunction, inst: Inst): string {
  return new FunctionPrinter(fn).inst(inst);
}

export function printTerminator(fn: IrFunction, term: Terminator): string {
  return new FunctionPrinter(fn).term(term);
}

/** The printed label of a block (`name` or `b<id>`), for messages. */
export function blockLabel(fn: IrFunction, blk: Block): string {
  return new FunctionPrinter(fn).label(blk.id);
}

/** The printed name of a value (`%name` or `%id`), for messages. */
export function valueLabel(fn: IrFunction, id: number): string {
  return new FunctionPrinter(fn).value(id);
}

/** The printed names of one function, computed once (for many messages about it). */
export interface FunctionNames {
  value(id: number): string;
  label(blockId: number): string;
  inst(inst: Inst): string;
  term(t: Terminator): string;
}

export function functionNames(fn: IrFunction): FunctionNames {
  return new FunctionPrinter(fn);
}

const ALL_DIGITS = /^[0-9]+$/;
const BLOCK_ID_NAME = /^b[0-9]+$/;
/** Characters allowed in value, block and global names (parse.ts uses the same set). */
export const NAME_CHARS = /^[A-Za-z0-9_.]+$/;

class FunctionPrinter {
  private readonly valueNames = new Map<number, string>();
  private readonly blockNames = new Map<number, string>();

  constructor(private readonly fn: IrFunction) {
    // Only values defined in the body count: passes leave dead entries in
    // `fn.values`, and their names must not force live values to numbers.
    const defined: number[] = [];
    for (const b of fn.blocks) {
      defined.push(...b.params);
      for (const inst of b.insts) if (inst.result !== null) defined.push(inst.result);
    }
    const counts = new Map<string, number>();
    for (const id of defined) {
      const n = fn.values[id]?.name;
      if (n !== undefined) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const id of defined) {
      const n = fn.values[id]?.name;
      if (n !== undefined && counts.get(n) === 1 && !ALL_DIGITS.test(n) && NAME_CHARS.test(n)) this.valueNames.set(id, n);
    }
    const blockCounts = new Map<string, number>();
    for (const b of fn.blocks) if (b.name !== undefined) blockCounts.set(b.name, (blockCounts.get(b.name) ?? 0) + 1);
    for (const b of fn.blocks) {
      const n = b.name;
      if (n !== undefined && blockCounts.get(n) === 1 && !BLOCK_ID_NAME.test(n) && /^[A-Za-z_]/.test(n) && NAME_CHARS.test(n) && !KEYWORDS.has(n)) {
        this.blockNames.set(b.id, n);
      }
    }
  }

  print(): string {
    const fn = this.fn;
    const params = fn.params.map((t, i) => abiPrefix(fn.paramAbi?.[i]) + t).join(', ');
    const retAbi = fn.retAbi ? `regs ${fn.retAbi.join(' ')} ` : '';
    const va = fn.isVariadic ? (fn.params.length > 0 ? ', ...' : '...') : '';
    const lines = [`func ${fn.linkage} @${fn.name}(${params}${va}) -> ${retAbi}${fn.ret}${fn.align !== undefined ? ` align ${fn.align}` : ''}${printSymbolAttrs(fn)}${fn.inlining === 'never' ? ' noinline' : fn.inlining === 'always' ? ' alwaysinline' : ''} {`];
    fn.slots.forEach((s, i) => {
      lines.push(`  slot $${i} size ${s.size} align ${s.align}${s.name !== undefined ? ' ; ' + s.name : ''}`);
    });
    for (const l of fn.labelAddresses ?? []) lines.push(`  label @${l.name} ${this.label(l.block)}`);
    for (const b of fn.blocks) {
      const ps = b.params.map((id) => `${this.value(id)}:${this.fn.values[id]?.ty ?? '?'}`);
      lines.push(`${this.label(b.id)}${ps.length > 0 ? '(' + ps.join(', ') + ')' : ''}${b.isCold ? ' cold' : ''}:`);
      for (const inst of b.insts) lines.push('  ' + this.inst(inst));
      lines.push('  ' + this.term(b.term));
    }
    lines.push('}');
    return lines.join('\n') + '\n';
  }

  value(id: number): string {
    return '%' + (this.valueNames.get(id) ?? String(id));
  }

  label(blockId: number): string {
    return this.blockNames.get(blockId) ?? `b${blockId}`;
  }

  operand(o: Operand, ty: IrType | null): string {
    switch (o.kind) {
      case 'value': return this.value(o.id);
      case 'int': return printInt(o.value, ty);
      case 'float': return printFloat(o.value);
      case 'global': return printGlobalRef(o.name, o.offset);
      default: return unreachable(o, 'operand');
    }
  }

  inst(inst: Inst): string {
    const lhs = inst.result !== null ? `${this.value(inst.result)}:${this.fn.values[inst.result]?.ty ?? inst.ty ?? '?'} = ` : '';
    return lhs + this.rhs(inst);
  }

  private rhs(inst: Inst): string {
    const info = OPS[inst.op];
    const ty = inst.ty;
    const a = (i: number, t: IrType | null) => (inst.args[i] ? this.operand(inst.args[i], t) : '?');
    const vol = inst.isVolatile ? ' volatile' : '';
    switch (info.shape) {
      case 'binary': return `${inst.op} ${a(0, ty)}, ${a(1, ty)}`;
      case 'unary': case 'copy': return `${inst.op} ${a(0, ty)}`;
      case 'compare': return `${inst.op} ${inst.cond ?? '?'} ${inst.opTy ?? '?'} ${a(0, inst.opTy ?? null)}, ${a(1, inst.opTy ?? null)}`;
      case 'convert': return `${inst.op} ${inst.opTy ?? '?'} ${a(0, inst.opTy ?? null)}`;
      case 'load': return `load${vol} ${a(0, 'ptr')}`;
      case 'store': return `store${vol} ${ty ?? '?'} ${a(0, ty)}, ${a(1, 'ptr')}`;
      case 'select': return `select ${inst.opTy ?? '?'} ${a(0, inst.opTy ?? null)}, ${a(1, ty)}, ${a(2, ty)}`;
      case 'slotaddr': return `slotaddr $${inst.slot ?? '?'}`;
      case 'call': return this.call(inst);
      case 'vastart': return `vastart ${a(0, 'ptr')}`;
      case 'asm': return this.asm(inst);
      case 'ldmem': return `${inst.op}${inst.opTy ? ` ${inst.opTy}` : ''} ${inst.args.map((_, i) => a(i, 'ptr')).join(', ')}`;
      case 'ldcmp': return `ldcmp ${inst.cond ?? '?'} ${a(0, 'ptr')}, ${a(1, 'ptr')}`;
      case 'stackalloc': return `stackalloc ${a(0, 'i64')}, align ${inst.align ?? '?'}`;
      case 'stacksave': return inst.op;
      case 'stackrestore': return `stackrestore ${a(0, 'ptr')}`;
      default: return unreachable(info.shape, 'op shape');
    }
  }

  /** `asm volatile "tmpl" (out "=r" result, in "0" value i32 %1, out name x "=m" mem i32 %2) clobber "cc"` */
  private asm(inst: Inst): string {
    const spec = inst.asm;
    if (!spec) return 'asm ?';
    let arg = 0;
    const ops = spec.operands.map((o) => {
      const name = o.name !== null ? `name ${o.name} ` : '';
      const head = `${o.isOutput ? 'out' : 'in'} ${name}${printBytes(charBytes(o.constraint))} ${o.via}`;
      if (o.via === 'result') return head;
      const operand = inst.args[arg++];
      return `${head} ${o.ty} ${operand ? this.operand(operand, o.via === 'value' ? o.ty : 'ptr') : '?'}`;
    });
    const quals = `${spec.isVolatile ? ' volatile' : ''}${spec.isBasic ? ' basic' : ''}`;
    const clobbers = spec.clobbers.length > 0 ? ` clobber ${spec.clobbers.map((c) => printBytes(charBytes(c))).join(', ')}` : '';
    return `asm${quals} ${printBytes(charBytes(spec.template))} (${ops.join(', ')})${clobbers}`;
  }

  private call(inst: Inst): string {
    const argTys = inst.argTys ?? [];
    const parts: string[] = [];
    for (let i = 1; i < inst.args.length; i++) {
      if (inst.fixedArgs !== undefined && i - 1 === inst.fixedArgs) parts.push('...');
      const t = argTys[i - 1] ?? null;
      parts.push(`${abiPrefix(inst.argAbi?.[i - 1])}${t ?? '?'} ${this.operand(inst.args[i], t)}`);
    }
    if (inst.fixedArgs !== undefined && inst.fixedArgs >= inst.args.length - 1) parts.push('...');
    const callee = inst.args[0] ? this.operand(inst.args[0], 'ptr') : '?';
    return `call ${callee}(${parts.join(', ')})`;
  }

  edge(e: BlockCall): string {
    if (e.args.length === 0) return this.label(e.block);
    const target = this.fn.blocks.find((b) => b.id === e.block);
    const args = e.args.map((o, i) => {
      const pid = target?.params[i];
      return this.operand(o, pid !== undefined ? this.fn.values[pid]?.ty ?? null : null);
    });
    return `${this.label(e.block)}(${args.join(', ')})`;
  }

  term(t: Terminator): string {
    switch (t.kind) {
      case 'jmp': return `jmp ${this.edge(t.target)}`;
      case 'br': return `br ${this.operand(t.cond, 'i32')}, ${this.edge(t.then)}, ${this.edge(t.else)}`;
      case 'switch': {
        const cases = t.cases.map((c) => `, ${printInt(c.value, t.ty)}: ${this.edge(c.target)}`).join('');
        return `switch ${t.ty} ${this.operand(t.value, t.ty)}, default ${this.edge(t.default)}${cases}`;
      }
      case 'ret': return t.value === null ? 'ret' : `ret ${this.operand(t.value, this.fn.ret === 'void' ? null : this.fn.ret)}`;
      case 'ijmp': return `ijmp ${this.operand(t.value, 'ptr')}${t.targets.map((e) => `, ${this.edge(e)}`).join('')}`;
      case 'unreachable': return 'unreachable';
      default: return unreachable(t, 'terminator');
    }
  }
}

/** Words that start a line or an instruction; a block may not be named like one. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'func', 'global', 'declare', 'slot', 'label', 'jmp', 'br', 'switch', 'ijmp', 'ret', 'unreachable', 'store', 'call', 'default', 'vastart', 'asm',
  'alias', 'constructor', 'destructor', 'ldadd', 'ldsub', 'ldmul', 'lddiv', 'ldneg', 'ldext', 'ldtrunc', 'stackrestore',
]);

/** The text form of a passing annotation, placed before the type: `part 0 of 2 `, `byval 24 align 8 `, `sret `, `retbuf i64 f64 `. */
function abiPrefix(abi: ArgAbi | null | undefined): string {
  if (!abi) return '';
  switch (abi.kind) {
    case 'part': return `part ${abi.index} of ${abi.count} ${abi.isUpper ? 'up ' : ''}${abi.align !== undefined ? `align ${abi.align} ` : ''}`;
    case 'byval': return `byval ${abi.size} align ${abi.align} `;
    case 'sret': return 'sret ';
    case 'retbuf': return `retbuf ${abi.pieces.join(' ')} `;
    default: return unreachable(abi, 'argument abi');
  }
}
