// Releasing variable length array memory (C11 6.2.4p7: a VLA lives until
// execution leaves the scope of its declaration).
//
// Input: a compound statement whose items declare VLA objects (hidden
// pointers marked `isVlaStorage` by sema/vla.ts), and break/continue
// leaving such blocks. Output: a `stacksave` before each VLA allocation and a
// `stackrestore` on the block's normal exit and on break/continue/goto jumps
// out of the region, so a VLA in a loop body (or a goto loop) does not grow
// the stack each iteration.
// Invariant: fl.vlaSaves lists the saves of the enclosing VLA regions (one
// per VLA declaration, to the end of its block), innermost last; loop/switch
// targets record its length when pushed.

import type { TStmt } from '../sema/typed.js';
import type { FnLowerer } from './lower-function.js';
import { unreachable } from '../../diagnostics.js';

/** True when the block itself (not a nested one) declares a VLA object. */
export function declaresVla(items: readonly TStmt[]): boolean {
  return items.some((s) => s.kind === 'decl' && s.sym.isVlaStorage === true);
}

/**
 * Lowers a VLA-declaring block: each VLA declaration saves the stack just
 * before its allocation and opens a region lasting to the block's end, so
 * a jump back to before the declaration (same block) can free it too.
 */
export function lowerVlaBlock(fl: FnLowerer, items: readonly TStmt[], lowerItem: (s: TStmt) => void): void {
  const b = fl.b;
  const depth = fl.vlaSaves.length;
  for (const item of items) {
    if (item.kind === 'decl' && item.sym.isVlaStorage === true && !b.isTerminated) {
      const save = b.newValue('ptr');
      b.emit({ op: 'stacksave', result: save, ty: 'ptr', args: [] });
      fl.vlaSaves.push({ kind: 'value', id: save });
    }
    lowerItem(item);
  }
  const first = fl.vlaSaves[depth];
  fl.vlaSaves.length = depth;
  if (first && !b.isTerminated) b.emit({ op: 'stackrestore', result: null, ty: null, args: [first] });
}

/** Before a break/continue to a target pushed when `depth` VLA blocks were open: free the ones being left. */
export function restoreForJump(fl: FnLowerer, depth: number): void {
  const outermost = fl.vlaSaves[depth];
  if (outermost) fl.b.emit({ op: 'stackrestore', result: null, ty: null, args: [outermost] });
}

/** Per function: how many VLA blocks enclose each label (by label id). */
const labelDepths = new WeakMap<FnLowerer, ReadonlyMap<number, number>>();

/**
 * Before `goto`: free the VLA blocks the jump leaves. Sema rejects jumps into
 * a VLA's scope, so the label's VLA blocks are the outermost `depth` of ours.
 */
export function restoreForGoto(fl: FnLowerer, labelId: number): void {
  // No VLA block open: nothing to free, and no need to walk the body for label depths.
  if (fl.vlaSaves.length === 0) return;
  let depths = labelDepths.get(fl);
  if (!depths) {
    const found = new Map<number, number>();
    collectLabelDepths(fl.fn.body, 0, found);
    depths = found;
    labelDepths.set(fl, depths);
  }
  const depth = depths.get(labelId);
  if (depth !== undefined && depth < fl.vlaSaves.length) restoreForJump(fl, depth);
}

function collectLabelDepths(s: TStmt, depth: number, out: Map<number, number>): void {
  switch (s.kind) {
    case 'compound': {
      let inner = depth;
      for (const item of s.items) {
        if (item.kind === 'decl' && item.sym.isVlaStorage === true) inner++;
        collectLabelDepths(item, inner, out);
      }
      return;
    }
    case 'label': out.set(s.label.id, depth); collectLabelDepths(s.body, depth, out); return;
    case 'caseLabel': collectLabelDepths(s.body, depth, out); return;
    case 'if': collectLabelDepths(s.then, depth, out); if (s.else) collectLabelDepths(s.else, depth, out); return;
    case 'while': case 'doWhile': case 'switch': collectLabelDepths(s.body, depth, out); return;
    case 'for': if (s.init) collectLabelDepths(s.init, depth, out); collectLabelDepths(s.body, depth, out); return;
    case 'expr': case 'decl': case 'goto': case 'gotoExpr': case 'break': case 'continue': case 'return': case 'empty': case 'asm': return;
    default: unreachable(s, 'statement');
  }
}
