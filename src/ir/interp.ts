// A reference interpreter for the IR: executes a function of a module.
//
// Input: an IrModule, a function name and arguments (bigint for integers
// and pointers, number for floats). Output: the return value plus the trace
// of calls made to functions the module does not define (its observable
// behaviour). Used by tests to check that passes preserve meaning: run the
// same inputs before and after, compare results and traces.
//
// Semantics follow ops.ts and C: integers wrap at their width; division by
// zero, INT_MIN / -1 and out-of-range float→int conversions throw
// InterpUndefined (C leaves them undefined, so a test must not depend on
// them); shifts by ≥ the width mask the count as x86 does, because shifts
// are non-trapping and passes may speculate them. Memory is one little-endian byte array with
// globals at the bottom and a stack of slots above; out-of-bounds accesses
// throw. Execution stops with InterpLimit after `maxSteps` instructions, so
// a looping program cannot hang a test. Long double (the ld* ops) is
// read from and written to memory in the real format (80-bit extended
// unless `longDouble` says binary128) but computed in double precision:
// enough for testing passes, which never look inside.

import type { ArgAbi, Block, DataItem, Inst, IrFunction, IrModule, IrType, Operand } from './ir.js';
import { isFloatType, isVectorType, laneCount, laneType, pieceSize, sizeOfType } from './ir.js';
import { OPS } from './ops.js';
import { asmArgIndices, tiedOutput } from './asm.js';
import { decodeLongDouble, encodeLongDouble, type LongDoubleLayout } from './long-double-format.js';
import { bitsOf, compareFloats, compareInts, foldIntOp } from './passes/const-fold.js';
import { floatMathBinary, floatMathUnary } from './float-math.js';

export type InterpValue = bigint | number;
/**
 * A vector's lanes, lane 0 first (ir.ts VectorType). Vectors never cross a
 * call or the interpreter's interface, so inside it they travel as an
 * InterpValue by a cast (`lanes` / `asValue`).
 */
type VectorValue = readonly (bigint | number)[];
const lanes = (v: InterpValue): VectorValue => v as unknown as VectorValue;
const asValue = (v: VectorValue): InterpValue => v as unknown as InterpValue;
/** An argument: a value, or the address of a symbol of the module (plus an offset). */
export type InterpArg = InterpValue | { readonly symbol: string; readonly offset?: number };

/** Library functions that transfer control elsewhere than their return point. */
const NON_LOCAL_JUMPS = new Set(['longjmp', '_longjmp', 'siglongjmp', '__longjmp_chk']);

export class InterpUndefined extends Error {}
export class InterpLimit extends Error {}

/** Nested calls the interpreter follows before giving up (each costs host stack). */
const MAX_CALL_DEPTH = 400;

/** What a host function may do with the interpreter's memory: read the bytes at an address. */
export interface HostMemory {
  read(addr: bigint, size: number): Uint8Array;
}

/**
 * A host function: the call's arguments (without a 'retbuf' one), and the
 * result — a value, or for a call returning register pieces into a
 * 'retbuf' the bytes of those pieces.
 */
export type HostFunction = (args: InterpValue[], memory: HostMemory) => InterpValue | Uint8Array;

export interface InterpOptions {
  maxSteps?: number;
  /** Host functions for symbols the module declares but does not define. Default: return 0. */
  externs?: Map<string, HostFunction>;
  memorySize?: number;
  /** The format the ld* operations compute in (the target's long double): default 80-bit extended. */
  longDouble?: LongDoubleLayout;
}

export interface InterpResult {
  value: InterpValue | null;
  /** One line per call to an undefined function: `name(arg, …)`. */
  trace: string[];
  /** The bytes of all globals after the call (stores to memory are behaviour too). */
  globals: Uint8Array;
}

const BASE = 0x1000;
const FUNC_BASE = 0x7000_0000n;

export function interpret(m: IrModule, name: string, args: readonly InterpArg[], opts: InterpOptions = {}): InterpResult {
  return new Interpreter(m, opts).call(name, args);
}

class Interpreter {
  private readonly mem: Uint8Array;
  private readonly view: DataView;
  private readonly symbols = new Map<string, bigint>();
  private readonly functions = new Map<string, IrFunction>();
  private readonly funcAt = new Map<bigint, string>();
  private stackTop: number;
  /** malloc'd blocks sit at the top of memory, growing down towards the stack. */
  private heapBottom: number;
  private readonly globalsEnd: number;
  private steps = 0;
  private readonly maxSteps: number;
  readonly trace: string[] = [];

  constructor(m: IrModule, private readonly opts: InterpOptions) {
    this.mem = new Uint8Array(opts.memorySize ?? 1 << 20);
    this.view = new DataView(this.mem.buffer);
    this.maxSteps = opts.maxSteps ?? 1_000_000;
    let at = BASE;
    for (const g of m.globals) {
      at = align(at, g.align);
      this.symbols.set(g.name, BigInt(at));
      at += Math.max(g.size, 1);
    }
    let k = 0n;
    for (const f of m.functions) this.functions.set(f.name, f);
    for (const name of [...m.functions.map((f) => f.name), ...m.externs]) {
      const addr = FUNC_BASE + 16n * k++;
      this.symbols.set(name, addr);
      this.funcAt.set(addr, name);
    }
    for (const g of m.globals) if (g.init) this.writeData(Number(this.symbols.get(g.name)!), g.init);
    this.globalsEnd = at;
    this.stackTop = align(at, 16);
    this.heapBottom = this.mem.length;
  }

  private writeData(at: number, items: readonly DataItem[]): void {
    for (const d of items) {
      switch (d.kind) {
        case 'int': this.store(BigInt(at), d.ty, d.value); at += sizeOfType(d.ty); break;
        case 'float': this.store(BigInt(at), d.ty, d.value); at += sizeOfType(d.ty); break;
        case 'bytes': this.mem.set(d.bytes, at); at += d.bytes.length; break;
        case 'zero': at += d.size; break;
        case 'addr': this.store(BigInt(at), 'ptr', this.symbol(d.name) + BigInt(d.offset)); at += 8; break;
        // Label symbols have addresses here too, and goto * maps them back to blocks.
        case 'labelDiff': this.store(BigInt(at), d.ty, this.symbol(d.plus) - this.symbol(d.minus) + BigInt(d.offset)); at += sizeOfType(d.ty); break;
      }
    }
  }

  private symbol(name: string): bigint {
    let a = this.symbols.get(name);
    if (a === undefined) {
      // An undeclared symbol still needs an address (the loader would resolve
      // it); hashing the name keeps it independent of the order of first use.
      let h = 0x811c9dc5;
      for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
      a = FUNC_BASE / 2n + 16n * BigInt(h % (1 << 24));
      this.symbols.set(name, a);
      this.funcAt.set(a, name);
    }
    return a;
  }

  private check(addr: bigint, size: number): number {
    if (addr < BigInt(BASE) || addr + BigInt(size) > BigInt(this.mem.length)) throw new InterpUndefined(`access of ${size} bytes at 0x${addr.toString(16)} is out of bounds`);
    return Number(addr);
  }

  load(addr: bigint, ty: IrType): InterpValue {
    if (isVectorType(ty)) {
      const lane = laneType(ty), w = BigInt(sizeOfType(lane));
      this.check(addr, sizeOfType(ty));
      return asValue(Array.from({ length: laneCount(ty) }, (_, k) => this.load(addr + w * BigInt(k), lane)));
    }
    const a = this.check(addr, sizeOfType(ty));
    const v = this.view;
    switch (ty) {
      case 'i8': return BigInt(v.getInt8(a));
      case 'i16': return BigInt(v.getInt16(a, true));
      case 'i32': return BigInt(v.getInt32(a, true));
      case 'i64': return v.getBigInt64(a, true);
      case 'i128': return BigInt.asIntN(128, v.getBigUint64(a, true) | (v.getBigUint64(a + 8, true) << 64n));
      case 'ptr': return v.getBigUint64(a, true);
      case 'f32': return v.getFloat32(a, true);
      case 'f64': return v.getFloat64(a, true);
    }
  }

  store(addr: bigint, ty: IrType, value: InterpValue): void {
    if (isVectorType(ty)) {
      const lane = laneType(ty), w = BigInt(sizeOfType(lane));
      this.check(addr, sizeOfType(ty));
      lanes(value).forEach((v, k) => this.store(addr + w * BigInt(k), lane, v));
      return;
    }
    const a = this.check(addr, sizeOfType(ty));
    const v = this.view;
    const i = typeof value === 'bigint' ? value : 0n;
    const f = typeof value === 'number' ? value : 0;
    switch (ty) {
      case 'i8': v.setInt8(a, Number(BigInt.asIntN(8, i))); break;
      case 'i16': v.setInt16(a, Number(BigInt.asIntN(16, i)), true); break;
      case 'i32': v.setInt32(a, Number(BigInt.asIntN(32, i)), true); break;
      case 'i64': case 'ptr': v.setBigUint64(a, BigInt.asUintN(64, i), true); break;
      case 'i128': v.setBigUint64(a, BigInt.asUintN(64, i), true); v.setBigUint64(a + 8, BigInt.asUintN(64, i >> 64n), true); break;
      case 'f32': v.setFloat32(a, f, true); break;
      case 'f64': v.setFloat64(a, f, true); break;
    }
  }

  call(name: string, args: readonly InterpArg[]): InterpResult {
    const values = args.map((a) => (typeof a === 'object' ? this.symbol(a.symbol) + BigInt(a.offset ?? 0) : a));
    const value = this.callByName(name, values);
    if (value instanceof Uint8Array) throw new InterpUndefined(`'${name}' is a host function returning bytes`);
    return { value, trace: this.trace, globals: this.mem.slice(BASE, this.globalsEnd) };
  }

  private callByName(name: string, args: InterpValue[]): InterpValue | Uint8Array | null {
    const fn = this.functions.get(name);
    if (fn) return this.run(fn, args);
    const host = this.opts.externs?.get(name);
    // A non-local jump cannot be played back by calling a stub: stop instead of running on a path the program never takes.
    if (host === undefined && NON_LOCAL_JUMPS.has(name)) throw new InterpLimit(`'${name}' (a non-local jump) is not modelled`);
    if (host === undefined) {
      const r = libmValue(name, args) ?? this.heapCall(name, args);
      if (r !== null) return r;
    }
    // Stack addresses depend on which locals stayed in memory, which is
    // exactly what passes change; the trace shows them as `<stack>`.
    const shown = args.map((a) => (typeof a === 'bigint' && a >= BigInt(this.globalsEnd) && a < BigInt(this.mem.length) ? '<stack>' : showValue(a)));
    this.trace.push(`${name}(${shown.join(', ')})`);
    return host ? host(args, { read: (addr, size) => this.mem.slice(this.check(addr, size), this.check(addr, size) + size) }) : 0n;
  }

  /**
   * malloc, calloc, free and memset, modelled without a trace entry: where
   * a block lives is not behaviour (passes may turn one into a stack slot),
   * and passes make memset of loops; null when `name` is not one of them.
   * Blocks are zeroed and never reused.
   */
  private heapCall(name: string, args: readonly InterpValue[]): InterpValue | null {
    if (name === 'free' && args.length === 1) return 0n;
    // memset, which loop-idiom makes of byte-filling loops: its effect is the bytes, not a call.
    if (name === 'memset' && args.length === 3 && args.every((a) => typeof a === 'bigint')) {
      const [p, c, n] = args as bigint[];
      const at = this.check(p!, Number(n));
      this.mem.fill(Number(BigInt.asUintN(8, c!)), at, at + Number(n));
      return p!;
    }
    if ((name !== 'malloc' || args.length !== 1) && (name !== 'calloc' || args.length !== 2)) return null;
    const size = args.reduce((n: bigint, a) => n * BigInt.asUintN(64, typeof a === 'bigint' ? a : 0n), 1n);
    const at = Math.floor((this.heapBottom - Number(size)) / 16) * 16;
    if (size > BigInt(this.mem.length) || at < this.stackTop + 4096) return 0n; // out of memory: malloc's null
    this.mem.fill(0, at, this.heapBottom);
    this.heapBottom = at;
    return BigInt(at);
  }

  private run(fn: IrFunction, args: InterpValue[]): InterpValue | null {
    // Deep recursion ends like a long run, not with the host's stack overflow.
    if (++this.depth > MAX_CALL_DEPTH) throw new InterpLimit('call depth limit reached');
    try {
      return this.runFrame(fn, args);
    } finally {
      this.depth--;
    }
  }

  private depth = 0;

  private runFrame(fn: IrFunction, args: InterpValue[]): InterpValue | null {
    const frameBase = this.stackTop;
    const slotAddr: bigint[] = [];
    let at = frameBase;
    for (const s of fn.slots) {
      at = align(at, Math.max(s.align, 1));
      slotAddr.push(BigInt(at));
      at += Math.max(s.size, 1);
    }
    if (at > this.heapBottom - 4096) throw new InterpLimit('stack overflow');
    this.mem.fill(0, frameBase, at);
    this.stackTop = align(at, 16);
    try {
      const byId = new Map(fn.blocks.map((b) => [b.id, b]));
      const vals = new Map<number, InterpValue>();
      const get = (o: Operand, ty: IrType): InterpValue => this.operand(vals, o, ty);
      let blk: Block = fn.blocks[0];
      blk.params.forEach((p, i) => vals.set(p, args[i] ?? 0n));
      for (;;) {
        for (const inst of blk.insts) {
          if (++this.steps > this.maxSteps) throw new InterpLimit('step limit reached');
          const r = this.exec(inst, get, slotAddr);
          if (inst.result !== null) vals.set(inst.result, r!);
        }
        const t = blk.term;
        let edge;
        switch (t.kind) {
          case 'ret': return t.value === null ? null : get(t.value, fn.ret as IrType);
          case 'unreachable': throw new InterpUndefined('reached unreachable');
          // Label addresses are symbols the backend defines; the interpreter has no code addresses.
          case 'ijmp': throw new InterpUndefined('an indirect branch (goto *) cannot be interpreted');
          case 'jmp': edge = t.target; break;
          case 'br': edge = (get(t.cond, 'i64') as bigint) !== 0n ? t.then : t.else; break;
          case 'switch': {
            const w = bitsOf(t.ty);
            const v = BigInt.asUintN(w, get(t.value, t.ty) as bigint);
            edge = t.cases.find((c) => BigInt.asUintN(w, c.value) === v)?.target ?? t.default;
            break;
          }
        }
        const next = byId.get(edge.block)!;
        const incoming = edge.args.map((a, i) => get(a, fn.values[next.params[i]].ty));
        next.params.forEach((p, i) => vals.set(p, incoming[i]));
        if (++this.steps > this.maxSteps) throw new InterpLimit('step limit reached');
        blk = next;
      }
    } finally {
      this.stackTop = frameBase;
    }
  }

  private operand(vals: Map<number, InterpValue>, o: Operand, ty: IrType): InterpValue {
    switch (o.kind) {
      case 'value': {
        const v = vals.get(o.id);
        if (v === undefined) throw new InterpUndefined(`read of %${o.id} before its definition`);
        return v;
      }
      case 'int': return ty === 'ptr' ? BigInt.asUintN(64, o.value) : isFloatType(ty) ? Number(o.value) : BigInt.asIntN(bitsOf(ty), o.value);
      case 'float': return ty === 'f32' ? Math.fround(o.value) : o.value;
      case 'global': return this.symbol(o.name) + BigInt(o.offset);
    }
  }

  private get ldLayout(): LongDoubleLayout {
    return this.opts.longDouble ?? 'extended80';
  }

  private get ldBytes(): number {
    return this.ldLayout === 'extended80' ? 10 : 16;
  }

  private loadLongDouble(addr: bigint): number {
    const at = this.check(addr, this.ldBytes);
    return decodeLongDouble(this.mem.subarray(at, at + this.ldBytes), this.ldLayout);
  }

  /** One 'ldmem' shape instruction (ops.ts LD_OPERANDS), computed in double precision. */
  private ldMem(inst: Inst, ptr: (o: Operand) => bigint): void {
    const dst = ptr(inst.args[0]);
    const src = ptr(inst.args[1]);
    let r: number;
    switch (inst.op) {
      case 'ldadd': case 'ldsub': case 'ldmul': case 'lddiv':
        r = floatBinary(`f${inst.op.slice(2)}`, this.loadLongDouble(src), this.loadLongDouble(ptr(inst.args[2])), 'f64');
        break;
      case 'ldneg': r = -this.loadLongDouble(src); break;
      case 'ldext': {
        const ty = inst.opTy!;
        const v = this.load(src, ty);
        r = typeof v === 'number' ? v : Number(v);
        break;
      }
      case 'ldtrunc': {
        const ty = inst.opTy!;
        const v = this.loadLongDouble(src);
        this.store(dst, ty, isFloatType(ty) ? round(v, ty) : convert('fptosi', 'f64', ty, v));
        return;
      }
      default: throw new InterpUndefined(`unknown long double operation '${inst.op}'`);
    }
    this.mem.set(encodeLongDouble(r, this.ldLayout), this.check(dst, this.ldBytes));
  }

  private exec(inst: Inst, get: (o: Operand, ty: IrType) => InterpValue, slotAddr: bigint[]): InterpValue | null {
    const ty = inst.ty!;
    const info = OPS[inst.op];
    if (inst.op === 'splat' && isVectorType(ty)) return asValue(Array<bigint | number>(laneCount(ty)).fill(get(inst.args[0], inst.opTy!)));
    if (info.shape === 'binary' && isVectorType(ty)) {
      // Lane by lane, exactly as the scalar operation on each lane.
      const lane = laneType(ty);
      const a = lanes(get(inst.args[0], ty)), b = lanes(get(inst.args[1], ty));
      return asValue(a.map((x, k) => {
        if (isFloatType(lane)) return floatBinary(inst.op, x as number, b[k] as number, lane);
        const r = foldIntOp(inst.op, x as bigint, b[k] as bigint, lane);
        if (r === null) throw new InterpUndefined(`'${inst.op}' of ${x} and ${b[k]} is undefined`);
        return norm(r, lane);
      }));
    }
    switch (info.shape) {
      case 'binary': {
        const a = get(inst.args[0], ty), b = get(inst.args[1], ty);
        if (isFloatType(ty)) return floatBinary(inst.op, a as number, b as number, ty);
        if (inst.op === 'shl' || inst.op === 'lshr' || inst.op === 'ashr') return shift(inst.op, a as bigint, b as bigint, ty);
        const r = foldIntOp(inst.op, a as bigint, b as bigint, ty);
        if (r === null) throw new InterpUndefined(`'${inst.op}' of ${a} and ${b} is undefined`);
        return norm(r, ty);
      }
      case 'unary': {
        const a = get(inst.args[0], ty);
        if (inst.op === 'fneg') return round(-(a as number), ty);
        if (isFloatType(ty)) {
          const r = floatMathUnary(inst.op, a as number, ty);
          if (r === null) throw new InterpUndefined(`'${inst.op}' on floats`);
          return r;
        }
        return norm(inst.op === 'neg' ? -(a as bigint) : ~(a as bigint), ty);
      }
      case 'copy': return get(inst.args[0], ty);
      case 'compare': {
        const opTy = inst.opTy!;
        const a = get(inst.args[0], opTy), b = get(inst.args[1], opTy);
        const r = inst.op === 'icmp' ? compareInts(inst.cond!, a as bigint, b as bigint, bitsOf(opTy)) : compareFloats(inst.cond!, a as number, b as number);
        return r ? 1n : 0n;
      }
      case 'convert': return convert(inst.op, inst.opTy!, ty, get(inst.args[0], inst.opTy!));
      case 'load': return this.load(get(inst.args[0], 'ptr') as bigint, ty);
      case 'store': this.store(get(inst.args[1], 'ptr') as bigint, ty, get(inst.args[0], ty)); return null;
      case 'select': return (get(inst.args[0], inst.opTy!) as bigint) !== 0n ? get(inst.args[1], ty) : get(inst.args[2], ty);
      case 'slotaddr': return slotAddr[inst.slot!];
      case 'vastart': throw new InterpUndefined('the interpreter does not model variadic arguments (vastart)');
      case 'asm': return this.emptyAsm(inst, get);
      case 'ldmem': this.ldMem(inst, (o) => get(o, 'ptr') as bigint); return null;
      case 'ldcmp': {
        const a = this.loadLongDouble(get(inst.args[0], 'ptr') as bigint), b = this.loadLongDouble(get(inst.args[1], 'ptr') as bigint);
        return compareFloats(inst.cond!, a, b) ? 1n : 0n;
      }
      case 'stackalloc': {
        // Dynamic memory sits above the frame's slots; run() pops it on return.
        const size = Number(BigInt.asUintN(64, get(inst.args[0], 'i64') as bigint));
        const at = align(this.stackTop, Math.max(inst.align ?? 1, 16));
        if (at + size > this.heapBottom - 4096) throw new InterpLimit('stack overflow');
        this.mem.fill(0, at, at + size);
        this.stackTop = align(at + size, 16);
        return BigInt(at);
      }
      case 'stacksave': return BigInt(this.stackTop);
      case 'stackrestore': this.stackTop = Number(get(inst.args[0], 'ptr') as bigint); return null;
      case 'call': {
        const callee = get(inst.args[0], 'ptr') as bigint;
        const name = this.funcAt.get(callee);
        if (name === undefined) throw new InterpUndefined(`call through a non-function address 0x${callee.toString(16)}`);
        // A 'retbuf' argument is not passed: the callee returns its pieces (the address of them, or a host's bytes), copied there.
        const retbuf = inst.argAbi?.findIndex((a) => a?.kind === 'retbuf') ?? -1;
        const args = inst.args.slice(1).map((a, i) => get(a, inst.argTys![i])).filter((_, i) => i !== retbuf);
        const r = this.callByName(name, args);
        if (retbuf >= 0) {
          const abi = inst.argAbi![retbuf] as Extract<ArgAbi, { kind: 'retbuf' }>;
          const size = abi.pieces.reduce((n, p) => n + pieceSize(p), 0);
          const bytes = r instanceof Uint8Array ? r : this.mem.slice(this.check(r as bigint, size), this.check(r as bigint, size) + size);
          this.mem.set(bytes.subarray(0, size), this.check(get(inst.args[retbuf + 1], 'ptr') as bigint, size));
          return null;
        }
        if (r instanceof Uint8Array) throw new InterpUndefined(`'${name}' returned bytes for a call without a retbuf`);
        if (inst.result === null) return null;
        if (r === null) throw new InterpUndefined(`'${name}' returned no value`);
        return isFloatType(ty) ? (typeof r === 'number' ? round(r, ty) : Number(r)) : norm(typeof r === 'bigint' ? r : BigInt(Math.trunc(r)), ty);
      }
    }
  }

  /**
   * Only an empty template can run here: it moves nothing, so each output
   * holds what its tied input held (gcc matching constraints) and an untied
   * output holds 0 (really: whatever the register held).
   */
  private emptyAsm(inst: Inst, get: (o: Operand, ty: IrType) => InterpValue): InterpValue | null {
    const spec = inst.asm!;
    if (spec.template.trim() !== '') throw new InterpUndefined('the interpreter cannot run an asm statement with a non-empty template');
    const argOf = asmArgIndices(spec);
    const outputValue = (k: number): InterpValue => {
      const o = spec.operands[k]!;
      const tied = spec.operands.findIndex((p, j) => !p.isOutput && p.via === 'value' && tiedOutput(spec, j) === k);
      if (tied < 0) return isFloatType(o.ty) ? 0 : 0n;
      return get(inst.args[argOf[tied]!]!, spec.operands[tied]!.ty);
    };
    let result: InterpValue | null = null;
    spec.operands.forEach((o, k) => {
      if (o.via === 'result') result = outputValue(k);
      else if (o.via === 'store') this.store(get(inst.args[argOf[k]!]!, 'ptr') as bigint, o.ty, outputValue(k));
    });
    return result;
  }
}

/**
 * Shifts never trap: an oversized count is undefined in C but the machine
 * masks it (x86 SHL/SHR/SAR use the count mod 32, or mod 64 for 64-bit
 * operands; Intel SDM Vol. 2B "SAL/SAR/SHL/SHR"). Passes may hoist a shift
 * whose count is only in range on the path that used it, so the interpreter
 * must not fault where the hardware does not.
 */
function shift(op: string, a: bigint, b: bigint, ty: IrType): bigint {
  const w = bitsOf(ty);
  const count = BigInt.asUintN(w, b) & (w === 128 ? 127n : w === 64 ? 63n : 31n);
  const wide = w < 32 ? 32 : w;
  switch (op) {
    case 'shl': return norm(a << count, ty);
    case 'lshr': return norm(BigInt.asUintN(wide, BigInt.asUintN(w, a)) >> count, ty);
    default: return norm(BigInt.asIntN(w, a) >> count, ty);
  }
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function norm(v: bigint, ty: IrType): bigint {
  return ty === 'ptr' ? BigInt.asUintN(64, v) : BigInt.asIntN(bitsOf(ty), v);
}

function round(v: number, ty: IrType): number {
  return ty === 'f32' ? Math.fround(v) : v;
}

/**
 * C math functions the interpreter computes itself, without a trace entry:
 * they have no side effect, except sqrt of a negative number, which sets
 * errno and so is traced like any other library call (null: not handled).
 * Their results are what the IR's own operations give (float-math.ts).
 */
function libmValue(name: string, args: readonly InterpValue[]): InterpValue | null {
  const m = /^(sqrt|fabs|floor|ceil|trunc|round|copysign|fmin|fmax)(f?)$/.exec(name);
  if (!m || args.some((a) => typeof a !== 'number')) return null;
  const [x, y] = args as number[];
  const ty: IrType = m[2] === 'f' ? 'f32' : 'f64';
  if (m[1] === 'sqrt' && x! < 0) return null;
  if (m[1] === 'round') {
    const t = Math.trunc(x!); // halfway cases away from zero (C11 7.12.9.6)
    return Math.abs(x! - t) >= 0.5 ? t + Math.sign(x!) : t;
  }
  const op = { sqrt: 'fsqrt', fabs: 'fabs', floor: 'ffloor', ceil: 'fceil', trunc: 'ftrunc', copysign: 'fcopysign', fmin: 'fmin', fmax: 'fmax' }[m[1] as 'sqrt'];
  return args.length === 1 ? floatMathUnary(op, x!, ty) : floatMathBinary(op, x!, y!);
}

function floatBinary(op: string, a: number, b: number, ty: IrType): number {
  switch (op) {
    case 'fadd': return round(a + b, ty);
    case 'fsub': return round(a - b, ty);
    case 'fmul': return round(a * b, ty);
    case 'fdiv': return round(a / b, ty);
    default: {
      const r = floatMathBinary(op, a, b);
      if (r === null) throw new InterpUndefined(`'${op}' on floats`);
      return round(r, ty);
    }
  }
}

function convert(op: string, from: IrType, to: IrType, v: InterpValue): InterpValue {
  const fw = bitsOf(from);
  switch (op) {
    case 'sext': return norm(BigInt.asIntN(fw, v as bigint), to);
    case 'zext': return norm(BigInt.asUintN(fw, v as bigint), to);
    case 'trunc': case 'ptrtoint': case 'inttoptr': return norm(v as bigint, to);
    // Number(bigint) rounds to double first; for |v| > 2^53 converting on to
    // f32 may round twice (hardware rounds once). Tests keep to smaller values.
    case 'sitofp': return round(Number(BigInt.asIntN(fw, v as bigint)), to);
    case 'uitofp': return round(Number(BigInt.asUintN(fw, v as bigint)), to);
    case 'fpext': return v as number;
    case 'fptrunc': return Math.fround(v as number);
    case 'fptosi': case 'fptoui': {
      const x = v as number;
      const w = bitsOf(to);
      if (!Number.isFinite(x)) throw new InterpUndefined(`${op} of ${x}`);
      const t = BigInt(Math.trunc(x));
      const [lo, hi] = op === 'fptosi' ? [-(1n << BigInt(w - 1)), (1n << BigInt(w - 1)) - 1n] : [0n, (1n << BigInt(w)) - 1n];
      if (t < lo || t > hi) throw new InterpUndefined(`${op} of ${x} is out of range`);
      return norm(t, to);
    }
    case 'bitcast': {
      const dv = new DataView(new ArrayBuffer(8));
      if (from === 'f32') dv.setFloat32(0, v as number, true);
      else if (from === 'f64') dv.setFloat64(0, v as number, true);
      else dv.setBigUint64(0, BigInt.asUintN(64, v as bigint), true);
      if (to === 'f32') return dv.getFloat32(0, true);
      if (to === 'f64') return dv.getFloat64(0, true);
      return norm(dv.getBigUint64(0, true), to);
    }
    default: throw new InterpUndefined(`unknown conversion '${op}'`);
  }
}

/** Text of a value for traces: floats keep -0 and NaN distinct from 0. */
export function showValue(v: InterpValue | null): string {
  if (v === null) return 'void';
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `<${lanes(v).map((x) => showValue(x)).join(', ')}>`;
  return Object.is(v, -0) ? '-0' : String(v);
}
