// The loop vectorizer reaches the machine code on both targets: the loops
// of programs/vectorize.c that it takes are computed with 16-byte vector
// instructions (SSE2 / NEON) and the ones it must refuse (a recurrence, a
// floating-point sum) are not. programs.test.ts and the AArch64
// programs.test.ts run the program and compare its output with gcc's.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAssembly } from '../../src/build.js';

const source = readFileSync(fileURLToPath(new URL('./programs/vectorize.c', import.meta.url)), 'utf8');

/** The assembly text of each function, by name. */
function functions(target: 'x86_64' | 'aarch64'): Map<string, string> {
  const text = buildAssembly(source, { target, optimize: 2, file: 'vectorize.c', warnings: ['no-everything'] }).output;
  const out = new Map<string, string>();
  let name = '';
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_]\w*):/.exec(line);
    if (m) name = m[1]!;
    else if (name) out.set(name, (out.get(name) ?? '') + line + '\n');
  }
  return out;
}

const VECTOR: Record<string, Record<string, RegExp>> = {
  x86_64: { saxpy: /\bmulpd\b[\s\S]*\baddpd\b/, scale_f: /\bdivps\b/, mix_i: /\bpaddd\b/, mix_l: /\bpsubq\b/, add_ll: /\bpaddq\b/ },
  aarch64: { saxpy: /\bfmla\s+v\d+\.2d/, scale_f: /\bfdiv\s+v\d+\.4s/, mix_i: /\badd\s+v\d+\.4s/, mix_l: /\bsub\s+v\d+\.2d/, add_ll: /\badd\s+v\d+\.2d/ },
};
const ANY_VECTOR: Record<string, RegExp> = { x86_64: /\b(movups|(add|sub|mul|div)p[sd]|padd\w|psub\w)\b/, aarch64: /\bv\d+\.(2d|4s|16b)\b|\bq\d+\b/ };

for (const target of ['x86_64', 'aarch64'] as const) {
  test(`${target}: counted loops become vector code, a recurrence and a float sum stay scalar`, (t) => {
    const fns = functions(target);
    for (const [fn, re] of Object.entries(VECTOR[target]!)) t.regex(fns.get(fn) ?? '', re, `${fn} is vectorized`);
    for (const fn of ['prefix', 'sum']) t.notRegex(fns.get(fn) ?? '', ANY_VECTOR[target]!, `${fn} stays scalar`);
  });
}
