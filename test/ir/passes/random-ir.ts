// A generator of random, verifiable IR functions in the shape the lowering
// emits at -O0 (locals in stack slots, loads and stores, branches between
// blocks), for differential testing of the passes against the interpreter.
// Deterministic for a given seed.

const I32_OPS = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'ashr', 'lshr', 'sdiv', 'srem'] as const;
const CONDS = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'] as const;

/** xorshift32: small, fast, reproducible. */
export class Rng {
  constructor(private state: number) {
    if (this.state === 0) this.state = 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.state = x;
    return x;
  }
  below(n: number): number {
    return this.next() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)];
  }
}

/** Text of a random function `@r(i32, i32) -> i32` over `slots` i32 locals and one f64 local. */
export function randomFunction(seed: number): string {
  const rng = new Rng(seed * 2654435761 >>> 0);
  const nSlots = 2 + rng.below(4);
  const nBlocks = 2 + rng.below(7);
  const lines: string[] = ['func export @r(i32, i32) -> i32 {'];
  for (let s = 0; s < nSlots; s++) lines.push(`  slot $${s} size 4 align 4`);
  lines.push(`  slot $${nSlots} size 8 align 8`);
  // An array local: accessed through computed addresses at several widths, so it stays in memory.
  lines.push(`  slot $${nSlots + 1} size 16 align 8`);
  lines.push('b0(%p0:i32, %p1:i32):');
  for (let s = 0; s <= nSlots; s++) lines.push(`  %a${s}:ptr = slotaddr $${s}`);
  lines.push(`  %arr:ptr = slotaddr $${nSlots + 1}`);
  lines.push('  store i32 %p0, %a0', '  store i32 %p1, %a1', '  store f64 0.5, %a' + nSlots);
  lines.push('  store i64 0, %arr', '  %arr8:ptr = add %arr, 8', '  store i64 0, %arr8');
  if (rng.below(2)) lines.push(`  store i32 ${rng.below(10)}, %a${rng.below(nSlots)}`);
  let v = 0;
  const block = (b: number) => {
    const local: string[] = [];
    const value = () => (local.length > 0 && rng.below(4) !== 0 ? rng.pick(local) : rng.below(3) === 0 ? String(rng.below(9) - 2) : rng.pick(['%p0', '%p1']));
    const n = rng.below(6);
    for (let k = 0; k < n; k++) {
      const r = `%v${v++}`;
      switch (rng.below(8)) {
        case 6: case 7: {
          const p = `%v${v++}`;
          const off = rng.pick([0, 4, 8, 12, 1, 2]);
          const ty = off % 4 === 0 && rng.below(3) !== 0 ? 'i32' : 'i8';
          lines.push(`  ${p}:ptr = add %arr, ${off}`);
          if (rng.below(2) === 0) {
            lines.push(`  ${r}:${ty} = load ${p}`);
            if (ty === 'i32') local.push(r);
            else {
              const x = `%v${v++}`;
              lines.push(`  ${x}:i32 = sext i8 ${r}`);
              local.push(x);
            }
          } else {
            lines.push(`  store ${ty} ${ty === 'i32' ? value() : rng.below(256) - 128}, ${p}`);
          }
          break;
        }
        case 0: case 1:
          lines.push(`  ${r}:i32 = load %a${rng.below(nSlots)}`);
          local.push(r);
          break;
        case 2:
          lines.push(`  ${r}:i32 = ${rng.pick(I32_OPS)} ${value()}, ${value()}`);
          local.push(r);
          break;
        case 3:
          lines.push(`  store i32 ${value()}, %a${rng.below(nSlots)}`);
          break;
        case 4: {
          const f = `%v${v++}`;
          lines.push(`  ${r}:f64 = load %a${nSlots}`, `  ${f}:f64 = fmul ${r}, 1.5`, `  store f64 ${f}, %a${nSlots}`);
          break;
        }
        case 5:
          lines.push(`  call @obs(i32 ${value()})`);
          break;
      }
    }
    // Mostly forward edges, so most programs finish; one edge in five may go back.
    const target = () => (b < nBlocks && rng.below(5) !== 0 ? `b${b + 1 + rng.below(nBlocks - b)}` : `b${1 + rng.below(nBlocks)}`);
    switch (b === nBlocks && rng.below(2) === 0 ? 4 : rng.below(5)) {
      case 0: case 1: {
        const c = `%v${v++}`;
        lines.push(`  ${c}:i32 = icmp ${rng.pick(CONDS)} i32 ${value()}, ${value()}`);
        lines.push(`  br ${c}, ${target()}, ${target()}`);
        break;
      }
      case 2:
        lines.push(`  jmp ${target()}`);
        break;
      case 3:
        lines.push(`  switch i32 ${value()}, default ${target()}, 0: ${target()}, 3: ${target()}`);
        break;
      default: {
        const r = `%v${v++}`;
        lines.push(`  ${r}:i32 = load %a${rng.below(nSlots)}`, `  ret ${r}`);
      }
    }
  };
  block(0);
  for (let b = 1; b <= nBlocks; b++) {
    lines.push(`b${b}:`);
    block(b);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
