// The IR side of specialization (PyPy's "promotion"): a copy of a
// translation unit's IR in which one function has some parameters replaced
// by constants, ready for the optimiser to fold them through — constant
// propagation, dead branches, constant trip counts, division by constants.
//
// Input: the frontend's IR of the unit (not yet optimised), the function,
// and constants for some of its IR parameters. Output, in place:
//   - the function renamed (the specialized copy is a function of its own;
//     recursive calls keep going to the generic one) and local;
//   - a new entry block taking the remaining parameters and jumping to the
//     old entry with the constants in the bound places (works even when
//     loops branch back to the old entry);
//   - every other function kept for the inliner and made local (`stripUnit`
//     later turns the ones the original module defines into references to
//     them: one copy of each function, one address);
//   - mutable globals (and thread-locals) turned into references to the
//     original module's, so state is shared; read-only data kept as local
//     copies the optimiser may fold; constructors, destructors, aliases and
//     file-scope asm dropped (they belong to the original module).

import { successors, type IrFunction, type IrModule, type Operand } from '../ir/ir.js';
import { newValue } from '../ir/rewrite.js';

/** Replaces IR parameters (by index) of `fn` with constants, through a new entry block. */
export function bindParameters(fn: IrFunction, bound: ReadonlyMap<number, Operand>): void {
  const oldEntry = fn.blocks[0]!;
  const id = Math.max(...fn.blocks.map((b) => b.id)) + 1;
  const params: number[] = [];
  const args: Operand[] = [];
  oldEntry.params.forEach((p, i) => {
    const constant = bound.get(i);
    if (constant !== undefined) {
      args.push(constant);
      return;
    }
    const v = newValue(fn, fn.values[p]!.ty, fn.values[p]!.name);
    params.push(v);
    args.push({ kind: 'value', id: v });
  });
  fn.blocks.unshift({ id, name: 'specialized', params, insts: [], term: { kind: 'jmp', target: { block: oldEntry.id, args } } });
  const keep = (_: unknown, i: number) => !bound.has(i);
  fn.params = fn.params.filter(keep);
  if (fn.paramAbi !== undefined) fn.paramAbi = fn.paramAbi.filter(keep);
}

/** Prepares the unit's IR for specializing `name` (renamed `specName`); see the file comment. */
export function specializeUnit(m: IrModule, name: string, specName: string, bound: ReadonlyMap<number, Operand>): void {
  const fn = m.functions.find((f) => f.name === name);
  if (fn === undefined) throw new Error(`function '${name}' is not in this unit`);
  bindParameters(fn, bound);
  fn.name = specName;
  fn.linkage = 'local';
  delete fn.isWeak;
  delete fn.section;
  const externs = new Set(m.externs);
  externs.add(name); // calls to the generic function (recursion) go to the original module
  for (const f of m.functions) if (f !== fn) f.linkage = 'local';
  m.globals = m.globals.filter((g) => {
    if (g.isConst && !g.isThreadLocal && g.init !== null) {
      g.linkage = 'local';
      return true;
    }
    externs.add(g.name);
    return false;
  });
  m.externs = [...externs];
  delete m.aliases;
  delete m.constructors;
  delete m.destructors;
  delete m.fileAsm;
}

/**
 * After optimisation: every function but the specialized one whose
 * definition the original module has becomes a reference to it; the rest
 * (a static function the original inlined everywhere and dropped) stays if
 * the specialized function still reaches it. Unreached read-only data goes.
 */
export function stripUnit(m: IrModule, specName: string, isDefinedByOriginal: (name: string) => boolean): void {
  const functions = new Map(m.functions.map((f) => [f.name, f]));
  const globals = new Map(m.globals.map((g) => [g.name, g]));
  const reached = new Set<string>([specName]);
  const work = [specName];
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    const f = functions.get(name);
    if (f !== undefined && (name === specName || !isDefinedByOriginal(name))) work.push(name);
    for (const item of globals.get(name)?.init ?? []) if (item.kind === 'addr') visit(item.name);
  };
  while (work.length > 0) {
    const f = functions.get(work.pop()!)!;
    for (const blk of f.blocks) {
      for (const inst of blk.insts) for (const a of inst.args) if (a.kind === 'global') visit(a.name);
      const t = blk.term;
      const operands = t.kind === 'br' ? [t.cond] : t.kind === 'switch' || t.kind === 'ijmp' ? [t.value] : t.kind === 'ret' && t.value ? [t.value] : [];
      for (const a of [...operands, ...successors(t).flatMap((e) => e.args)]) if (a.kind === 'global') visit(a.name);
    }
  }
  const externs = new Set(m.externs);
  m.functions = m.functions.filter((f) => {
    if (!reached.has(f.name)) return false;
    if (f.name === specName || !isDefinedByOriginal(f.name)) return true;
    externs.add(f.name);
    return false;
  });
  m.globals = m.globals.filter((g) => reached.has(g.name));
  m.externs = [...externs];
}
