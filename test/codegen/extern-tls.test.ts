// `extern _Thread_local` variables defined in another object: our object
// reaches them with the target's TLS sequence and lists them as undefined
// STT_TLS symbols (ld refuses a TLS definition matched with a NOTYPE
// reference), on both targets; linked with a gcc-built definition and run
// with two threads, each sees its own copy.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { buildObject } from '../../src/build.js';
import type { TargetName } from '../../src/codegen/core/target.js';
import { writeElf } from '../../src/link/elf/write.js';
import { testNeedingTools } from '../tools.js';

const work = mkdtempSync(join(tmpdir(), 'jitcc-extern-tls-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

const USER = `
  extern _Thread_local int tv;
  extern _Thread_local long tarr[4];
  int get(void) { return tv + (int)tarr[2]; }
  void set(int v) { tv = v; tarr[2] = v; }
`;
const DEFINER = `
  #include <stdio.h>
  #include <pthread.h>
  _Thread_local int tv = 5;
  _Thread_local long tarr[4];
  int get(void); void set(int);
  static void *th(void *p) { (void)p; set(77); return (void *)(long)get(); }
  int main(void) { pthread_t t; void *r; pthread_create(&t, 0, th, 0); pthread_join(t, &r); printf("%d %ld\\n", get(), (long)r); return 0; }
`;

const TOOLS: Record<TargetName, { cc: string; run: (exe: string) => string[]; tools: string[] }> = {
  x86_64: { cc: 'gcc', run: (exe) => [exe], tools: ['gcc'] },
  aarch64: { cc: 'aarch64-linux-gnu-gcc', run: (exe) => ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu', exe], tools: ['aarch64-linux-gnu-gcc', 'qemu-aarch64'] },
};

for (const target of ['x86_64', 'aarch64'] as const) {
  const { cc, run, tools } = TOOLS[target];
  testNeedingTools(tools)(`${target}: extern _Thread_local variables are STT_TLS and link against gcc's definitions`, (t) => {
    const obj = buildObject(USER, { target, optimize: 2 }).output;
    const tv = obj.symbols.find((s) => s.name === 'tv');
    t.is(tv?.section, null);
    t.is(tv?.kind, 'tls');
    const o = join(work, `${target}.o`);
    const c = join(work, `${target}-main.c`);
    const exe = join(work, `${target}.exe`);
    writeFileSync(o, writeElf(obj));
    writeFileSync(c, DEFINER);
    execFileSync(cc, [o, c, '-o', exe, '-pthread'], { stdio: 'pipe' });
    const [cmd, ...args] = run(exe);
    t.is(execFileSync(cmd!, args, { encoding: 'utf8' }), '5 154\n');
  });
}
