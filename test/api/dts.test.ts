// TypeScript declarations: emitDts() / mod.dts / `jitcc --emit-dts`. The
// generated text is type-checked with tsc against the real module types.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { compile, emitDts } from '../../src/index.js';
import { scratchDir, x64 } from './helpers.js';

const SOURCE = `
#include <stdlib.h>
struct Vec { double x, y; };
enum Mode { FAST = 1, SAFE = 2 };
int counter;
double weights[8];
long long big;
static int hidden(void) { return 0; }
double dot(const struct Vec *a, const struct Vec *b) { return a->x * b->x + a->y * b->y; }
int run(enum Mode m, const char *name, int (*cb)(int), int *out, _Bool quiet) { return 0; }
unsigned long long count(void) { return 0; }
void *raw(void) { return malloc(1); }
`;

test('emitDts declares external functions and globals with their TS types', (t) => {
  const dts = emitDts(SOURCE, { file: 'api.c' });
  t.regex(dts, /TypeScript declarations for api\.c/);
  t.regex(dts, /export interface Vec \{\n {2}x: number;\n {2}y: number;\n\}/);
  t.regex(dts, /export type Mode = number;/);
  t.regex(dts, /dot\(a: Vec \| ArrayBufferView \| ArrayBuffer \| bigint \| null, b: Vec .*\): number;/);
  t.regex(dts, /run\(m: Mode, name: string \| .*, cb: \(\(arg1: number\) => number\) \| bigint \| null, out: Int32Array \| number\[\] \| .*, quiet: boolean \| number\): number;/);
  t.regex(dts, /count\(\): number \| bigint;/);
  t.regex(dts, /raw\(\): bigint \| null;/);
  t.regex(dts, /counter: number;/);
  t.regex(dts, /weights: Float64Array;/);
  t.notRegex(dts, /hidden|malloc/);
  t.regex(emitDts(SOURCE, { int64: 'bigint' }), /count\(\): bigint;/);
  t.regex(emitDts(SOURCE, { int64: 'number' }), /count\(\): number;/);
});

x64('mod.dts matches emitDts', (t) => {
  const m = compile(SOURCE, { file: 'api.c' });
  t.is(m.dts.split('\n').slice(1).join('\n'), emitDts(SOURCE).split('\n').slice(1).join('\n'));
  m.dispose();
});

const root = fileURLToPath(new URL('../../', import.meta.url));

test('jitcc --emit-dts writes file.d.ts beside the source, or at -o, and it type-checks', (t) => {
  const dir = scratchDir();
  const c = join(dir, 'api.c');
  writeFileSync(c, SOURCE);
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cc-launch.ts'), '--emit-dts', c], { cwd: root });
  t.true(existsSync(join(dir, 'api.d.ts')));
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cc-launch.ts'), '--emit-dts', c, '-o', join(dir, 'other.d.ts')], { cwd: root });
  const text = readFileSync(join(dir, 'other.d.ts'), 'utf8');
  t.is(text, readFileSync(join(dir, 'api.d.ts'), 'utf8'));
  // Resolve 'jitcc' to this checkout's sources and check a use of the declarations.
  const typed = text.replace("from 'jitcc'", `from ${JSON.stringify(join(root, 'src/index.js'))}`);
  writeFileSync(join(dir, 'api-decl.ts'), typed);
  writeFileSync(join(dir, 'use.ts'), [
    "import type { JitccModule } from './api-decl.js';",
    'declare const m: JitccModule;',
    'const d: number = m.fn("dot")({ x: 1, y: 2 }, { x: 3, y: 4 });',
    'const w: Float64Array = m.global("weights").value;',
    'const n: number = m.global("counter").value;',
    '// @ts-expect-error: not a function of the module',
    'm.fn("nope");',
    'export { d, w, n };',
  ].join('\n'));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const out = (() => {
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', join(dir, 'use.ts')], { cwd: root, encoding: 'utf8' });
      return '';
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e);
    }
  })();
  t.is(out, '');
});
