// The IR side of tiering (tier.ts): what makes two compilations of one
// source — a quick -O0 one and a later -O2 one — behave as one module.
//
//   - Every use of a function's address other than as the callee of a
//     direct call (a function pointer taken in code or stored in data)
//     refers to that function's stub instead (`f@tier`, resolved by the
//     loader to the stub table: a `jmp [slot]` per function), so no function
//     pointer ever points into code that gets replaced, and pointers compare
//     equal whichever tier took them.
//   - In the first tier, direct calls between the module's functions go
//     through the stubs too, so code still running there — a long call made
//     with `.async`, a loop calling a helper, a recursion — reaches the
//     second tier's code as soon as it is switched in. The second tier is
//     the last one: its direct calls stay direct (and inlinable).
//   - A static function that is called or whose address is taken gets
//     external linkage under a unit-unique name (`f@impl.<unit>`,
//     references renamed alike): then both tiers define it — the optimiser
//     never drops an exported function — and its stub has a target in each.
//   - In the second tier, mutable data (and thread-locals) become
//     references to the first tier's (`x@data`, `x@data.<unit>` for static
//     names), so both tiers share one copy of the program's state.
//     Read-only data stays: copies of constants are indistinguishable.
//     Function aliases stay (they name code of the tier); startup
//     functions and file-scope asm belong to the first tier only.
//
// Input: one translation unit's IR from the frontend (not yet optimised),
// its index among the module's units, and the functions the module
// exports. Output: the IR rewritten in place.

import { successors, type IrModule, type Operand } from '../ir/ir.js';

/** The stub symbol of an exported (or exported-by-tiering) function. */
export function stubSymbol(name: string): string {
  return `${name}@tier`;
}

/** The shared-data symbol of a mutable global in the second tier. */
export function dataSymbol(name: string, unit: number, isExported: boolean): string {
  return isExported ? `${name}@data` : `${name}@data.${unit}`;
}

export interface TierRewrite {
  readonly unit: number;
  /** Functions with external linkage anywhere in the module (other units' included). */
  readonly exportedFunctions: ReadonlySet<string>;
  /** Second tier: mutable data refers to the first tier's. */
  readonly isSharingData: boolean;
}

/** Applies `map` to every operand of the module's code, saying whether it is a direct call's callee. */
function mapOperands(m: IrModule, map: (o: Operand, isCallee: boolean) => Operand): void {
  for (const fn of m.functions) {
    for (const blk of fn.blocks) {
      for (const inst of blk.insts) inst.args = inst.args.map((a, i) => map(a, inst.op === 'call' && i === 0));
      const t = blk.term;
      if (t.kind === 'br') t.cond = map(t.cond, false);
      else if (t.kind === 'switch' || t.kind === 'ijmp') t.value = map(t.value, false);
      else if (t.kind === 'ret' && t.value !== null) t.value = map(t.value, false);
      for (const e of successors(t)) e.args = e.args.map((a) => map(a, false));
    }
  }
}

/** Applies `rename` to every symbol address in the module's data. */
function mapDataAddresses(m: IrModule, rename: (name: string) => string | undefined): void {
  for (const g of m.globals) {
    if (g.init === null) continue;
    g.init = g.init.map((item) => {
      if (item.kind !== 'addr') return item;
      const to = rename(item.name);
      return to === undefined ? item : { ...item, name: to };
    });
  }
}

export function rewriteForTiering(m: IrModule, r: TierRewrite): void {
  // Static functions that are used at all: called, or their address taken in code or in data.
  const locals = new Set(m.functions.filter((f) => f.linkage === 'local').map((f) => f.name));
  const used = new Set<string>();
  mapOperands(m, (o) => {
    if (o.kind === 'global' && locals.has(o.name)) used.add(o.name);
    return o;
  });
  for (const g of m.globals) for (const item of g.init ?? []) if (item.kind === 'addr' && locals.has(item.name)) used.add(item.name);
  for (const s of [...(m.constructors ?? []), ...(m.destructors ?? []), ...(m.aliases ?? [])]) {
    const name = 'target' in s ? s.target : s.name;
    if (locals.has(name)) used.add(name);
  }
  const impl = new Map([...used].map((n) => [n, `${n}@impl.${r.unit}`]));
  for (const f of m.functions) {
    const renamed = impl.get(f.name);
    if (renamed !== undefined) {
      f.name = renamed;
      f.linkage = 'export';
    }
  }
  const stubbed = new Set([...r.exportedFunctions, ...impl.values()]);
  for (const s of [...(m.constructors ?? []), ...(m.destructors ?? [])]) s.name = impl.get(s.name) ?? s.name;
  for (const a of m.aliases ?? []) a.target = impl.get(a.target) ?? a.target;

  const data = new Map<string, string>();
  const externs = new Set(m.externs);
  if (r.isSharingData) {
    m.globals = m.globals.filter((g) => {
      if (g.isConst && !g.isThreadLocal && g.init !== null) return true;
      const shared = dataSymbol(g.name, r.unit, g.linkage === 'export');
      data.set(g.name, shared);
      externs.add(shared);
      return false;
    });
  }
  const stubOf = (name: string): string | undefined => {
    const fnName = impl.get(name) ?? name;
    if (!stubbed.has(fnName)) return undefined;
    externs.add(stubSymbol(fnName));
    return stubSymbol(fnName);
  };
  const addressOf = (name: string): string | undefined => stubOf(name) ?? data.get(name);
  mapOperands(m, (o, isCallee) => {
    if (o.kind !== 'global') return o;
    // The second tier calls its own code directly; the first tier calls through the stubs.
    const to = !isCallee ? addressOf(o.name) : r.isSharingData ? impl.get(o.name) ?? data.get(o.name) : addressOf(o.name);
    return to === undefined ? o : { ...o, name: to };
  });
  mapDataAddresses(m, addressOf);
  if (r.isSharingData) {
    const functions = new Set(m.functions.map((f) => f.name));
    m.aliases = (m.aliases ?? []).filter((a) => functions.has(a.target));
    delete m.constructors;
    delete m.destructors;
    delete m.fileAsm;
  }
  m.externs = [...externs];
  // The shared data is the first tier's, loaded before: the second tier is placed within reach of it.
  if (data.size > 0) m.nearExterns = [...new Set(data.values())];
}
