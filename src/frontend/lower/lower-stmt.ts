// Statements (C11 6.8) as control flow: blocks and branches for if and the
// loops, the IR `switch` terminator for switch (the backend picks a jump
// table or a compare tree), jumps for goto/break/continue, ret for return.
//
// Input: a TStmt inside the function being lowered. Output: IR in the
// current block and new blocks. Conditions branch on their comparison
// directly (see lowerCond) so the backend can fuse cmp+jcc.

import { intOperand, type Block } from '../../ir/ir.js';
import { unreachable } from '../../diagnostics.js';
import type { CaseLabel, TStmt } from '../sema/typed.js';
import { sizeOf } from '../sema/types.js';
import type { FnLowerer } from './lower-function.js';
import { lowerCond, lowerEffect, lowerValue } from './lower-expr.js';
import { copyBytes, initObject } from './lower-memory.js';
import { irTypeOf, scalarIrType } from './ir-types.js';
import { lowerAsm } from './lower-asm.js';
import { declaresVla, lowerVlaBlock, restoreForGoto, restoreForJump } from './lower-vla.js';

export function lowerStmt(fl: FnLowerer, s: TStmt): void {
  const b = fl.b;
  b.loc = s.loc;
  switch (s.kind) {
    case 'empty': return;
    case 'expr': lowerEffect(fl, s.expr); return;
    case 'decl': {
      const addr = fl.addressOf(s.sym);
      if (s.init) initObject(fl, addr, s.init);
      return;
    }
    case 'compound':
      if (declaresVla(s.items)) lowerVlaBlock(fl, s.items, (item) => lowerStmt(fl, item));
      else for (const item of s.items) lowerStmt(fl, item);
      return;
    case 'if': {
      const then = b.newBlock();
      const join = b.newBlock();
      const els = s.else ? b.newBlock() : join;
      lowerCond(fl, s.cond, then, els);
      b.setBlock(then);
      lowerStmt(fl, s.then);
      if (s.else) {
        b.fallInto(join);
        b.setBlock(els);
        lowerStmt(fl, s.else);
      }
      b.fallInto(join);
      return;
    }
    case 'while': {
      const head = b.newBlock();
      const body = b.newBlock();
      const exit = b.newBlock();
      b.fallInto(head);
      lowerCond(fl, s.cond, body, exit);
      b.setBlock(body);
      loopBody(fl, s.body, exit, head);
      if (!b.isTerminated) b.jmp(head);
      b.setBlock(exit);
      return;
    }
    case 'doWhile': {
      const body = b.newBlock();
      const test = b.newBlock();
      const exit = b.newBlock();
      b.fallInto(body);
      loopBody(fl, s.body, exit, test);
      b.fallInto(test);
      lowerCond(fl, s.cond, body, exit);
      b.setBlock(exit);
      return;
    }
    case 'for': {
      if (s.init) lowerStmt(fl, s.init);
      const head = b.newBlock();
      const body = b.newBlock();
      const step = b.newBlock();
      const exit = b.newBlock();
      b.fallInto(head);
      if (s.cond) lowerCond(fl, s.cond, body, exit);
      else b.jmp(body);
      b.setBlock(body);
      loopBody(fl, s.body, exit, step);
      b.fallInto(step);
      if (s.step) lowerEffect(fl, s.step);
      b.jmp(head);
      b.setBlock(exit);
      return;
    }
    case 'switch': lowerSwitch(fl, s); return;
    case 'caseLabel': b.fallInto(blockFor(fl, s.label.id)); lowerStmt(fl, s.body); return;
    case 'label': b.fallInto(blockFor(fl, s.label.id)); lowerStmt(fl, s.body); return;
    case 'goto': restoreForGoto(fl, s.label.id); b.jmp(blockFor(fl, s.label.id)); return;
    case 'gotoExpr': {
      const target = lowerValue(fl, s.target);
      b.jmp(dispatchBlock(fl), [target]);
      return;
    }
    case 'break': restoreForJump(fl, fl.breakVlaDepths.at(-1)!); b.jmp(fl.breakTargets.at(-1)!); return;
    case 'continue': restoreForJump(fl, fl.continueVlaDepths.at(-1)!); b.jmp(fl.continueTargets.at(-1)!); return;
    case 'return': {
      if (s.value === null) {
        b.ret(null);
        return;
      }
      const v = lowerValue(fl, s.value);
      if (fl.sret) {
        // Through memory: write through the hidden pointer (and hand it back when the convention says so).
        copyBytes(fl, fl.sret, v, sizeOf(s.value.type));
        b.ret(fl.isSretReturned ? fl.sret : null);
        return;
      }
      if (fl.retBuf && irTypeOf(s.value.type) === 'i128') {
        // __int128 in two register pieces: stored where the backend reads them.
        b.store('i128', v, fl.retBuf);
        b.ret(fl.retBuf);
        return;
      }
      if (fl.retBuf) {
        copyBytes(fl, fl.retBuf, v, sizeOf(s.value.type));
        b.ret(fl.retBuf);
        return;
      }
      if (fl.b.fn.ret === 'void' && fl.retType.kind === 'record') {
        b.ret(null); // an empty GNU struct: nothing is returned
        return;
      }
      b.ret(v);
      return;
    }
    case 'asm': lowerAsm(fl, s); return;
    default: unreachable(s, 'statement');
  }
}

function loopBody(fl: FnLowerer, body: TStmt, breakTo: Block, continueTo: Block): void {
  fl.breakTargets.push(breakTo);
  fl.continueTargets.push(continueTo);
  fl.breakVlaDepths.push(fl.vlaSaves.length);
  fl.continueVlaDepths.push(fl.vlaSaves.length);
  lowerStmt(fl, body);
  fl.breakTargets.pop();
  fl.continueTargets.pop();
  fl.breakVlaDepths.pop();
  fl.continueVlaDepths.pop();
}

/**
 * GNU computed goto, factored as gcc does: every `goto *p` jumps to one
 * block that holds the function's only indirect branch, `ijmp p` to a
 * landing block per address-taken label, which jumps on to the label's
 * block. A landing block's one predecessor is that branch, so it never
 * needs parameters (SSA values reach the label through its own jump, where
 * edge copies have a place), and its address is the label's: the symbol
 * IrFunction.labelAddresses names.
 */
export function dispatchBlock(fl: FnLowerer): Block {
  if (fl.dispatch !== null) return fl.dispatch;
  const b = fl.b;
  const resume = b.isTerminated ? null : b.currentBlock;
  const dispatch = b.newBlock('dispatch');
  fl.dispatch = dispatch;
  const target = b.addParam(dispatch, 'ptr', 'target');
  const labels = fl.fn.addressedLabels ?? [];
  const landings = labels.map((l) => {
    const landing = b.newBlock(l.name);
    b.setBlock(landing);
    b.jmp(blockFor(fl, l.id));
    return landing;
  });
  b.setBlock(dispatch);
  b.ijmp({ kind: 'value', id: target }, landings);
  b.fn.labelAddresses = labels.map((l, i) => ({ name: l.symbol, block: landings[i]!.id }));
  if (resume !== null) b.setBlock(resume);
  return dispatch;
}

function blockFor(fl: FnLowerer, id: number): Block {
  let blk = fl.labelBlocks.get(id);
  if (!blk) {
    blk = fl.b.newBlock();
    fl.labelBlocks.set(id, blk);
  }
  return blk;
}

/** GNU case ranges wider than this become explicit range tests before the switch. */
const MAX_EXPANDED_RANGE = 16n;

function lowerSwitch(fl: FnLowerer, s: Extract<TStmt, { kind: 'switch' }>): void {
  const b = fl.b;
  const ty = scalarIrType(s.value.type);
  const value = lowerValue(fl, s.value);
  const exit = b.newBlock();
  const dflt = s.defaultLabel ? blockFor(fl, s.defaultLabel.id) : exit;
  const cases: { value: bigint; target: Block }[] = [];
  const wideRanges: CaseLabel[] = [];
  for (const c of s.cases) {
    const target = blockFor(fl, c.id);
    if (c.high - c.value > MAX_EXPANDED_RANGE) {
      wideRanges.push(c);
      continue;
    }
    for (let v = c.value; v <= c.high; v++) cases.push({ value: v, target });
  }
  // Wide ranges: (value - lo) <=u (hi - lo), tested before the switch.
  for (const c of wideRanges) {
    const next = b.newBlock();
    const diff = b.binary('sub', ty, value, intOperand(c.value));
    const inRange = b.compare('icmp', 'ule', ty, diff, intOperand(c.high - c.value));
    b.br(inRange, blockFor(fl, c.id), next);
    b.setBlock(next);
  }
  b.switch(ty, value, cases, dflt);
  fl.breakTargets.push(exit);
  fl.breakVlaDepths.push(fl.vlaSaves.length);
  b.setBlock(b.newBlock()); // code before the first label is unreachable
  lowerStmt(fl, s.body);
  fl.breakTargets.pop();
  fl.breakVlaDepths.pop();
  b.fallInto(exit);
}
