// The AAPCS64 calling convention (src/frontend/lower/abi/aapcs64.ts)
// against gcc: the IR signatures our frontend makes for AArch64, read the
// way the standard's stage C assigns registers (the model below, which the
// ARM64 backend implements too), must put every byte where
// aarch64-linux-gnu-gcc puts it; va_arg lowered to IR and run in the IR
// interpreter must read what gcc's va_arg reads from the same va_list.
//
// How gcc's side is observed (programs run under qemu-aarch64):
//  - arguments: each case calls `raw` through a cast to the case's
//    prototype; `raw` itself takes x0–x7, q0–q7 (as 16-byte vectors, so
//    whole registers) and sixteen stack words, and prints them all;
//  - results: `make` returns a value, called through casts to functions
//    returning {long, long} (x0, x1), four 16-byte vectors (q0–q3) or a
//    same-sized byte array (the memory x8 points at);
//  - va_arg: C functions that set up a va_list over known save areas,
//    va_arg a sequence of values and hash what they read and where the
//    va_list ends up; gcc's hashes and the interpreter's must agree.

import test from 'ava';
import type { ArgAbi, IrFunction, IrType, RegPiece } from '../../../../src/ir/ir.js';
import { pieceSize } from '../../../../src/ir/ir.js';
import { interpret } from '../../../../src/ir/interp.js';
import { lowerSource, testOptions } from '../../sema/check-helpers.js';
import { crossTest, keyedLines, runAarch64 } from './aarch64-gcc.js';

const TYPES = `
typedef int v4si __attribute__((vector_size(16)));
typedef int v2si __attribute__((vector_size(8)));
typedef char v4qi __attribute__((vector_size(4)));
struct hfa2f { float a, b; };
struct hfa3f { float a[3]; };
struct hfa4d { double a, b, c, d; };
struct f5 { float a[5]; };
struct hld { long double x; };
struct hld2 { long double x, y; };
struct mixed { float a; int b; };
struct s3 { char c[3]; };
struct s12 { int a, b, c; };
struct s16 { long a, b; };
struct s24 { long a, b, c; };
struct a16 { _Alignas(16) long a; };
struct zw { float a; int : 0; float b; };
struct un { union { float a; float b; } u; float c; };
struct hva { v4si a, b; };
struct hva8 { v2si a, b; };
struct pad { float a; double b; };
struct empty { };
`;

/** Parameter lists: scalars get known values, everything else the fill pattern. */
const PARAM_CASES: readonly (readonly string[])[] = [
  ['struct hfa2f'], ['struct hfa3f'], ['struct hfa4d'], ['struct f5'], ['struct hld'], ['struct hld2'],
  ['long double'], ['struct mixed'], ['struct s3'], ['struct s12'], ['struct s16'], ['struct s24'],
  ['struct zw'], ['struct un'], ['struct hva'], ['struct hva8'], ['struct pad'], ['v4si'], ['v2si'], ['v4qi'],
  ['_Complex float'], ['_Complex double'], ['_Complex long double'],
  ['long', 'struct a16'], ['int', 'struct empty', 'int'],
  // Register exhaustion: a group that does not fit goes to the stack, and later values do not backfill (C.3, C.11).
  ['long', 'long', 'long', 'long', 'long', 'long', 'long', 'struct s16', 'long'],
  ['double', 'double', 'double', 'double', 'double', 'double', 'struct hfa3f', 'double'],
  ['double', 'double', 'double', 'double', 'double', 'double', 'double', 'long double', 'float'],
  ['long', 'long', 'long', 'long', 'long', 'long', 'long', 'struct a16', 'struct s12'],
  ['struct hfa4d', 'struct hfa4d', 'struct hfa2f', 'double'],
  ['long', 'long', 'long', 'long', 'long', 'long', 'long', 'long', 'int', 'struct s3', 'long double', 'struct hfa3f'],
  // __int128: two x registers from an even one (C.9), else the stack 16-aligned with NGRN set to 8.
  ['__int128'], ['long', 'unsigned __int128', 'long'], ['long', 'long', 'long', 'long', 'long', '__int128', 'long'],
  ['long', 'long', 'long', 'long', 'long', 'long', 'long', '__int128', 'long'],
];

const RETURN_CASES: readonly string[] = [
  'struct hfa2f', 'struct hfa3f', 'struct hfa4d', 'struct f5', 'struct hld', 'struct hld2', 'long double', 'struct mixed',
  'struct s3', 'struct s12', 'struct s16', 'struct s24', 'struct zw', 'struct hva', 'struct pad', 'v4si', 'v2si',
  '_Complex float', '_Complex double', '_Complex long double', '__int128', 'unsigned __int128',
];

const isScalar = (t: string): boolean => ['long', 'int', 'double', 'float'].includes(t);

// ---------------------------------------------------------------- the register image

type Byte = number | null;

interface Image {
  readonly x: Byte[][];
  readonly v: Byte[][];
  readonly stack: Byte[];
  /** x registers that hold the address of a copy: the copy's expected bytes. */
  readonly pointees: Map<number, Byte[]>;
}

function emptyImage(): Image {
  const fill = (n: number): Byte[] => new Array<Byte>(n).fill(null);
  return { x: Array.from({ length: 8 }, () => fill(8)), v: Array.from({ length: 8 }, () => fill(16)), stack: fill(128), pointees: new Map() };
}

function render(bytes: readonly Byte[]): string {
  return bytes.map((b) => (b === null ? '??' : b.toString(16).padStart(2, '0'))).join('');
}

/** The fill pattern of argument `seed`: byte i of its value. */
function patternByte(seed: number, i: number): number {
  return 0x10 + ((seed * 16 + i) % 0x60);
}

function scalarBytes(cType: string, index: number): Byte[] {
  const view = new DataView(new ArrayBuffer(8));
  switch (cType) {
    case 'long': view.setBigInt64(0, 0x0101010101010101n * BigInt(index + 1), true); break;
    case 'int': view.setInt32(0, 1000 + index, true); break;
    case 'double': view.setFloat64(0, index + 0.25, true); break;
    case 'float': view.setFloat32(0, index + 0.5, true); break;
  }
  const n = cType === 'int' || cType === 'float' ? 4 : 8;
  return [...new Uint8Array(view.buffer)].slice(0, n);
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/**
 * AAPCS64 §6.8.2 stage C over the IR's neutral annotations: 'part' groups
 * of f32/f64 pieces take consecutive v registers ('up' the upper half of
 * the one before) or, when they do not all fit, the stack with NSRN set to
 * 8; groups of i64 pieces take consecutive x registers (an even first one
 * with `align 16`) or the stack with NGRN set to 8; other values one
 * register each; on the stack every value is laid out as in memory at the
 * next multiple of 8 (16 when more aligned).
 */
function placeArgs(fn: IrFunction, argBytes: readonly (Byte[] | { readonly pointee: Byte[] })[]): Image {
  const img = emptyImage();
  const abi: readonly (ArgAbi | null)[] = fn.paramAbi ?? fn.params.map(() => null);
  let ngrn = 0, nsrn = 0, nsaa = 0;
  let arg = 0;
  const toStack = (bytes: readonly Byte[], align: number): void => {
    nsaa = alignUp(nsaa, Math.max(8, align));
    bytes.forEach((b, k) => { img.stack[nsaa + k] = b; });
    nsaa += alignUp(bytes.length, 8);
  };
  for (let i = 0; i < fn.params.length; arg++) {
    const a = abi[i];
    const source = argBytes[arg]!;
    if (a?.kind === 'part') {
      const tys = fn.params.slice(i, i + a.count);
      const pieces: RegPiece[] = tys.map((ty, k) => ((abi[i + k] as { isUpper?: boolean }).isUpper ? 'up' : ty as RegPiece));
      const bytes = source as Byte[];
      let at = 0;
      const chunks = pieces.map((p) => { const c = bytes.slice(at, at + pieceSize(p)); at += pieceSize(p); return c.concat(new Array<Byte>(pieceSize(p) - c.length).fill(null)); });
      const align = a.align ?? 8;
      if (tys.every((t) => t === 'f32' || t === 'f64')) {
        const regs = pieces.filter((p) => p !== 'up').length;
        if (nsrn + regs <= 8) {
          pieces.forEach((p, k) => {
            if (p === 'up') chunks[k]!.forEach((b, j) => { img.v[nsrn - 1]![8 + j] = b; });
            else chunks[k]!.forEach((b, j) => { img.v[nsrn]![j] = b; }), nsrn++;
          });
        } else {
          nsrn = 8;
          toStack(chunks.flat(), align);
        }
      } else {
        if (align >= 16) ngrn = alignUp(ngrn, 2);
        if (ngrn + a.count <= 8) chunks.forEach((c) => { img.x[ngrn++] = c; });
        else { ngrn = 8; toStack(chunks.flat(), align); }
      }
      i += a.count;
      continue;
    }
    const ty: IrType = fn.params[i]!;
    if ('pointee' in source) {
      if (ngrn < 8) img.pointees.set(ngrn++, source.pointee);
      else throw new Error('a pointer argument on the stack is not modelled');
    } else if (ty === 'f32' || ty === 'f64') {
      if (nsrn < 8) source.forEach((b, j) => { img.v[nsrn]![j] = b; }), nsrn++;
      else toStack(source, 8);
    } else if (ngrn < 8) {
      img.x[ngrn++] = source.concat(new Array<Byte>(8 - source.length).fill(null));
    } else {
      toStack(source, 8);
    }
    i++;
  }
  return img;
}

/** The same for a result: register pieces into x0/x1 and v0–v3, or memory through x8. */
function placeResult(fn: IrFunction, bytes: readonly Byte[]): Image {
  const img = emptyImage();
  if (fn.paramAbi?.[0]?.kind === 'sret') {
    img.pointees.set(8, [...bytes]);
    return img;
  }
  const pieces = fn.retAbi ?? [];
  let at = 0, xs = 0, vs = 0;
  for (const p of pieces) {
    const chunk = bytes.slice(at, at + pieceSize(p));
    at += pieceSize(p);
    if (p === 'i64') img.x[xs++] = chunk.concat(new Array<Byte>(8 - chunk.length).fill(null));
    else if (p === 'up') chunk.forEach((b, j) => { img.v[vs - 1]![8 + j] = b; });
    else chunk.forEach((b, j) => { img.v[vs]![j] = b; }), vs++;
  }
  return img;
}

// ---------------------------------------------------------------- gcc's side

const PRELUDE = `
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
${TYPES}
typedef long v2l __attribute__((vector_size(16)));
static const char *cur;
static void fill(void *p, int n, int seed) { for (int i = 0; i < n; i++) ((unsigned char *)p)[i] = 0x10 + ((seed * 16 + i) % 0x60); }
static void dump(const char *what, int n, const void *p, int size) {
  printf("%s.%s%d ", cur, what, n);
  for (int i = 0; i < size; i++) printf("%02x", ((const unsigned char *)p)[i]);
  printf("\\n");
}
/* An x register that holds a stack address near ours is a pointer to a copy: print what it points at. */
static int ptr_size[9];
static void dumpx(int n, long v, long near) {
  if (ptr_size[n] > 0 && labs(v - near) < (1 << 20)) dump("*x", n, (const void *)v, ptr_size[n]);
  else dump("x", n, &v, 8);
}
__attribute__((noinline)) void raw(long x0, long x1, long x2, long x3, long x4, long x5, long x6, long x7,
    v2l q0, v2l q1, v2l q2, v2l q3, v2l q4, v2l q5, v2l q6, v2l q7,
    long s0, long s1, long s2, long s3, long s4, long s5, long s6, long s7,
    long s8, long s9, long s10, long s11, long s12, long s13, long s14, long s15) {
  long x[8] = { x0, x1, x2, x3, x4, x5, x6, x7 };
  v2l q[8] = { q0, q1, q2, q3, q4, q5, q6, q7 };
  long s[16] = { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15 };
  for (int i = 0; i < 8; i++) dumpx(i, x[i], (long)&x);
  for (int i = 0; i < 8; i++) dump("v", i, &q[i], 16);
  dump("stack", 0, s, 128);
}
struct RX { long a, b; };
struct R4 { v2l a, b, c, d; };
`;

function scalarLiteral(cType: string, index: number): string {
  switch (cType) {
    case 'long': return `0x${(0x0101010101010101n * BigInt(index + 1)).toString(16)}L`;
    case 'int': return `${1000 + index}`;
    case 'double': return `${index + 0.25}`;
    case 'float': return `${index + 0.5}f`;
    default: throw new Error(cType);
  }
}

function paramCaseC(k: number, types: readonly string[], pointerRegs: readonly [number, number][]): string {
  const decls = types.map((t, i) => (isScalar(t) ? '' : `${t} a${i}; fill(&a${i}, sizeof a${i}, ${i});`)).join(' ');
  const args = types.map((t, i) => (isScalar(t) ? scalarLiteral(t, i) : `a${i}`)).join(', ');
  const ptrs = pointerRegs.map(([reg, size]) => `ptr_size[${reg}] = ${size};`).join(' ');
  return `{ cur = "p${k}"; memset(ptr_size, 0, sizeof ptr_size); ${ptrs} ${decls} ((void (*)(${types.join(', ')}))raw)(${args}); }`;
}

function returnCaseC(k: number, type: string, isSret: boolean): string {
  const make = `make${k}`;
  if (isSret) {
    return `{ cur = "r${k}"; struct B${k} { unsigned char b[sizeof(${type})]; } r = ((struct B${k} (*)(void))${make})(); dump("*x", 8, &r, sizeof r); }`;
  }
  return `{ cur = "r${k}"; struct RX rx = ((struct RX (*)(void))${make})(); dump("x", 0, &rx.a, 8); dump("x", 1, &rx.b, 8);
    struct R4 r4 = ((struct R4 (*)(void))${make})(); dump("v", 0, &r4.a, 16); dump("v", 1, &r4.b, 16); dump("v", 2, &r4.c, 16); dump("v", 3, &r4.d, 16); }`;
}

// ---------------------------------------------------------------- the tests

interface Expected { readonly key: string; readonly bytes: string }

function expectedLines(prefix: string, img: Image, withAll: boolean): Expected[] {
  const out: Expected[] = [];
  for (let i = 0; i < 8; i++) {
    const p = img.pointees.get(i);
    out.push(p ? { key: `${prefix}.*x${i}`, bytes: render(p) } : { key: `${prefix}.x${i}`, bytes: render(img.x[i]!) });
  }
  for (let i = 0; i < 8; i++) out.push({ key: `${prefix}.v${i}`, bytes: render(img.v[i]!) });
  if (withAll) out.push({ key: `${prefix}.stack0`, bytes: render(img.stack) });
  return out;
}

function matches(expected: string, actual: string | undefined): boolean {
  if (actual === undefined || actual.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (expected[i] !== '?' && expected[i] !== actual[i]) return false;
  return true;
}

/** The 64-bit words of a global's initial bytes. */
function words(m: ReturnType<typeof lowerSource>, name: string): bigint[] {
  const g = m.globals.find((x) => x.name === name)!;
  const bytes = new Uint8Array(g.size);
  let at = 0;
  for (const item of g.init ?? []) {
    if (item.kind !== 'bytes') throw new Error(`global ${name}: ${item.kind} data`);
    bytes.set(item.bytes, at);
    at += item.bytes.length;
  }
  const view = new DataView(bytes.buffer);
  return Array.from({ length: g.size / 8 }, (_, i) => view.getBigUint64(8 * i, true));
}

function sizeOfC(m: ReturnType<typeof lowerSource>, name: string): number {
  return Number(words(m, name)[0]);
}

crossTest('arguments go where aarch64-linux-gnu-gcc puts them', (t) => {
  // Our side: the IR signature of `void p<k>(…)` and the sizes of the filled values.
  const ours = lowerSource('params.c', TYPES + PARAM_CASES.map((types, k) => {
    const sizes = types.map((ty, i) => `unsigned long size${k}_${i} = sizeof(${ty});`).join(' ');
    return `void p${k}(${types.map((ty, i) => `${ty} a${i}`).join(', ')}) {} ${sizes}`;
  }).join('\n'), testOptions('aarch64'));
  const images = PARAM_CASES.map((types, k) => {
    const fn = ours.functions.find((f) => f.name === `p${k}`)!;
    const sources = types.flatMap((ty, i): (Byte[] | { readonly pointee: Byte[] })[] => {
      if (ty === 'struct empty') return [];
      if (isScalar(ty)) return [scalarBytes(ty, i)];
      const size = sizeOfC(ours, `size${k}_${i}`);
      const bytes = Array.from({ length: size }, (_, j) => patternByte(i, j));
      // A value passed by reference: a ptr IR parameter where the C type is not one.
      const irIndex = irParamIndexOf(fn, types, i);
      const isByRef = fn.params[irIndex] === 'ptr' && !(fn.paramAbi?.[irIndex]);
      return [isByRef ? { pointee: bytes } : bytes];
    });
    return placeArgs(fn, sources);
  });
  const c = PRELUDE + `int main(void) {\n${PARAM_CASES.map((types, k) => paramCaseC(k, types, [...images[k]!.pointees].map(([reg, b]) => [reg, b.length]))).join('\n')}\n  return 0;\n}\n`;
  const gcc = keyedLines(runAarch64(c));
  const problems: string[] = [];
  PARAM_CASES.forEach((types, k) => {
    for (const e of expectedLines(`p${k}`, images[k]!, true)) {
      const actual = gcc.get(e.key);
      if (!matches(e.bytes, actual)) problems.push(`(${types.join(', ')}) ${e.key}: ours ${e.bytes}, gcc ${actual ?? '(missing)'}`);
    }
  });
  t.deepEqual(problems, []);
});

/** The index of C parameter `c`'s first IR parameter. */
function irParamIndexOf(fn: IrFunction, types: readonly string[], c: number): number {
  let ir = fn.paramAbi?.[0]?.kind === 'sret' ? 1 : 0;
  for (let j = 0; j < c; j++) {
    if (types[j] === 'struct empty') continue;
    const a = fn.paramAbi?.[ir];
    ir += a?.kind === 'part' ? a.count : 1;
  }
  return ir;
}

crossTest('results come back where aarch64-linux-gnu-gcc returns them', (t) => {
  const ours = lowerSource('results.c', TYPES + RETURN_CASES.map((ty, k) => `${ty} make${k}(void) { ${ty} v; return v; } unsigned long rsize${k} = sizeof(${ty});`).join('\n'), testOptions('aarch64'));
  const images = RETURN_CASES.map((_, k) => {
    const fn = ours.functions.find((f) => f.name === `make${k}`)!;
    const bytes = Array.from({ length: sizeOfC(ours, `rsize${k}`) }, (__, j) => patternByte(9, j));
    return { fn, img: placeResult(fn, bytes) };
  });
  const makers = RETURN_CASES.map((ty, k) => `__attribute__((noinline)) ${ty} make${k}(void) { ${ty} v; fill(&v, sizeof v, 9); return v; }`).join('\n');
  const c = PRELUDE + makers + `\nint main(void) {\n${RETURN_CASES.map((ty, k) => returnCaseC(k, ty, images[k]!.fn.paramAbi?.[0]?.kind === 'sret')).join('\n')}\n  return 0;\n}\n`;
  const gcc = keyedLines(runAarch64(c));
  const problems: string[] = [];
  RETURN_CASES.forEach((ty, k) => {
    const { fn, img } = images[k]!;
    const lines = fn.paramAbi?.[0]?.kind === 'sret'
      ? [{ key: `r${k}.*x8`, bytes: render(img.pointees.get(8)!) }]
      : expectedLines(`r${k}`, img, false).filter((e) => /\.(x[01]|v[0-3])$/.test(e.key));
    for (const e of lines) {
      const actual = gcc.get(e.key);
      if (!matches(e.bytes, actual)) problems.push(`${ty} ${e.key}: ours ${e.bytes}, gcc ${actual ?? '(missing)'}`);
    }
  });
  t.deepEqual(problems, []);
});

// ---------------------------------------------------------------- va_arg

const VA_PRELUDE = `
${TYPES}
typedef __builtin_va_list va_list;
struct raw { void *stack; void *gr_top; void *vr_top; int gr_offs; int vr_offs; };
static unsigned char gr[64], vr[128], stk[256], big[8][32];
static unsigned long long h;
static void mix(const void *p, int n) { const unsigned char *b = p; for (int i = 0; i < n; i++) { h ^= b[i]; h *= 1099511628211ull; } }
/* Save areas and stack with known bytes; with 'pointers', every word points at a 32-byte buffer (values passed by reference). */
static void init(va_list *ap, int gr_used, int vr_used, int pointers) {
  for (int i = 0; i < 64; i++) gr[i] = 0x10 + i;
  for (int i = 0; i < 128; i++) vr[i] = 0x20 + (i & 0x3f);
  for (int i = 0; i < 256; i++) stk[i] = 0x30 + (i & 0x3f);
  for (int i = 0; i < 8; i++) for (int j = 0; j < 32; j++) big[i][j] = 0x40 + i * 4 + j;
  if (pointers) {
    for (int i = 0; i < 8; i++) ((unsigned char **)gr)[i] = big[i];
    for (int i = 0; i < 32; i++) ((unsigned char **)stk)[i] = big[(i + 3) & 7];
  }
  struct raw *r = (struct raw *)ap;
  r->stack = stk; r->gr_top = gr + 64; r->vr_top = vr + 128;
  r->gr_offs = -64 + 8 * gr_used; r->vr_offs = -128 + 16 * vr_used;
  h = 14695981039346656037ull;
}
static unsigned long long finish(va_list *ap) {
  struct raw *r = (struct raw *)ap;
  long s = (unsigned char *)r->stack - stk;
  mix(&s, 8); mix(&r->gr_offs, 4); mix(&r->vr_offs, 4);
  return h;
}
`;

const VA_TYPES: readonly string[] = [
  'long', 'int', 'double', 'char *', 'long double', 'struct hfa2f', 'struct hfa3f', 'struct hfa4d', 'struct hld', 'struct hld2',
  'struct mixed', 'struct s3', 'struct s12', 'struct s16', 'struct s24', 'struct f5', 'struct a16', 'struct zw', 'struct un',
  'struct hva', 'struct hva8', 'struct pad', 'v4si', 'v2si', '_Complex double', '_Complex float', '__int128',
];
/** (general registers used, vector registers used) before va_arg starts: plenty left, some, one, none. */
const VA_STARTS: readonly [number, number][] = [[0, 0], [5, 6], [7, 7], [8, 8]];

function vaCases(): { name: string; body: string }[] {
  const cases: { name: string; body: string }[] = [];
  VA_TYPES.forEach((ty, k) => {
    VA_STARTS.forEach(([g, v], s) => {
      const isByRef = ty === 'struct s24' || ty === 'struct f5';
      // With pointers in the save areas a long or double could read an address, which differs between the two runs.
      const reads = (isByRef ? [ty, ty, ty, ty, ty] : [ty, ty, 'long', ty, 'double', ty]).map((x) => `{ ${x} v = __builtin_va_arg(ap, ${x}); mix(&v, sizeof v); }`).join(' ');
      cases.push({ name: `va${k}_${s}`, body: `unsigned long long va${k}_${s}(void) { va_list ap; init(&ap, ${g}, ${v}, ${isByRef ? 1 : 0}); ${reads} return finish(&ap); }` });
    });
  });
  return cases;
}

crossTest('va_arg reads what aarch64-linux-gnu-gcc reads', (t) => {
  const cases = vaCases();
  const source = VA_PRELUDE + cases.map((c) => c.body).join('\n');
  const ours = lowerSource('va.c', source, testOptions('aarch64'));
  const main = `#include <stdio.h>\n${source}\nint main(void) {\n${cases.map((c) => `  printf("${c.name} %llu\\n", ${c.name}());`).join('\n')}\n  return 0;\n}\n`;
  const gcc = keyedLines(runAarch64(main, 0));
  const problems: string[] = [];
  for (const c of cases) {
    const r = interpret(ours, c.name, []);
    const mine = BigInt.asUintN(64, r.value as bigint).toString();
    if (mine !== gcc.get(c.name)) problems.push(`${c.name} (${c.body.slice(c.body.indexOf('init'), c.body.indexOf(';', c.body.indexOf('mix')))}…): ours ${mine}, gcc ${gcc.get(c.name)}`);
  }
  t.deepEqual(problems, []);
});

// ---------------------------------------------------------------- C facts the ABI fixes

test('plain char is unsigned, long double is 16 bytes 16-aligned, va_list a 32-byte struct', (t) => {
  const m = lowerSource('facts.c', `
    typedef __builtin_va_list va_list;
    long facts[] = { (char)-1 > 0, sizeof(long double), _Alignof(long double), sizeof(va_list), _Alignof(va_list), sizeof(_Complex long double) };
  `, testOptions('aarch64'));
  t.deepEqual(words(m, 'facts'), [1n, 16n, 16n, 32n, 8n, 32n]);
});
