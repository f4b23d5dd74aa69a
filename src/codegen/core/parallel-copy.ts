// Sequentialises a parallel copy (the block arguments of one CFG edge).
//
// Input: copies `dst ← src` meant to happen simultaneously; a source is a
// register or some non-register value (a constant, an address) that no copy
// can overwrite.
// Output: an order of plain moves with the same effect, plus at most one
// temporary per cycle: `(a, b) ← (b, a)` becomes `t ← a; a ← b; b ← t`.
//
// Invariant: every destination appears once (block parameters are distinct).

export interface ParallelCopy<S> {
  readonly dst: number;
  readonly src: S;
}

export function sequentializeCopies<S>(
  copies: readonly ParallelCopy<S>[],
  regOf: (src: S) => number | null,
  fromReg: (reg: number) => S,
  newTemp: (likeDst: number) => number,
): ParallelCopy<S>[] {
  let pending = copies.filter((c) => regOf(c.src) !== c.dst);
  const out: ParallelCopy<S>[] = [];
  const isReadByOthers = (reg: number, except: ParallelCopy<S>): boolean =>
    pending.some((c) => c !== except && regOf(c.src) === reg);
  while (pending.length > 0) {
    const ready = pending.find((c) => !isReadByOthers(c.dst, c));
    if (ready) {
      out.push(ready);
      pending = pending.filter((c) => c !== ready);
      continue;
    }
    // Every remaining destination is still read: a cycle. Save one
    // destination's old value and let its readers read the temporary.
    const victim = pending[0]!.dst;
    const temp = newTemp(victim);
    out.push({ dst: temp, src: fromReg(victim) });
    pending = pending.map((c) => (regOf(c.src) === victim ? { dst: c.dst, src: fromReg(temp) } : c));
  }
  return out;
}
