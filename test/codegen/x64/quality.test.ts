// Code-quality checks: properties gcc -O2 code has and ours must keep.
//  - a tight leaf loop keeps everything in registers: no stack frame, no
//    memory operand on rbp/rsp, no block-parameter copy left (coalesced);
//  - loops are rotated: the test sits at the bottom, one taken branch per
//    iteration;
//  - a loop with a call keeps its loop-carried values in callee-saved
//    registers instead of spilling them;
//  - `objdump -d` of the object agrees (when objdump is installed).

import test from 'ava';
import { testNeedingTools } from '../../tools.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FinalFunction } from '../../../src/codegen/x64/emit.js';
import type { X64Inst } from '../../../src/codegen/x64/inst.js';
import { compileFunction, moduleFacts, x64Target } from '../../../src/codegen/x64/target.js';
import { parseIr } from '../../../src/ir/parse.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { RBP, RSP } from '../../../src/codegen/x64/regs.js';

const SOURCE = `
declare @step
func export @dot(ptr, ptr, i64) -> f64 {
b0(%a:ptr, %b:ptr, %n:i64):
  jmp b1(0, 0.0)
b1(%i:i64, %s:f64):
  %c:i32 = icmp slt i64 %i, %n
  br %c, b2, b3
b2:
  %off:i64 = shl %i, 3
  %pa:ptr = add %a, %off
  %pb:ptr = add %b, %off
  %x:f64 = load %pa
  %y:f64 = load %pb
  %m:f64 = fmul %x, %y
  %s2:f64 = fadd %s, %m
  %i2:i64 = add %i, 1
  jmp b1(%i2, %s2)
b3:
  ret %s
}
func export @count(i64, i64, i64) -> i64 {
b0(%n:i64, %k:i64, %m:i64):
  jmp b1(0, 0, 0)
b1(%i:i64, %s:i64, %t:i64):
  %c:i32 = icmp ult i64 %i, %n
  br %c, b2, b3
b2:
  %v:i64 = and %i, %k
  %w:i64 = xor %v, %m
  %s2:i64 = add %s, %w
  %t2:i64 = sub %t, %v
  %i2:i64 = add %i, 1
  jmp b1(%i2, %s2, %t2)
b3:
  %r:i64 = mul %s, %t
  ret %r
}
func export @calls(i64) -> i64 {
b0(%n:i64):
  jmp b1(0, 0)
b1(%i:i64, %s:i64):
  %c:i32 = icmp slt i64 %i, %n
  br %c, b2, b3
b2:
  %v:i64 = call @step(i64 %i)
  %s2:i64 = add %s, %v
  %i2:i64 = add %i, 1
  jmp b1(%i2, %s2)
b3:
  ret %s
}
func export @down(i64) -> i64 {
b0(%n:i64):
  jmp b1(%n, 0)
b1(%i:i64, %s:i64):
  %c:i32 = icmp slt i64 %i, 2
  br %c, b3, b2
b2:
  %v:i64 = call @step(i64 %i)
  %s2:i64 = add %s, %v
  %i2:i64 = sub %i, 2
  jmp b1(%i2, %s2)
b3:
  %r:i64 = add %s, %i
  ret %r
}
func export @six(i64, i64, i64, i64, i64, i64) -> i64 {
b0(%a:i64, %b:i64, %c:i64, %d:i64, %e:i64, %f:i64):
  %v:i64 = call @step(i64 %a)
  %w:i64 = add %v, %a
  %x:i64 = add %w, %b
  %y:i64 = add %x, %c
  %z:i64 = add %y, %d
  %u:i64 = add %z, %e
  %r:i64 = add %u, %f
  ret %r
}
`;

function insts(f: FinalFunction): X64Inst[] {
  return f.items.flatMap((item) => (item.kind === 'inst' ? [item.inst] : []));
}
function touchesStack(i: X64Inst): boolean {
  return i.ops.some((o) => o.kind === 'mem' && (o.base === RBP || o.base === RSP));
}
function isRegCopy(i: X64Inst): boolean {
  return (i.op === 'mov' && i.size === 8 || i.op === 'movaps') && i.ops[0]?.kind === 'reg' && i.ops[1]?.kind === 'reg';
}

const module = parseIr(SOURCE);
const facts = moduleFacts(module, false, true);
const compiled = (name: string): FinalFunction => compileFunction(module.functions.find((f) => f.name === name)!, facts);

for (const name of ['dot', 'count']) {
  test(`leaf loop '${name}' needs no frame, no stack memory and no copies`, (t) => {
    const body = insts(compiled(name));
    t.false(body.some((i) => i.op === 'push' || i.op === 'pop'), 'no prologue');
    t.deepEqual(body.filter(touchesStack), []);
    // Block-parameter copies must all be coalesced away; what may remain are
    // the copies x86's two-address forms need (`mov d, a; and d, b` when a
    // stays live), each feeding the very next instruction's destination.
    const leftovers = body.filter((i, n) => {
      if (!isRegCopy(i)) return false;
      const next = body[n + 1];
      const dst = i.ops[0];
      return !(next && dst?.kind === 'reg' && next.ops[0]?.kind === 'reg' && next.ops[0].reg === dst.reg && !isRegCopy(next));
    });
    t.deepEqual(leftovers, []);
    if (name === 'dot') t.is(body.filter(isRegCopy).length, 0);
  });
}

test('loops are rotated: the latch falls into the test, which branches back up', (t) => {
  const body = insts(compiled('count'));
  const jumps = body.filter((i) => i.op === 'jmp' || i.op === 'jcc');
  // A copy of the test skips the loop (header copying, no jmp into the test), one conditional branch back to the top.
  t.deepEqual(jumps.map((i) => i.op), ['jcc', 'jcc']);
});

test('a loop whose test jumps out when true (fib after tail-recursion elimination) is rotated too', (t) => {
  const items = compiled('down').items;
  const jumps = items.flatMap((item, n) => (item.kind === 'inst' && (item.inst.op === 'jmp' || item.inst.op === 'jcc') ? [[item.inst, n] as const] : []));
  t.deepEqual(jumps.map(([i]) => i.op), ['jcc', 'jcc'], 'the entry test, the branch back up; no jmp');
  const [back, at] = jumps[1]!;
  const target = back.ops[0]?.kind === 'label' ? back.ops[0].label : -1;
  t.true(items.findIndex((item) => item.kind === 'label' && item.label === target) < at, 'the last branch goes back up');
});

test('-O2 omits the frame pointer: rbp is one more callee-saved register, the frame is addressed from rsp', (t) => {
  const body = insts(compiled('six'));
  const pushed = body.filter((i) => i.op === 'push').map((i) => (i.ops[0]?.kind === 'reg' ? i.ops[0].reg : -1));
  t.true(pushed.includes(RBP), 'rbp saved as a callee-saved register');
  t.false(body.some((i) => i.op === 'mov' && i.ops[0]?.kind === 'reg' && i.ops[0].reg === RBP && i.ops[1]?.kind === 'reg' && i.ops[1].reg === RSP), 'no mov rbp, rsp');
  t.false(body.some((i) => i.ops.some((o) => o.kind === 'mem' && o.base === RBP)), 'nothing addressed from rbp');
  // The seven values live across the call fit in six callee-saved registers plus at most one spill.
  t.true(body.filter(touchesStack).length <= 2);
  // rsp stays 16-byte aligned at the call: the pushes, the return address and `sub rsp` make a multiple of 16.
  const sub = body.find((i) => i.op === 'sub' && i.ops[0]?.kind === 'reg' && i.ops[0].reg === RSP);
  const allocated = sub?.ops[1]?.kind === 'imm' ? Number(sub.ops[1].value) : 0;
  t.is((8 + 8 * pushed.length + allocated) % 16, 0);
});

test('without -O (facts keep the frame pointer) functions keep the rbp frame', (t) => {
  const keep = moduleFacts(module, false, false);
  const body = insts(compileFunction(module.functions.find((f) => f.name === 'six')!, keep));
  t.deepEqual(body.slice(0, 2).map((i) => i.op), ['push', 'mov']);
  t.deepEqual(body[0]!.ops[0], { kind: 'reg', reg: RBP });
});

test('a loop with a call keeps its loop-carried values in callee-saved registers', (t) => {
  const body = insts(compiled('calls'));
  t.deepEqual(body.filter((i) => touchesStack(i) && i.op !== 'lea'), []);
  t.true(body.some((i) => i.op === 'push' && i.ops[0]?.kind === 'reg' && i.ops[0].reg !== RBP));
});

testNeedingTools(['objdump'])('objdump shows no stack traffic in the leaf loops', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-quality-'));
  const obj = join(dir, 'q.o');
  const leafOnly = parseIr(SOURCE);
  leafOnly.functions = leafOnly.functions.filter((f) => f.name !== 'calls');
  writeFileSync(obj, writeElf(x64Target.compileModule(leafOnly, { optLevel: 2 })));
  const dis = execFileSync('objdump', ['-d', '-M', 'intel', obj], { encoding: 'utf8' });
  t.false(/\[(rbp|rsp)/.test(dis), dis);
});
