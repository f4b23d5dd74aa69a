// sccp: sparse conditional constant propagation (Wegman & Zadeck, 1991).
//
// Input: a function in SSA form. Output: values proven constant on every
// executable path are replaced by the constant, and `br`/`switch` on such
// values become `jmp`; blocks that can no longer run are left for
// simplify-cfg to delete.
//
// Stronger than const-fold followed by simplify-cfg because it is
// optimistic: a block parameter is assumed constant until an executable
// edge brings a different value, and edges out of a block are executable
// only once the branch condition allows them. A loop variable that stays 0
// (`x = 0; while (…) x = x * 5;`) is found constant; folding alone cannot.
//
// Lattice per value: unknown (no executable definition yet) → one constant
// → overdefined. Block parameters meet their arguments over executable
// incoming edges. Instruction values are computed by const-fold's
// `simplify`, so both passes share exactly one set of C folding rules.

import type { Block, BlockCall, Inst, IrFunction, Operand } from '../ir.js';
import { successors } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { sameOperand, substitute, type Substitution } from '../rewrite.js';
import { bitsOf, simplify } from './const-fold.js';

const UNKNOWN = 0;
const CONSTANT = 1;
const OVERDEFINED = 2;

type User = { readonly blk: Block; readonly inst: Inst | null };

export const sccp: FunctionPass = {
  name: 'sccp',
  run(fn: IrFunction, _ctx: PassContext): boolean {
    return new Solver(fn).solveAndRewrite();
  },
};

class Solver {
  private readonly state: Uint8Array;
  private readonly constant: (Operand | undefined)[];
  /** Users of each value id, made on first use (most ids of a large function are dead or used once). */
  private readonly users: (User[] | undefined)[];
  private readonly incoming = new Map<number, BlockCall[]>();
  private readonly byId: Map<number, Block>;
  private readonly executableBlocks = new Set<number>();
  private readonly executableEdges = new Set<BlockCall>();
  private readonly blockWork: Block[] = [];
  private readonly valueWork: number[] = [];

  constructor(private readonly fn: IrFunction) {
    const n = fn.values.length;
    this.state = new Uint8Array(n);
    this.constant = new Array(n);
    this.users = new Array<User[] | undefined>(n);
    const use = (id: number, u: User) => {
      if (id >= n) return;
      const list = this.users[id];
      if (list === undefined) this.users[id] = [u];
      else list.push(u);
    };
    this.byId = new Map(fn.blocks.map((b) => [b.id, b]));
    for (const blk of fn.blocks) {
      for (const inst of blk.insts) for (const a of inst.args) if (a.kind === 'value') use(a.id, { blk, inst });
      const termUser: User = { blk, inst: null };
      const t = blk.term;
      const see = (o: Operand) => { if (o.kind === 'value') use(o.id, termUser); };
      if (t.kind === 'br') see(t.cond);
      if (t.kind === 'switch' || t.kind === 'ijmp') see(t.value);
      for (const e of successors(t)) {
        e.args.forEach(see);
        let list = this.incoming.get(e.block);
        if (!list) this.incoming.set(e.block, (list = []));
        list.push(e);
      }
    }
  }

  solveAndRewrite(): boolean {
    const entry = this.fn.blocks[0];
    if (!entry) return false;
    for (const p of entry.params) this.state[p] = OVERDEFINED;
    this.markExecutable(entry);
    while (this.blockWork.length > 0 || this.valueWork.length > 0) {
      while (this.blockWork.length > 0) this.visitBlock(this.blockWork.pop()!);
      while (this.valueWork.length > 0) {
        const id = this.valueWork.pop()!;
        for (const u of this.users[id] ?? []) {
          if (!this.executableBlocks.has(u.blk.id)) continue;
          if (u.inst) this.visitInst(u.inst);
          else this.visitTerminator(u.blk);
        }
      }
    }
    return this.rewrite();
  }

  private markExecutable(blk: Block): void {
    if (this.executableBlocks.has(blk.id)) return;
    this.executableBlocks.add(blk.id);
    this.blockWork.push(blk);
  }

  private visitBlock(blk: Block): void {
    this.updateParams(blk);
    for (const inst of blk.insts) this.visitInst(inst);
    this.visitTerminator(blk);
  }

  /** Lowers `id` to the meet of its current state and (kind, value); queues its users on a change. */
  private lower(id: number, kind: number, value?: Operand): void {
    const old = this.state[id];
    if (old === OVERDEFINED || kind === UNKNOWN) return;
    if (kind === CONSTANT && old === CONSTANT) {
      if (sameOperand(this.constant[id]!, value!)) return;
      this.state[id] = OVERDEFINED;
    } else if (kind === CONSTANT) {
      this.state[id] = CONSTANT;
      this.constant[id] = value;
    } else {
      this.state[id] = OVERDEFINED;
    }
    this.valueWork.push(id);
  }

  /** The lattice view of an operand: a constant operand, 'unknown' or 'overdefined'. */
  private view(o: Operand): Operand | 'unknown' | 'overdefined' {
    if (o.kind !== 'value') return o;
    const s = this.state[o.id];
    return s === CONSTANT ? this.constant[o.id]! : s === UNKNOWN ? 'unknown' : 'overdefined';
  }

  private visitInst(inst: Inst): void {
    if (inst.result === null) return;
    const id = inst.result;
    if (inst.op === 'load' || inst.op === 'call' || inst.op === 'asm' || inst.op === 'slotaddr' || inst.ty === null) {
      this.lower(id, OVERDEFINED);
      return;
    }
    const args: Operand[] = [];
    for (const a of inst.args) {
      const v = this.view(a);
      if (v === 'unknown') return; // optimistic: wait for the operand
      args.push(v === 'overdefined' ? a : v);
    }
    const copy: Inst = { ...inst, args };
    const r = simplify(copy);
    if (r === null || r === 'changed') { this.lower(id, OVERDEFINED); return; }
    const v = this.view(r);
    if (v === 'unknown') return;
    if (v === 'overdefined') this.lower(id, OVERDEFINED);
    else this.lower(id, CONSTANT, this.normalize(v, inst.ty));
  }

  private normalize(o: Operand, ty: Inst['ty']): Operand {
    if (o.kind === 'int' && ty !== null && ty !== 'f32' && ty !== 'f64') return { kind: 'int', value: BigInt.asIntN(bitsOf(ty), o.value) };
    return o;
  }

  private visitTerminator(blk: Block): void {
    const t = blk.term;
    let live: BlockCall[];
    switch (t.kind) {
      case 'br': {
        const c = this.view(t.cond);
        if (c === 'unknown') return;
        live = c === 'overdefined' || c.kind !== 'int' ? [t.then, t.else] : [c.value !== 0n ? t.then : t.else];
        break;
      }
      case 'switch': {
        const c = this.view(t.value);
        if (c === 'unknown') return;
        if (c === 'overdefined' || c.kind !== 'int') live = successors(t);
        else {
          const w = bitsOf(t.ty);
          const v = BigInt.asUintN(w, c.value);
          live = [t.cases.find((k) => BigInt.asUintN(w, k.value) === v)?.target ?? t.default];
        }
        break;
      }
      default:
        live = successors(t);
    }
    for (const e of live) {
      this.executableEdges.add(e);
      const target = this.byId.get(e.block);
      if (!target) continue;
      if (this.executableBlocks.has(target.id)) this.updateParams(target);
      else this.markExecutable(target);
    }
  }

  private updateParams(blk: Block): void {
    const edges = (this.incoming.get(blk.id) ?? []).filter((e) => this.executableEdges.has(e));
    blk.params.forEach((p, i) => {
      if (blk === this.fn.blocks[0]) return;
      const ty = this.fn.values[p].ty;
      for (const e of edges) {
        const v = this.view(e.args[i]);
        if (v === 'unknown') continue;
        if (v === 'overdefined') this.lower(p, OVERDEFINED);
        else this.lower(p, CONSTANT, this.normalize(v, ty));
      }
    });
  }

  private rewrite(): boolean {
    const subst: Substitution = new Map();
    this.fn.values.forEach((_, id) => {
      if (this.state[id] === CONSTANT) subst.set(id, this.constant[id]!);
    });
    let changed = false;
    for (const blk of this.fn.blocks) {
      if (!this.executableBlocks.has(blk.id)) continue;
      const kept = blk.insts.filter((inst) => inst.result === null || this.state[inst.result] !== CONSTANT);
      if (kept.length !== blk.insts.length) { blk.insts = kept; changed = true; }
      const t = blk.term;
      const live = successors(t).filter((e) => this.executableEdges.has(e));
      if ((t.kind === 'br' || t.kind === 'switch') && live.length === 1) {
        blk.term = { kind: 'jmp', target: live[0] };
        changed = true;
      }
    }
    return substitute(this.fn, subst) || changed;
  }
}
