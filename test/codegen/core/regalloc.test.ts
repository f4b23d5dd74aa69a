// The register allocator on its own, over the toy instruction set
// (toy-isa.ts): machine IR as text in, the allocation printed as text out
// (mach.ts printMir, compared with fixtures/regalloc/*.out; UPDATE=1
// writes missing ones), every result proven by the independent checker,
// random machine functions through the checker, and the cost per
// instruction from 1k to 100k instructions.

import test from 'ava';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAllocation } from '../../../src/codegen/core/check-alloc.js';
import type { MachFunction } from '../../../src/codegen/core/mach.js';
import { FIRST_VREG, printMir } from '../../../src/codegen/core/mach.js';
import { allocateRegisters } from '../../../src/codegen/core/regalloc.js';
import { parseToy, printToy, toyInfo, toyRegisters, type ToyInst } from './toy-isa.js';

const dir = fileURLToPath(new URL('./fixtures/regalloc/', import.meta.url));

function allocate(fn: MachFunction<ToyInst>) {
  const alloc = allocateRegisters(fn, toyInfo, toyRegisters);
  return { alloc, problems: checkAllocation(fn, toyInfo, alloc, toyRegisters), text: printMir(fn, printToy, alloc, toyRegisters) };
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.mir')).sort()) {
  test(`${file}: the allocation as text, proven by the checker`, (t) => {
    const { problems, text } = allocate(parseToy(readFileSync(join(dir, file), 'utf8')));
    t.deepEqual(problems, []);
    const golden = join(dir, file.replace(/\.mir$/, '.out'));
    if (!existsSync(golden)) {
      if (process.env.UPDATE !== '1') { t.fail(`${golden} is missing (UPDATE=1 writes it)`); return; }
      writeFileSync(golden, text);
    }
    t.is(text, readFileSync(golden, 'utf8'));
  });
}

test('what the fixtures are about holds', (t) => {
  const read = (f: string) => allocate(parseToy(readFileSync(join(dir, f), 'utf8')));
  const free = read('free.mir');
  t.is(free.alloc.spillSlots, 0);
  t.deepEqual(free.alloc.usedCalleeSaved, []);
  const across = read('across-call.mir');
  const v0 = across.alloc.assignments.get(FIRST_VREG)!;
  t.true(v0.length === 1 && toyRegisters.calleeSaved.has(v0[0]!.preg), 'the value live across the call is in a callee-saved register');
  const remat = read('remat.mir');
  t.regex(remat.text, /remat r\d, %v0 @1/);
  t.notRegex(remat.text, /spill \[spill \d+\], r\d\n\s+%v0/);
  const loop = read('loop.mir');
  // Stores only in the entry block (before the loop's first label).
  const [entry, rest] = loop.text.split('.L1:');
  t.regex(entry!, /spill \[spill/);
  t.notRegex(rest!, /spill \[spill/);
});

test('the checker rejects a rematerialization of an instruction that is not a constant', (t) => {
  const fn = parseToy(readFileSync(join(dir, 'remat.mir'), 'utf8'));
  const { alloc } = allocate(fn);
  const editsBefore = new Map([...alloc.editsBefore].map(([k, es]) => [k, es.map((e) => (e.kind === 'remat' ? { ...e, inst: 2 } : e))]));
  t.true(checkAllocation(fn, toyInfo, { ...alloc, editsBefore }, toyRegisters).some((p) => /rematerializes/.test(p)));
});

/** A deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

/**
 * A random machine function: the entry defines `values` vregs (constants and
 * arguments) — the names every block may read and redefine — then `blocks`
 * blocks of random arithmetic, copies, in-place updates, calls with
 * arguments in fixed registers, redefinitions and branches forwards and
 * backwards (loops). Values made in a block are read only in that block,
 * so every read follows a definition on every path.
 */
export function randomToy(seed: number, blocks: number, perBlock: number, values: number): MachFunction<ToyInst> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines: string[] = [`mfunc random${seed} {`, '.L0:', '  args r4, r5'];
  const names: string[] = [];
  let next = 0;
  const fresh = () => `%v${next++}`;
  for (let i = 0; i < values; i++) {
    const v = fresh();
    lines.push(r() < 0.3 ? `  ${v} = const ${Math.floor(r() * 100)}` : `  ${v} = arg r${4 + (i % 2)}`);
    names.push(v);
  }
  for (let b = 1; b <= blocks; b++) {
    lines.push(`.L${b}:`);
    const local: string[] = [];
    const any = () => (local.length > 0 && r() < 0.4 ? pick(local) : pick(names));
    for (let i = 0; i < perBlock; i++) {
      const x = r();
      if (x < 0.3) {
        const v = fresh();
        lines.push(`  ${v} = add ${any()}, ${any()}`);
        if (local.length < values) local.push(v); else local[Math.floor(r() * local.length)] = v;
      } else if (x < 0.5) lines.push(`  ${pick(names)} += ${any()}`);
      else if (x < 0.6) lines.push(`  ${pick(names)} = mov ${any()}`);
      else if (x < 0.7) lines.push(`  ${pick(names)} = const ${Math.floor(r() * 100)}`);
      else if (x < 0.78) lines.push(`  out r4, ${any()}`, `  out r0, ${any()}`, '  call r4, r0', `  ${pick(names)} = arg r0`);
      else lines.push(`  ${pick(names)} = add ${any()}, ${any()}`);
    }
    const y = r();
    // Branches reach at most 8 blocks away, as loops and ifs in real code do (and what a loop spans stays bounded).
    const target = Math.max(1, Math.min(blocks + 1, b + Math.floor(r() * 17) - 8));
    if (y < 0.35) lines.push(`  br ${any()}, .L${target}`);
    else if (y < 0.45 && b < blocks) lines.push(`  jmp .L${target}`);
  }
  lines.push(`.L${blocks + 1}:`, `  out r4, ${pick(names)}`, '  ret r4', '}');
  return parseToy(lines.join('\n'));
}

test('random machine functions: every allocation passes the checker', (t) => {
  let spilled = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const fn = randomToy(seed, 1 + (seed % 9), 3 + (seed % 7), 3 + (seed % 8));
    const { alloc, problems } = allocate(fn);
    if (problems.length > 0) { t.fail(`seed ${seed}:\n${problems.join('\n')}\n${printMir(fn, printToy)}`); return; }
    if (alloc.spillSlots > 0 || [...alloc.editsBefore.values()].some((es) => es.some((e) => e.kind === 'remat'))) spilled++;
  }
  // The generator must reach the splitting paths, or the test proves little.
  t.true(spilled > 50, `${spilled} of 300 functions spilled`);
});

test('linear in practice: time per instruction from 1k to 100k instructions grows less than 3x', (t) => {
  const cost = (blocks: number): number => {
    const fn = randomToy(7, blocks, 10, 12);
    const n = fn.blocks.reduce((s, b) => s + b.insts.length, 0);
    const t0 = process.cpuUsage();
    allocateRegisters(fn, toyInfo, toyRegisters);
    const used = process.cpuUsage(t0);
    return (used.user + used.system) / n;
  };
  cost(100); // warm-up
  const small = Math.min(cost(100), cost(100));
  const large = cost(10_000);
  t.true(large < 3 * small, `${small.toFixed(2)} µs per instruction at ~1k, ${large.toFixed(2)} at ~100k`);
});
