// loop-idiom: a loop that only fills bytes becomes one call to memset.
//
// Input: a function in SSA form. Output: the shape C's `for (i = a; i < n;
// i++) p[i] = K;` over bytes —
//
//   H(%i:i32):  %c = icmp slt i32 %i, %n ; br %c, B, X
//   B:          %e = sext i32 %i ; [%q = inttoptr i64 %e] ; %a = add %p, %q|%e
//               store i8 K, %a ; %i1 = add %i, 1 ; jmp H(%i1)
//
// — has its body replaced by `call @memset(%a, K, zext(%n - %i))` and a
// jump to the exit: H's test runs once, and when it holds the call stores
// bytes i … n-1, exactly what the iterations would have (C11 7.24.6.1),
// after which the loop would have left with i = n. As gcc and clang do at
// -O2 (a libc memset is many times faster than a byte loop).
// Refused: volatile stores, a stored value that is not a constant, a base
// or bound computed in the loop, the counter or anything of the body used
// outside the loop (its final value would be needed), an exit edge with
// arguments, any other instruction in the body, and -fno-builtin (memset
// is then just a name).

import type { Block, Inst, IrFunction, Operand } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue } from '../rewrite.js';

export const loopIdiom: FunctionPass = {
  name: 'loop-idiom',
  run(fn: IrFunction, ctx: PassContext): boolean {
    if (!ctx.settings.builtins) return false;
    const cfg = ctx.cfg();
    let changed = false;
    const byId = new Map(fn.blocks.map((b) => [b.id, b]));
    const index = new Map(cfg.blocks.map((b, i) => [b, i]));
    for (const h of fn.blocks) {
      const m = matchFill(h, byId);
      if (m === null) continue;
      const preds = cfg.preds[index.get(h)!]!;
      const bodyPreds = cfg.preds[index.get(m.body)!]!;
      if (preds.length !== 2 || bodyPreds.length !== 1) continue;
      if (!isDefinedOutside(m.bound, h, m.body) || !isDefinedOutside(m.base, h, m.body)) continue;
      if (isUsedOutside(fn, h, m.body)) continue;
      rewrite(fn, m);
      changed = true;
    }
    return changed;
  },
};

interface Fill {
  readonly body: Block;
  readonly exit: number;
  readonly counter: number;
  readonly bound: Operand;
  readonly base: Operand;
  readonly addr: Inst;
  readonly store: Inst;
}

function matchFill(h: Block, byId: ReadonlyMap<number, Block>): Fill | null {
  if (h.params.length !== 1 || h.insts.length !== 1) return null;
  const counter = h.params[0]!;
  const cmp = h.insts[0]!;
  const t = h.term;
  if (cmp.op !== 'icmp' || cmp.cond !== 'slt' || cmp.opTy !== 'i32') return null;
  if (!isValue(cmp.args[0]!, counter) || t.kind !== 'br' || !isValue(t.cond, cmp.result!) || t.then.args.length !== 0 || t.else.args.length !== 0) return null;
  const body = byId.get(t.then.block);
  if (body === undefined || body === h) return null;
  const insts = body.insts;
  const [ext, ...rest] = insts;
  if (ext?.op !== 'sext' || !isValue(ext.args[0]!, counter) || ext.ty !== 'i64' || ext.opTy !== 'i32') return null;
  let k = 0;
  let offset = ext.result!;
  if (rest[k]?.op === 'inttoptr' && isValue(rest[k]!.args[0]!, offset)) offset = rest[k++]!.result!;
  const addr = rest[k++];
  const store = rest[k++];
  const inc = rest[k++];
  if (addr?.op !== 'add' || addr.ty !== 'ptr' || store?.op !== 'store' || inc?.op !== 'add' || k !== rest.length) return null;
  const base = isValue(addr.args[0]!, offset) ? addr.args[1]! : isValue(addr.args[1]!, offset) ? addr.args[0]! : null;
  if (base === null || store.ty !== 'i8' || store.isVolatile || store.args[0]!.kind !== 'int' || !isValue(store.args[1]!, addr.result!)) return null;
  const one = inc.args[1]!;
  if (!isValue(inc.args[0]!, counter) || one.kind !== 'int' || one.value !== 1n || inc.ty !== 'i32') return null;
  const bt = body.term;
  if (bt.kind !== 'jmp' || bt.target.block !== h.id || bt.target.args.length !== 1 || !isValue(bt.target.args[0]!, inc.result!)) return null;
  return { body, exit: t.else.block, counter, bound: cmp.args[1]!, base, addr, store };
}

function isValue(o: Operand, id: number): boolean {
  return o.kind === 'value' && o.id === id;
}

function isDefinedOutside(o: Operand, h: Block, body: Block): boolean {
  if (o.kind !== 'value') return o.kind === 'int' || o.kind === 'global';
  return !h.params.includes(o.id) && ![...h.insts, ...body.insts].some((i) => i.result === o.id);
}

/** Whether a value of the loop (the counter, the compare, the body's) is read outside it. */
function isUsedOutside(fn: IrFunction, h: Block, body: Block): boolean {
  const mine = new Set<number>([...h.params, ...[...h.insts, ...body.insts].flatMap((i) => (i.result === null ? [] : [i.result]))]);
  const reads = (o: Operand) => o.kind === 'value' && mine.has(o.id);
  for (const b of fn.blocks) {
    if (b === h || b === body) continue;
    if (b.insts.some((i) => i.args.some(reads))) return true;
    const t = b.term;
    const ops: Operand[] = t.kind === 'jmp' ? t.target.args
      : t.kind === 'br' ? [t.cond, ...t.then.args, ...t.else.args]
        : t.kind === 'switch' ? [t.value, ...t.cases.flatMap((c) => c.target.args), ...t.default.args]
          : t.kind === 'ret' && t.value ? [t.value] : [];
    if (ops.some(reads)) return true;
  }
  return false;
}

function rewrite(fn: IrFunction, m: Fill): void {
  const diff = newValue(fn, 'i32');
  const count = newValue(fn, 'i64');
  const byte = BigInt.asUintN(8, (m.store.args[0] as Extract<Operand, { kind: 'int' }>).value);
  const loc = m.store.loc ? { loc: m.store.loc } : {};
  const keep = m.body.insts.slice(0, m.body.insts.indexOf(m.addr) + 1);
  m.body.insts = [
    ...keep,
    // n - i > 0 here (the header's test held), and below 2^32: as unsigned it is the count.
    { op: 'sub', result: diff, ty: 'i32', args: [m.bound, { kind: 'value', id: m.counter }] },
    { op: 'zext', result: count, ty: 'i64', opTy: 'i32', args: [{ kind: 'value', id: diff }] },
    { op: 'call', result: null, ty: null, args: [{ kind: 'global', name: 'memset', offset: 0 }, { kind: 'value', id: m.addr.result! }, { kind: 'int', value: byte }, { kind: 'value', id: count }], argTys: ['ptr', 'i32', 'i64'], ...loc },
  ];
  m.body.term = { kind: 'jmp', target: { block: m.exit, args: [] } };
}
