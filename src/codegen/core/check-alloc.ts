// The allocation checker: proves an Allocation correct for its function by
// symbolic execution, independent of how the allocator reasoned.
//
// Input: a MachFunction, the target's MachInstInfo and an Allocation.
// Output: a list of problems (empty when the allocation is correct); used by
// tests and by `CC_VERIFY=1`.
//
// The abstract state records, for every preg and spill slot, the set of
// registers (vregs, or pregs used as fixed operands) whose current value it
// holds. Each instruction's spill code and operands are applied in order: a
// use of register r assigned preg p requires p to hold r; a def makes p hold
// only r (and nothing else may still claim r's old value); a register copy
// makes the destination hold everything the source holds; clobbers empty a
// preg; a rematerialization must name an instruction that defines exactly
// that vreg from nothing but constants (MachInstInfo.isRematerializable),
// and makes its preg hold the vreg. At block entries the states of all
// predecessors are intersected, to a fixed point. An allocation that passes cannot read a value that was
// overwritten, whatever the order of the allocator's decisions.

import { buildCfg } from './liveness.js';
import { isVreg, regAt, vregName } from './mach.js';
import type { Allocation, MachFunction, MachInstInfo, RegisterFile } from './mach.js';

type State = Map<string, Set<number>>; // 'p<preg>' or 's<slot>' → registers held

function meet(a: State | undefined, b: State): State {
  if (a === undefined) return new Map([...b].map(([k, v]) => [k, new Set(v)]));
  const out: State = new Map();
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w) continue;
    const both = new Set([...v].filter((x) => w.has(x)));
    if (both.size > 0) out.set(k, both);
  }
  return out;
}

function sameState(a: State, b: State): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.size !== v.size || [...v].some((x) => !w.has(x))) return false;
  }
  return true;
}

export function checkAllocation<I>(fn: MachFunction<I>, info: MachInstInfo<I>, alloc: Allocation, regs: RegisterFile): string[] {
  const cfg = buildCfg(fn, info);
  const starts: number[] = [];
  let k = 0;
  for (const blk of fn.blocks) { starts.push(k); k += blk.insts.length; }
  const entry: (State | undefined)[] = fn.blocks.map(() => undefined);
  entry[0] = new Map();
  const problems = new Set<string>();
  const work = [0];
  const queued = new Set<number>(work);
  const name = (r: number): string => (isVreg(r) ? vregName(r) : regs.regName(r));
  const flat = fn.blocks.flatMap((blk) => blk.insts);
  const isRematOf = (at: number, vreg: number): boolean => {
    const inst = flat[at];
    if (inst === undefined || info.isRematerializable?.(inst) !== true) return false;
    const regsOf: number[] = [];
    let writes = 0;
    info.operands(inst, { use: (r) => regsOf.push(r), def: (r) => { regsOf.push(r); writes++; }, useDef: (r) => regsOf.push(r, r), clobber: () => {} });
    return writes === 1 && regsOf.length === 1 && regsOf[0] === vreg;
  };
  for (let head = 0; head < work.length; head++) {
    const b = work[head]!;
    queued.delete(b);
    const state: State = new Map([...entry[b]!].map(([key, v]) => [key, new Set(v)]));
    const forget = (r: number): void => { for (const v of state.values()) v.delete(r); };
    fn.blocks[b]!.insts.forEach((inst, i) => {
      const idx = starts[b]! + i;
      for (const e of alloc.editsBefore.get(idx) ?? []) {
        if (e.kind === 'reload') state.set(`p${e.preg}`, new Set(state.get(`s${e.spillSlot}`) ?? []));
        if (e.kind === 'remat') {
          if (!isRematOf(e.inst, e.vreg)) problems.add(`${fn.name}: instruction ${idx} rematerializes ${name(e.vreg)} from instruction ${e.inst}, which does not define it from constants`);
          state.set(`p${e.preg}`, new Set([e.vreg]));
        }
      }
      const where = (r: number): number => (isVreg(r) ? regAt(alloc, r, idx) ?? -1 : r);
      const reads: number[] = [];
      const writes: number[] = [];
      const clobbers: number[] = [];
      info.operands(inst, {
        use: (r) => reads.push(r),
        def: (r) => writes.push(r),
        useDef: (r) => { reads.push(r); writes.push(r); },
        clobber: (r) => clobbers.push(r),
      });
      for (const r of reads) {
        if (where(r) < 0) problems.add(`${fn.name}: instruction ${idx} reads ${name(r)}, which has no register there`);
        else if (!state.get(`p${where(r)}`)?.has(r)) {
          problems.add(`${fn.name}: instruction ${idx} reads ${name(r)} from ${regs.regName(where(r))}, which does not hold it`);
        }
      }
      const copy = info.copyOf(inst);
      const copied = copy ? new Set(state.get(`p${where(copy[1])}`) ?? []) : null;
      for (const c of clobbers) state.delete(`p${c}`);
      for (const r of writes) {
        forget(r);
        if (where(r) < 0) { problems.add(`${fn.name}: instruction ${idx} writes ${name(r)}, which has no register there`); continue; }
        const held = copied && copy && r === copy[0] ? copied : new Set<number>();
        held.delete(r);
        held.add(r);
        state.set(`p${where(r)}`, held);
      }
      for (const e of alloc.editsAfter.get(idx) ?? []) {
        if (e.kind === 'spill') state.set(`s${e.spillSlot}`, new Set(state.get(`p${e.preg}`) ?? []));
      }
    });
    for (const s of cfg.succs[b]!) {
      const next = meet(entry[s], state);
      if (entry[s] === undefined || !sameState(entry[s]!, next)) {
        entry[s] = next;
        if (!queued.has(s)) { queued.add(s); work.push(s); }
      }
    }
  }
  return [...problems];
}
