// Drops the module's local definitions that nothing refers to any more.
//
// The frontend lowers only what is reachable (frontend/lower/lower.ts), but
// optimisation makes more unreachable: a static function inlined into every
// caller, a call folded away, a static constant whose loads were folded. gcc
// does not emit those from -O1 on; neither do we, and codegen, the object
// and the loader then do no work for them.
//
// Roots: every exported definition, every `used` one, constructors and
// destructors, alias targets. What the roots' code and data name is kept,
// transitively (a block's address, `&&label`, keeps its function). Exported definitions are never dropped (tiering relies on
// that: jit/tier-ir.ts). Undefined symbols only the dropped code named leave
// `externs` too, except weak ones, which the frontend keeps on purpose.
//
// Input: an optimised IrModule. Output: the module edited in place; true
// when anything was dropped. build.ts runs it after the pass pipeline at
// -O1 and above (not part of optimizeModule, whose tests interpret the
// module's local functions after the passes).

import type { IrFunction, IrModule, Operand } from './ir.js';

export function removeUnreferenced(m: IrModule): boolean {
  const functions = new Map(m.functions.map((f) => [f.name, f]));
  const globals = new Map(m.globals.map((g) => [g.name, g]));
  const reached = new Set<string>();
  const queue: string[] = [];
  // A label's symbol (GNU `&&label`) is part of its function: naming the label keeps the function.
  const labelOwner = new Map(m.functions.flatMap((f) => (f.labelAddresses ?? []).map((l) => [l.name, f.name] as const)));
  const reach = (name: string): void => {
    const owner = labelOwner.get(name) ?? name;
    if (reached.has(owner)) return;
    reached.add(owner);
    queue.push(owner);
  };
  for (const d of [...m.functions, ...m.globals]) if (d.linkage === 'export' || d.isUsed === true) reach(d.name);
  for (const s of [...(m.constructors ?? []), ...(m.destructors ?? [])]) reach(s.name);
  for (const a of m.aliases ?? []) reach(a.target);
  while (queue.length > 0) {
    const name = queue.pop()!;
    const fn = functions.get(name);
    if (fn !== undefined) forEachReference(fn, reach);
    for (const item of globals.get(name)?.init ?? []) if (item.kind === 'addr') reach(item.name); else if (item.kind === 'labelDiff') reach(item.plus);
  }
  const fnCount = m.functions.length;
  const globalCount = m.globals.length;
  m.functions = m.functions.filter((f) => reached.has(f.name));
  m.globals = m.globals.filter((g) => reached.has(g.name));
  if (m.functions.length === fnCount && m.globals.length === globalCount) return false;
  const weak = new Set(m.weakExterns ?? []);
  m.externs = m.externs.filter((name) => reached.has(name) || weak.has(name));
  const isExtern = new Set(m.externs);
  if (m.threadLocalExterns) m.threadLocalExterns = m.threadLocalExterns.filter((name) => isExtern.has(name));
  if (m.nearExterns) m.nearExterns = m.nearExterns.filter((name) => isExtern.has(name));
  return true;
}

/** Every symbol a function's instructions and terminators name (`ret @x`, `jmp b(@x)` too). */
export function forEachReference(fn: IrFunction, visit: (name: string) => void): void {
  const see = (o: Operand): void => { if (o.kind === 'global') visit(o.name); };
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) inst.args.forEach(see);
    const t = blk.term;
    switch (t.kind) {
      case 'jmp': t.target.args.forEach(see); break;
      case 'br': see(t.cond); t.then.args.forEach(see); t.else.args.forEach(see); break;
      case 'switch': see(t.value); t.cases.forEach((c) => c.target.args.forEach(see)); t.default.args.forEach(see); break;
      case 'ret': if (t.value) see(t.value); break;
      case 'ijmp': see(t.value); t.targets.forEach((e) => e.args.forEach(see)); break;
      case 'unreachable': break;
    }
  }
}
