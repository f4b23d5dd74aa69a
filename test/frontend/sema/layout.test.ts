// Struct and union layout compared with gcc: the same declarations are laid
// out by sema and by gcc (a generated C program prints sizeof, _Alignof and
// each member's bit position), and the numbers must agree. Bit-field
// positions are found the ABI-neutral way: set the field to all ones in a
// zeroed object and look for the lowest set bit.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMember } from '../../../src/frontend/sema/check-types.js';
import { checkSource } from './check-helpers.js';
import { testNeedingTools, testOnHost } from '../../tools.js';

interface Case {
  readonly decl: string;
  /** `struct s1` etc. */
  readonly type: string;
  readonly members: readonly { readonly name: string; readonly isBitField: boolean }[];
}

function c(decl: string, type: string, members: string): Case {
  return {
    decl, type,
    members: members.split(' ').filter(Boolean).map((m) => ({ name: m.replace(/:$/, ''), isBitField: m.endsWith(':') })),
  };
}

const CASES: readonly Case[] = [
  c('struct s1 { char a; int b; char c; };', 'struct s1', 'a b c'),
  c('struct s2 { char a; short b : 3; int c : 20; char d; };', 'struct s2', 'a b: c: d'),
  c('struct s3 { int a : 3; int : 0; int b : 4; };', 'struct s3', 'a: b:'),
  c('struct s4 { char a; long long b : 40; char c; };', 'struct s4', 'a b: c'),
  c('struct s5 { unsigned a : 31; unsigned b : 2; };', 'struct s5', 'a: b:'),
  c('struct s6 { char a; struct { int x; char y; } in; char b; };', 'struct s6', 'a in b'),
  c('struct s7 { int n; double d[]; };', 'struct s7', 'n d'),
  c('union u1 { char a; int b : 7; double c; };', 'union u1', 'a b: c'),
  c('struct __attribute__((packed)) p1 { char a; int b; short c; };', 'struct p1', 'a b c'),
  c('struct __attribute__((packed)) p2 { char a; int b : 12; char c; };', 'struct p2', 'a b: c'),
  c('struct s8 { char a; _Alignas(16) int b; };', 'struct s8', 'a b'),
  c('struct s9 { _Bool a : 1; _Bool b : 1; unsigned char c : 7; unsigned char d : 3; };', 'struct s9', 'a: b: c: d:'),
  c('struct s10 { char c; struct { short x; short y; }; int z; };', 'struct s10', 'c x y z'),
  c('struct s11 { long double ld; char c; };', 'struct s11', 'ld c'),
  c('struct s12 { short a : 9; short b : 9; short c : 9; };', 'struct s12', 'a: b: c:'),
  c('struct s13 { char a; int : 5; char b; };', 'struct s13', 'a b'),
  c('struct s14 { char a; char : 0; char b; };', 'struct s14', 'a b'),
  c('struct s15 { char a; long : 0; char b; };', 'struct s15', 'a b'),
  c('struct s16 { char a[3]; short b; union { int i; char c[5]; } u; };', 'struct s16', 'a b u'),
  c('struct s17 { char a; int b __attribute__((aligned(8))); } __attribute__((aligned(32)));', 'struct s17', 'a b'),
  c('struct s18 { unsigned long long a : 60; unsigned b : 10; };', 'struct s18', 'a: b:'),
  c('union u2 { struct { char a, b; } s; long l : 33; };', 'union u2', 's l:'),
];

function gccProgram(): string {
  const lines = ['#include <stdio.h>', '#include <stddef.h>', '#include <string.h>', ...CASES.map((k) => k.decl)];
  lines.push('static int lowbit(const unsigned char *p, size_t n) { for (size_t i = 0; i < n * 8; i++) if (p[i / 8] >> (i % 8) & 1) return (int)i; return -1; }');
  lines.push('int main(void) {');
  CASES.forEach((k, i) => {
    lines.push(`  { ${k.type} v${i}; (void)v${i}; printf("%s %zu %zu\\n", "${k.type}", sizeof(${k.type}), _Alignof(${k.type}));`);
    for (const m of k.members) {
      if (m.isBitField) {
        lines.push(`    memset(&v${i}, 0, sizeof v${i}); v${i}.${m.name} = -1; printf("%s.%s %d\\n", "${k.type}", "${m.name}", lowbit((const unsigned char *)&v${i}, sizeof v${i}));`);
      } else {
        lines.push(`    printf("%s.%s %zu\\n", "${k.type}", "${m.name}", offsetof(${k.type}, ${m.name}) * 8);`);
      }
    }
    lines.push('  }');
  });
  lines.push('  return 0;', '}');
  return lines.join('\n');
}

/** gcc's layouts are the reference only on an x86-64 host. */
const layoutTest = process.arch === 'x64' ? testNeedingTools(['gcc']) : testOnHost(`host is ${process.arch}, not x64`);

function ourLayout(): string {
  const source = CASES.map((k, i) => `${k.decl}\n${k.type} v${i};`).join('\n');
  const r = checkSource('layout.c', source);
  if (r.hasErrors || !r.unit) throw new Error(r.text);
  const out: string[] = [];
  CASES.forEach((k, i) => {
    const g = r.unit!.globals.find((x) => x.sym.name === `v${i}`)!;
    const t = g.sym.type;
    if (t.kind !== 'record') throw new Error(`${k.type} is not a record`);
    out.push(`${k.type} ${t.info.size} ${t.info.align}`);
    for (const m of k.members) {
      const found = findMember(t.info, m.name);
      if (!found) throw new Error(`no member ${m.name} in ${k.type}`);
      out.push(`${k.type}.${m.name} ${found.offset * 8 + found.member.bitOffset}`);
    }
  });
  return out.join('\n') + '\n';
}

layoutTest('struct layout matches gcc', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-layout-'));
  const src = join(dir, 'layout.c');
  const exe = join(dir, 'layout');
  writeFileSync(src, gccProgram());
  execFileSync('gcc', ['-std=gnu11', '-w', '-o', exe, src]);
  const expected = execFileSync(exe, { encoding: 'utf8' });
  t.is(ourLayout(), expected);
});
