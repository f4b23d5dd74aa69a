// math-builtins: calls to C library math functions that the hardware
// computes exactly become IR operations (float-math.ts gives their meaning).
//
// Input: a function. Output: for each direct call with the standard
// prototype to a function the module does not define itself:
//  - fabs, copysign, fmin, fmax (and their f forms) → fabs, fcopysign,
//    fmin, fmax: these never set errno (C11 7.12.7.2, 7.12.11.1, 7.12.12);
//  - floor, ceil, trunc → ffloor, fceil, ftrunc, and round → ftrunc plus an
//    adjustment (t = trunc x; t ± 1 when |x − t| ≥ ½, both exact), only when
//    the target has one-instruction rounding (PassSettings.hasRoundInstructions);
//  - sqrt, sqrtf → fsqrt, keeping the call for the one case where it must
//    set errno (C11 7.12.7.5 domain error, glibc's EDOM): the block is split,
//    `x < 0` branches to a block that calls the library and joins back,
//    as gcc does; the call's result becomes the join block's parameter, so
//    its uses stay valid. That block is marked cold for the layout.
// Nothing is done under -fno-builtin / -ffreestanding (PassSettings.builtins),
// where `sqrt` may be any function.

import type { Block, Inst, IrFunction, IrType, Operand } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue } from '../rewrite.js';
import { calleeName } from '../analysis/escape.js';

type Kind = 'unary' | 'binary' | 'round' | 'rounding' | 'sqrt';

type Entry = readonly [Inst['op'], Kind, IrType];

/** Library name → [IR op, kind, type]. */
const FUNCTIONS: ReadonlyMap<string, Entry> = new Map(
  (['f64', 'f32'] as const).flatMap((ty): [string, Entry][] => {
    const s = ty === 'f32' ? 'f' : '';
    return [
      [`fabs${s}`, ['fabs', 'unary', ty]],
      [`copysign${s}`, ['fcopysign', 'binary', ty]],
      [`fmin${s}`, ['fmin', 'binary', ty]],
      [`fmax${s}`, ['fmax', 'binary', ty]],
      [`floor${s}`, ['ffloor', 'rounding', ty]],
      [`ceil${s}`, ['fceil', 'rounding', ty]],
      [`trunc${s}`, ['ftrunc', 'rounding', ty]],
      [`round${s}`, ['ftrunc', 'round', ty]],
      [`sqrt${s}`, ['fsqrt', 'sqrt', ty]],
    ];
  }),
);

/**
 * The module's function names, made once per module and list of functions
 * rather than once per function pass run (that was quadratic in the number
 * of functions), and only for modules that call a math function at all.
 */
const namesByModule = new WeakMap<PassContext['module'], { readonly list: readonly unknown[]; readonly length: number; readonly names: ReadonlySet<string> }>();
function definedNames(module: PassContext['module']): ReadonlySet<string> {
  const known = namesByModule.get(module);
  if (known && known.list === module.functions && known.length === module.functions.length) return known.names;
  const names = new Set(module.functions.map((f) => f.name));
  namesByModule.set(module, { list: module.functions, length: module.functions.length, names });
  return names;
}

export const mathBuiltins: FunctionPass = {
  name: 'math-builtins',
  run(fn: IrFunction, ctx: PassContext): boolean {
    if (!ctx.settings.builtins) return false;
    let changed = false;
    /** The error-path calls sqrt keeps: never rewritten again. */
    const kept = new Set<Inst>();
    // Join blocks split off by sqrt come right after their block and are visited too.
    for (let b = 0; b < fn.blocks.length; b++) {
      const blk = fn.blocks[b]!;
      for (let i = 0; i < blk.insts.length; i++) {
        const inst = blk.insts[i]!;
        if (kept.has(inst)) continue;
        const name = calleeName(inst);
        const entry = name === null ? undefined : FUNCTIONS.get(name);
        if (entry && definedNames(ctx.module).has(name!)) continue;
        if (!entry || !hasPrototype(inst, entry[1], entry[2])) continue;
        const [op, kind, ty] = entry;
        if ((kind === 'rounding' || kind === 'round') && !ctx.settings.hasRoundInstructions) continue;
        changed = true;
        if (kind === 'sqrt') {
          kept.add(splitForSqrt(fn, blk, i, ty));
          break; // the rest of this block moved to the join block, visited later
        }
        const args = inst.args.slice(1);
        if (kind === 'round') {
          const extra = roundInsts(fn, args[0]!, ty, inst.result);
          blk.insts.splice(i, 1, ...extra);
          i += extra.length - 1;
          continue;
        }
        blk.insts[i] = { op, result: inst.result ?? newValue(fn, ty), ty, args, ...(inst.loc ? { loc: inst.loc } : {}) };
      }
    }
    return changed;
  },
};

function hasPrototype(inst: Inst, kind: Kind, ty: IrType): boolean {
  const n = kind === 'binary' ? 2 : 1;
  const tys = inst.argTys ?? [];
  return inst.fixedArgs === undefined && tys.length === n && tys.every((t) => t === ty) && (inst.result === null ? inst.ty === null : inst.ty === ty)
    && !inst.argAbi?.some((a) => a !== null);
}

/** round(x) = t + copysign(1, x) when |x − t| ≥ ½, else t, with t = trunc(x) (every step exact). */
function roundInsts(fn: IrFunction, x: Operand, ty: IrType, result: number | null): Inst[] {
  const v = (id: number): Operand => ({ kind: 'value', id });
  const make = (op: Inst['op'], args: Operand[], extra: Partial<Inst> = {}, id = newValue(fn, extra.ty ?? ty)): Inst => ({ op, result: id, ty, args, ...extra });
  const t = make('ftrunc', [x]);
  const d = make('fsub', [x, v(t.result!)]);
  const ad = make('fabs', [v(d.result!)]);
  const half = make('fcmp', [v(ad.result!), { kind: 'float', value: 0.5 }], { ty: 'i32', opTy: ty, cond: 'oge' });
  const one = make('fcopysign', [{ kind: 'float', value: 1 }, x]);
  const up = make('fadd', [v(t.result!), v(one.result!)]);
  const r = make('select', [v(half.result!), v(up.result!), v(t.result!)], { opTy: 'i32' }, result ?? newValue(fn, ty));
  return [t, d, ad, half, one, up, r];
}

/**
 * Splits `blk` at the sqrt call (index `at`):
 *   blk:   …; %s = fsqrt %x; %neg = fcmp olt %x, 0.0; br %neg, slow, join(%s)
 *   slow:  %r2 = call @sqrt(%x); jmp join(%r2)            (cold)
 *   join(%r): the instructions after the call; blk's old terminator
 */
/** Returns the library call left on the error path. */
function splitForSqrt(fn: IrFunction, blk: Block, at: number, ty: IrType): Inst {
  const call = blk.insts[at]!;
  const x = call.args[1]!;
  let nextId = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
  const loc = call.loc ? { loc: call.loc } : {};
  const s = newValue(fn, ty);
  const neg = newValue(fn, 'i32');
  const slowResult = call.result === null ? null : newValue(fn, ty);
  const slow: Block = {
    id: nextId++,
    params: [],
    insts: [{ ...call, result: slowResult, args: call.args.slice(), argTys: call.argTys!.slice() }],
    term: { kind: 'jmp', target: { block: -1, args: slowResult === null ? [] : [{ kind: 'value', id: slowResult }] } },
    isCold: true,
  };
  const join: Block = { id: nextId++, params: call.result === null ? [] : [call.result], insts: blk.insts.slice(at + 1), term: blk.term };
  if (blk.termLoc) join.termLoc = blk.termLoc;
  (slow.term as { target: { block: number } }).target.block = join.id;
  blk.insts = [
    ...blk.insts.slice(0, at),
    { op: 'fsqrt', result: s, ty, args: [x], ...loc },
    { op: 'fcmp', result: neg, ty: 'i32', opTy: ty, cond: 'olt', args: [x, { kind: 'float', value: 0 }], ...loc },
  ];
  blk.term = { kind: 'br', cond: { kind: 'value', id: neg }, then: { block: slow.id, args: [] }, else: { block: join.id, args: call.result === null ? [] : [{ kind: 'value', id: s }] } };
  delete blk.termLoc;
  const pos = fn.blocks.indexOf(blk);
  fn.blocks.splice(pos + 1, 0, join);
  fn.blocks.push(slow);
  return slow.insts[0]!;
}
