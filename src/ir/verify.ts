// The IR verifier: checks every invariant listed in ir.ts and the operand
// typing rules of ops.ts.
//
// Input: an IrFunction or IrModule (possibly broken). Output: a list of
// messages, empty when the IR is well formed. Each message names the
// function, the block and the instruction, e.g.
//   @f: b2: '%3:i32 = add %1, %2': operand 2 is i64, expected i32
// The verifier never throws on bad IR; it runs after every pass in tests and
// under CC_VERIFY=1, so a pass that breaks the IR is caught where it did so.
//
// Dominance: a use must be dominated by its definition; block parameters
// are defined at the top of their block; edge arguments are uses at the end
// of the predecessor. Uses inside unreachable blocks are not checked for
// dominance (nothing dominates them; passes delete them anyway).

import type { ArgAbi, RegPiece, Block, BlockCall, Inst, IrFunction, IrModule, IrType, Operand } from './ir.js';
import { IR_TYPES, isFloatType, isIntType, isVectorType, laneType, sizeOfType, successors } from './ir.js';
import { FLOAT_CONDS, INT_CONDS, LD_MEM_TYPES, LD_OPERANDS, OPS, type FloatCond } from './ops.js';
import { asmArgTypes, verifyAsm } from './asm.js';
import { functionNames, type FunctionNames } from './print.js';
import { computeCfg } from './analysis/cfg.js';
import { computeDominators } from './analysis/dominators.js';
import { unreachable } from '../diagnostics.js';

export function verifyModule(m: IrModule): string[] {
  const errors: string[] = [];
  const names = new Set<string>();
  const claim = (name: string) => {
    if (names.has(name)) errors.push(`duplicate symbol '@${name}'`);
    names.add(name);
  };
  m.externs.forEach(claim);
  const labelOwner = new Map(m.functions.flatMap((f) => (f.labelAddresses ?? []).map((l) => [l.name, f.name] as const)));
  for (const g of m.globals) {
    claim(g.name);
    for (const d of g.init ?? []) {
      if (d.kind !== 'labelDiff') continue;
      const owner = labelOwner.get(d.plus);
      if (owner === undefined || labelOwner.get(d.minus) !== owner) errors.push(`@${g.name}: labeldiff @${d.plus} @${d.minus} needs two taken labels of one function`);
    }
    if (g.init !== null) {
      let size = 0;
      for (const d of g.init) size += d.kind === 'bytes' ? d.bytes.length : d.kind === 'zero' ? d.size : d.kind === 'addr' ? 8 : sizeOfType(d.ty);
      if (size !== g.size) errors.push(`@${g.name}: initializer is ${size} bytes, global is ${g.size}`);
    }
    if (g.align <= 0 || (g.align & (g.align - 1)) !== 0) errors.push(`@${g.name}: alignment ${g.align} is not a power of two`);
  }
  for (const fn of m.functions) {
    claim(fn.name);
    errors.push(...verifyFunction(fn));
  }
  return errors;
}

/** Integer-like: i8..i64 and ptr. */
function isIntLike(ty: IrType): boolean {
  return isIntType(ty);
}
/** What vector types take, lane by lane (ir.ts VectorType): all a backend must select for them. */
const VECTOR_FLOAT_OPS: readonly string[] = ['fadd', 'fsub', 'fmul', 'fdiv'];
const VECTOR_INT_OPS: readonly string[] = ['add', 'sub', 'and', 'or', 'xor'];

/** Plain integer, not a pointer. */
function isPlainInt(ty: IrType): boolean {
  return isIntType(ty) && ty !== 'ptr';
}

export function verifyFunction(fn: IrFunction): string[] {
  return new FunctionVerifier(fn).run();
}

class FunctionVerifier {
  private readonly errors: string[] = [];
  /** Value id → [block index, position]; position -1 for block parameters. */
  private readonly defAt = new Map<number, [number, number]>();

  private cachedNames: FunctionNames | null = null;

  constructor(private readonly fn: IrFunction) {}

  /** Printed names, computed on the first message (a clean function never needs them). */
  private get names(): FunctionNames {
    return (this.cachedNames ??= functionNames(this.fn));
  }

  private label(blk: Block): string {
    return this.names.label(blk.id);
  }

  /** `where` may be lazy: printing an instruction costs a pass over the function's names. */
  private err(whereOrThunk: string | (() => string), msg: string): void {
    const where = typeof whereOrThunk === 'string' ? whereOrThunk : whereOrThunk();
    this.errors.push(`@${this.fn.name}: ${where}${where ? ': ' : ''}${msg}`);
  }

  private instWhere(blk: Block, inst: Inst): string {
    return `${this.label(blk)}: '${this.names.inst(inst)}'`;
  }

  run(): string[] {
    const fn = this.fn;
    if (fn.blocks.length === 0) {
      this.err('', 'function has no blocks');
      return this.errors;
    }
    const ids = new Set<number>();
    for (const b of fn.blocks) {
      if (ids.has(b.id)) this.err(() => this.label(b), `duplicate block id ${b.id}`);
      ids.add(b.id);
    }
    this.collectDefinitions();
    const entry = fn.blocks[0];
    const entryTys = entry.params.map((p) => fn.values[p]?.ty);
    if (entryTys.length !== fn.params.length || entryTys.some((t, i) => t !== fn.params[i])) {
      this.err(() => this.label(entry), `entry block parameters (${entryTys.join(', ')}) differ from the function's (${fn.params.join(', ')})`);
    }
    for (const l of fn.labelAddresses ?? []) {
      const blk = fn.blocks.find((b) => b.id === l.block);
      if (blk !== undefined && blk.params.length > 0) this.err(() => this.label(blk), `block '${l.name}' has its address taken and parameters`);
    }
    if (fn.params.includes('i128') || fn.ret === 'i128') {
      this.err(() => this.label(entry), 'i128 parameters and results travel as two i64 pieces (ir.ts IrType)');
    }
    if (fn.paramAbi) {
      const problem = checkAbiList(fn.paramAbi, fn.params, false);
      if (problem) this.err(() => this.label(entry), problem);
    }
    if (fn.retAbi) {
      const problem = fn.ret !== 'ptr' ? 'a result returned in register pieces needs a ptr return type' : checkPieces(fn.retAbi);
      if (problem) this.err(() => this.label(entry), problem);
    }
    for (const b of fn.blocks) {
      for (const e of successors(b.term)) {
        if (e.block === entry.id) this.err(() => this.label(b), 'branches to the entry block');
      }
    }
    if (this.errors.length > 0) return this.errors; // dominance needs sound ids
    const cfg = computeCfg(fn);
    const dom = computeDominators(cfg);
    fn.blocks.forEach((blk, bi) => {
      const isReachable = cfg.rpoIndex[bi] >= 0;
      const checkUse = (o: Operand, pos: number, where: () => string) => {
        if (o.kind !== 'value') return;
        const d = this.defAt.get(o.id);
        if (d === undefined) {
          this.err(where, `use of undefined value %${o.id}`);
          return;
        }
        if (!isReachable) return;
        const [db, dp] = d;
        const ok = db === bi ? dp < pos : dom.dominates(db, bi);
        if (!ok) this.err(where, `use of ${this.names.value(o.id)} is not dominated by its definition`);
      };
      blk.insts.forEach((inst, k) => {
        const where = () => this.instWhere(blk, inst);
        for (const a of inst.args) checkUse(a, k, where);
        this.checkInst(blk, inst);
      });
      const termWhere = () => `${this.label(blk)}: '${this.names.term(blk.term)}'`;
      const end = blk.insts.length;
      const t = blk.term;
      if (t.kind === 'br') checkUse(t.cond, end, termWhere);
      if (t.kind === 'switch') checkUse(t.value, end, termWhere);
      if (t.kind === 'ijmp') checkUse(t.value, end, termWhere);
      if (t.kind === 'ret' && t.value) checkUse(t.value, end, termWhere);
      for (const e of successors(t)) for (const a of e.args) checkUse(a, end, termWhere);
      this.checkTerminator(blk, cfg.indexOf);
    });
    return this.errors;
  }

  private collectDefinitions(): void {
    const fn = this.fn;
    // `where` is lazy: printing an instruction costs a pass over the names.
    const define = (id: number, where: () => string, bi: number, pos: number) => {
      if (!Number.isInteger(id) || id < 0 || id >= fn.values.length || fn.values[id] === undefined) {
        this.err(where, `value %${id} has no entry in the value table`);
        return;
      }
      if (this.defAt.has(id)) this.err(where, `value %${id} is defined more than once`);
      this.defAt.set(id, [bi, pos]);
    };
    fn.blocks.forEach((blk, bi) => {
      for (const p of blk.params) define(p, () => this.label(blk), bi, -1);
      blk.insts.forEach((inst, k) => {
        if (inst.result !== null) define(inst.result, () => this.instWhere(blk, inst), bi, k);
      });
    });
  }

  private typeOf(o: Operand): IrType | 'int-const' | 'float-const' {
    switch (o.kind) {
      case 'value': return this.fn.values[o.id]?.ty ?? 'i64';
      case 'int': return 'int-const';
      case 'float': return 'float-const';
      case 'global': return 'ptr';
    }
  }

  /** Checks that `o` can stand in a position of type `ty`; returns a message or null. */
  private operandMismatch(o: Operand, ty: IrType): string | null {
    const t = this.typeOf(o);
    if (t === 'int-const') return isIntLike(ty) ? null : `an integer constant where ${ty} is expected`;
    if (t === 'float-const') return isFloatType(ty) ? null : `a float constant where ${ty} is expected`;
    return t === ty ? null : `${t}, expected ${ty}`;
  }

  private checkOperand(where: () => string, o: Operand | undefined, ty: IrType, what: string): void {
    if (o === undefined) {
      this.err(where, `missing ${what}`);
      return;
    }
    const m = this.operandMismatch(o, ty);
    if (m !== null) this.err(where, `${what} is ${m}`);
  }

  private checkInst(blk: Block, inst: Inst): void {
    const where = () => this.instWhere(blk, inst);
    const info = OPS[inst.op];
    if (info === undefined) {
      this.err(where(), `unknown opcode '${String(inst.op)}'`);
      return;
    }
    const fail = (msg: string) => this.err(where, msg);
    const ty = inst.ty;
    const hasResult = inst.result !== null;
    if (hasResult && ty !== null && this.fn.values[inst.result!]?.ty !== ty) {
      fail(`result value type ${this.fn.values[inst.result!]?.ty} differs from the instruction type ${ty}`);
    }
    if (ty !== null && !IR_TYPES.includes(ty)) return fail(`unknown type '${String(ty)}'`);
    const expectArgs = (n: number) => {
      if (inst.args.length !== n) fail(`expected ${n} operand${n === 1 ? '' : 's'}, saw ${inst.args.length}`);
    };
    const inDomain = (t: IrType) => (info.domain === 'int' ? isIntLike(t) : info.domain === 'float' ? isFloatType(t) : true);
    switch (info.shape) {
      case 'binary': case 'unary': case 'copy': {
        if (!hasResult || ty === null) return fail('must have a result');
        if (isVectorType(ty)) {
          const ops = isFloatType(laneType(ty)) ? VECTOR_FLOAT_OPS : VECTOR_INT_OPS;
          if (!ops.includes(inst.op)) return fail(`'${inst.op}' does not take type ${ty}`);
        } else if (!inDomain(ty)) return fail(`'${inst.op}' does not take type ${ty}`);
        if (ty === 'i128' && info.canTrap) return fail(`'${inst.op}' does not take type i128 (a library call divides 128-bit integers)`);
        if ((inst.op === 'umulh' || inst.op === 'smulh') && ty === 'i128') return fail(`'${inst.op}' does not take type i128`);
        expectArgs(info.shape === 'binary' ? 2 : 1);
        inst.args.forEach((a, i) => this.checkOperand(where, a, ty, `operand ${i + 1}`));
        return;
      }
      case 'compare': {
        if (!hasResult || ty === null || !isPlainInt(ty)) return fail('a comparison must produce an integer');
        const opTy = inst.opTy;
        if (opTy === undefined || !inDomain(opTy)) return fail(`'${inst.op}' needs an operand type of its domain`);
        const conds: readonly string[] = inst.op === 'icmp' ? INT_CONDS : FLOAT_CONDS;
        if (inst.cond === undefined || !conds.includes(inst.cond)) fail(`bad condition '${inst.cond}' for '${inst.op}'`);
        expectArgs(2);
        inst.args.forEach((a, i) => this.checkOperand(where, a, opTy, `operand ${i + 1}`));
        return;
      }
      case 'convert': {
        if (!hasResult || ty === null || inst.opTy === undefined) return fail('a conversion needs a result type and a source type');
        const bad = convertError(inst.op, inst.opTy, ty);
        if (bad !== null) fail(bad);
        expectArgs(1);
        this.checkOperand(where, inst.args[0], inst.opTy, 'operand 1');
        return;
      }
      case 'load':
        if (!hasResult || ty === null) return fail('a load must have a result');
        expectArgs(1);
        this.checkOperand(where, inst.args[0], 'ptr', 'the address');
        return;
      case 'store':
        if (hasResult) fail('a store has no result');
        if (ty === null) return fail('a store needs the stored type');
        expectArgs(2);
        this.checkOperand(where, inst.args[0], ty, 'the stored value');
        this.checkOperand(where, inst.args[1], 'ptr', 'the address');
        return;
      case 'ldmem': {
        if (hasResult || ty !== null) fail(`'${inst.op}' has no result`);
        const shape = LD_OPERANDS[inst.op]!;
        if (shape.hasMemTy !== (inst.opTy !== undefined)) fail(shape.hasMemTy ? `'${inst.op}' needs a memory type` : `'${inst.op}' takes no type`);
        if (inst.opTy !== undefined && !LD_MEM_TYPES.includes(inst.opTy)) fail(`'${inst.op}' does not take type ${inst.opTy}`);
        expectArgs(shape.count);
        inst.args.forEach((a, i) => this.checkOperand(where, a, 'ptr', `operand ${i + 1}`));
        return;
      }
      case 'ldcmp':
        if (!hasResult || ty === null || !isPlainInt(ty)) return fail('a comparison must produce an integer');
        if (inst.cond === undefined || !FLOAT_CONDS.includes(inst.cond as FloatCond)) fail(`bad condition '${inst.cond}' for '${inst.op}'`);
        expectArgs(2);
        inst.args.forEach((a, i) => this.checkOperand(where, a, 'ptr', `operand ${i + 1}`));
        return;
      case 'vastart':
        if (hasResult || ty !== null) fail('vastart has no result');
        if (!this.fn.isVariadic) fail('vastart outside a variadic function');
        expectArgs(1);
        this.checkOperand(where, inst.args[0], 'ptr', 'the va_list');
        return;
      case 'stackalloc': {
        if (!hasResult || ty !== 'ptr') fail('stackalloc produces a ptr');
        expectArgs(1);
        this.checkOperand(where, inst.args[0], 'i64', 'the size');
        const a = inst.align;
        if (a === undefined || a < 1 || (a & (a - 1)) !== 0) fail(`stackalloc alignment ${a} is not a power of two`);
        return;
      }
      case 'stacksave':
        if (!hasResult || ty !== 'ptr') fail(`${inst.op} produces a ptr`);
        expectArgs(0);
        return;
      case 'stackrestore':
        if (hasResult || ty !== null) fail('stackrestore has no result');
        expectArgs(1);
        this.checkOperand(where, inst.args[0], 'ptr', 'the saved stack');
        return;
      case 'select':
        if (!hasResult || ty === null) return fail('a select must have a result');
        if (inst.opTy === undefined || !isPlainInt(inst.opTy)) return fail('a select condition must be an integer');
        expectArgs(3);
        this.checkOperand(where, inst.args[0], inst.opTy, 'the condition');
        this.checkOperand(where, inst.args[1], ty, 'operand 2');
        this.checkOperand(where, inst.args[2], ty, 'operand 3');
        return;
      case 'slotaddr':
        if (!hasResult || ty !== 'ptr') fail('slotaddr produces a ptr');
        expectArgs(0);
        if (inst.slot === undefined || inst.slot < 0 || inst.slot >= this.fn.slots.length) fail(`no stack slot $${inst.slot}`);
        return;
      case 'asm': {
        for (const problem of verifyAsm(inst)) fail(problem);
        if (inst.asm) asmArgTypes(inst.asm).forEach((t, i) => this.checkOperand(where, inst.args[i], t, `asm argument ${i + 1}`));
        if (ty === 'i128' || (inst.asm && asmArgTypes(inst.asm).includes('i128'))) fail('asm operands cannot be i128');
        return;
      }
      case 'call': {
        if (hasResult !== (ty !== null)) fail('a call has a result exactly when it has a type');
        const argTys = inst.argTys ?? [];
        if (inst.args.length === 0) return fail('a call needs a callee');
        this.checkOperand(where, inst.args[0], 'ptr', 'the callee');
        if (argTys.length !== inst.args.length - 1) return fail(`${inst.args.length - 1} arguments but ${argTys.length} argument types`);
        argTys.forEach((t, i) => this.checkOperand(where, inst.args[i + 1], t, `argument ${i + 1}`));
        if (ty === 'i128' || argTys.includes('i128')) fail('i128 arguments and results travel as two i64 pieces (ir.ts IrType)');
        if (inst.fixedArgs !== undefined && (inst.fixedArgs < 0 || inst.fixedArgs > argTys.length)) fail(`fixed argument count ${inst.fixedArgs} out of range`);
        if (inst.argAbi) {
          const problem = checkAbiList(inst.argAbi, argTys, true);
          if (problem) fail(problem);
          if (inst.argAbi.some((a) => a?.kind === 'retbuf') && ty !== null) fail('a call with a retbuf argument has no result');
        }
        return;
      }
    }
  }

  private checkEdge(e: BlockCall, indexOf: ReadonlyMap<number, number>, where: () => string): void {
    const ti = indexOf.get(e.block);
    if (ti === undefined) {
      this.err(where, `branch to missing block b${e.block}`);
      return;
    }
    const target = this.fn.blocks[ti];
    if (e.args.length !== target.params.length) {
      const label = this.label(target);
      this.err(where, `passes ${e.args.length} argument${e.args.length === 1 ? '' : 's'} to ${label}, which has ${target.params.length} parameter${target.params.length === 1 ? '' : 's'}`);
      return;
    }
    e.args.forEach((a, i) => {
      const pty = this.fn.values[target.params[i]]?.ty;
      if (pty === undefined) return;
      const m = this.operandMismatch(a, pty);
      if (m !== null) this.err(where, `argument ${i + 1} to ${this.label(target)} is ${m}`);
    });
  }

  private checkTerminator(blk: Block, indexOf: ReadonlyMap<number, number>): void {
    const fn = this.fn;
    const t = blk.term;
    const where = () => `${this.label(blk)}: '${this.names.term(t)}'`;
    switch (t.kind) {
      case 'jmp': break;
      case 'br': {
        const ty = this.typeOf(t.cond);
        if (ty === 'float-const') this.err(where, 'branch condition is a float constant, expected an integer');
        else if (ty !== 'int-const' && !isPlainInt(ty)) this.err(where, `branch condition is ${ty}, expected an integer`);
        break;
      }
      case 'switch': {
        if (!isPlainInt(t.ty)) this.err(where, `switch on ${t.ty}, expected an integer type`);
        const m = this.operandMismatch(t.value, t.ty);
        if (m !== null) this.err(where, `switch value is ${m}`);
        const seen = new Set<bigint>();
        const bits = BigInt(sizeOfType(t.ty) * 8);
        for (const c of t.cases) {
          const v = BigInt.asUintN(Number(bits), c.value);
          if (seen.has(v)) this.err(where, `duplicate case value ${c.value}`);
          seen.add(v);
        }
        break;
      }
      case 'ret':
        if (fn.ret === 'void') {
          if (t.value !== null) this.err(where, 'returns a value from a void function');
        } else if (t.value === null) {
          this.err(where, `returns no value, expected ${fn.ret}`);
        } else {
          const m = this.operandMismatch(t.value, fn.ret);
          if (m !== null) this.err(where, `return value is ${m}`);
        }
        break;
      case 'ijmp': {
        const m = this.operandMismatch(t.value, 'ptr');
        if (m !== null) this.err(where, `indirect branch address is ${m}`);
        const addressed = new Set((fn.labelAddresses ?? []).map((l) => l.block));
        for (const e of t.targets) {
          if (!addressed.has(e.block)) this.err(where, `indirect branch target ${this.names.label(e.block)} is not an address-taken block`);
          if (e.args.length > 0) this.err(where, 'indirect branch edges carry no arguments');
        }
        break;
      }
      case 'unreachable': break;
      default: this.err(where, `unknown terminator`);
    }
    for (const e of successors(t)) this.checkEdge(e, indexOf, where);
  }
}

/** The conversion rules of ops.ts, by opcode; null when `from → to` is allowed. */
function convertError(op: string, from: IrType, to: IrType): string | null {
  const sz = sizeOfType;
  const ok = (cond: boolean) => (cond ? null : `'${op}' cannot convert ${from} to ${to}`);
  if (op === 'splat') return ok(isVectorType(to) && laneType(to) === from);
  if (isVectorType(from) || isVectorType(to)) return ok(false);
  switch (op) {
    case 'sext': case 'zext': return ok(isPlainInt(from) && isPlainInt(to) && sz(from) < sz(to));
    case 'trunc': return ok(isPlainInt(from) && isPlainInt(to) && sz(from) > sz(to));
    case 'sitofp': case 'uitofp': return ok(isPlainInt(from) && from !== 'i128' && isFloatType(to));
    case 'fptosi': case 'fptoui': return ok(isFloatType(from) && isPlainInt(to) && to !== 'i128');
    case 'fpext': return ok(from === 'f32' && to === 'f64');
    case 'fptrunc': return ok(from === 'f64' && to === 'f32');
    case 'ptrtoint': return ok(from === 'ptr' && isPlainInt(to) && to !== 'i128');
    case 'inttoptr': return ok(isPlainInt(from) && from !== 'i128' && to === 'ptr');
    case 'bitcast': return ok(sz(from) === sz(to) && from !== 'i128');
    default: return `'${op}' is not a conversion`;
  }
}

/**
 * The shape rules of passing annotations (ir.ts ArgAbi): one per argument;
 * the 'part' pieces of one value consecutive, typed i64/f32/f64, an upper
 * piece an f64 after an f64 that is not upper itself; 'byval', 'sret' and
 * 'retbuf' on ptr arguments, 'retbuf' only in calls.
 */
function checkAbiList(abi: readonly (ArgAbi | null)[], tys: readonly IrType[], isCall: boolean): string | null {
  if (abi.length !== tys.length) return `${abi.length} abi annotations for ${tys.length} arguments`;
  for (let i = 0; i < abi.length; i++) {
    const a = abi[i];
    if (!a) continue;
    switch (a.kind) {
      case 'part': {
        if (a.count < 1 || a.count > MAX_PIECES || a.index < 0 || a.index >= a.count) return `bad piece ${a.index} of ${a.count}`;
        if (tys[i] !== 'i64' && tys[i] !== 'f64' && tys[i] !== 'f32') return 'a piece travels as i64, f32 or f64';
        const prev = i > 0 ? abi[i - 1] : null;
        const continues = prev?.kind === 'part' && prev.count === a.count && prev.index === a.index - 1;
        if (a.index > 0 && !continues) return `piece ${a.index} of ${a.count} does not follow piece ${a.index - 1}`;
        if (a.isUpper && (a.index === 0 || tys[i] !== 'f64' || tys[i - 1] !== 'f64' || (prev?.kind === 'part' && prev.isUpper))) return 'an upper piece is an f64 after an f64 that is not upper';
        if (a.align !== undefined && (a.index !== 0 || a.align < 1 || (a.align & (a.align - 1)) !== 0)) return 'a piece group alignment is a power of two on piece 0';
        break;
      }
      case 'byval':
        if (tys[i] !== 'ptr' || a.size < 1 || a.align < 1) return 'byval needs a ptr and a positive size and alignment';
        break;
      case 'sret':
        if (tys[i] !== 'ptr' || abi.slice(0, i).some((x) => x?.kind === 'sret')) return 'sret needs a ptr, once';
        break;
      case 'retbuf': {
        if (!isCall || tys[i] !== 'ptr') return 'retbuf needs a call and a ptr';
        const problem = checkPieces(a.pieces);
        if (problem) return problem;
        break;
      }
      default: return unreachable(a, 'argument abi');
    }
    const next = i + 1 < abi.length ? abi[i + 1] : null;
    if (a.kind === 'part' && a.index < a.count - 1 && !(next?.kind === 'part' && next.index === a.index + 1)) return `piece ${a.index} of ${a.count} is not followed by the next`;
  }
  return null;
}

/** At most eight pieces (four 16-byte vectors, AAPCS64's largest HVA); 'up' after an 'f64'; 'ldouble' with no other kind, at most two (a complex long double). */
const MAX_PIECES = 8;

function checkPieces(pieces: readonly RegPiece[]): string | null {
  if (pieces.length < 1 || pieces.length > MAX_PIECES) return `a register result has 1 to ${MAX_PIECES} pieces`;
  if (pieces.includes('ldouble') && (pieces.length > 2 || pieces.some((p) => p !== 'ldouble'))) return "'ldouble' pieces stand alone (one, or two for a complex value)";
  if (pieces.some((p, k) => p === 'up' && pieces[k - 1] !== 'f64')) return "an 'up' piece follows an 'f64'";
  return null;
}
