// The JS face of one bound C function: checks at the boundary before koffi
// converts anything, and the conversion of its result.
//
// Before the call: the module is not disposed; the argument count is the
// prototype's (koffi ignores extra arguments); every integer argument is an
// integer (number or bigint) that fits its C type — koffi would silently
// wrap 2**40 to 0 for an `int` and turn NaN into 0. A mistake is a
// TypeError (wrong count or type) or RangeError (a value that does not
// fit) naming the function, the parameter and the C type. `checkArgs:
// false` leaves only the disposed check and koffi's own, for speed.
// After the call: 64-bit integer results as the module's int64 mode says
// ('auto': a number while exact, a bigint beyond 2^53, as koffi gives
// them; 'number'; 'bigint'), and errno saved when the module asked for it.
//
// Input: koffi's callable and the C type. Output: a JS function. The common
// arities get fixed-parameter wrappers whose fast path is a few type tests
// (bench/calls.ts measures it); anything unusual takes the slow path, which
// finds and reports the culprit.

import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import { printFfiType } from '../link/ctypes.js';
import { LoadError } from './errors.js';
import { bindCallback, blockingMarker, type CallbackBinding, checkThreadMisuse, SYNC_DEPTH } from './callback-thunks.js';
import { getErrno, type Int64Mode, setErrno } from './ffi.js';

type JsFunction = (...args: unknown[]) => unknown;

/** Shared with the module: read before every call, written by dispose() and by calls that record errno. */
export interface CallState {
  readonly disposed: boolean;
  errno: number;
}

export interface GuardOptions {
  readonly checkArgs: boolean;
  readonly int64: Int64Mode;
  readonly recordErrno: boolean;
}

/** True when `v` may be passed for the parameter; false sends the call to the slow path. */
type ArgCheck = (v: unknown) => boolean;

const anything: ArgCheck = () => true;

function intRange(size: number, isSigned: boolean): { min: bigint; max: bigint } {
  const bits = BigInt(size * 8);
  return isSigned ? { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n } : { min: 0n, max: (1n << bits) - 1n };
}

/** The integer type a parameter is passed as, or null when koffi's own checks suffice. */
function integerParam(t: FfiType): { size: number; isSigned: boolean } | null {
  if (t.kind === 'int') return { size: t.size, isSigned: t.isSigned };
  // Enums are passed as int (ffi.ts).
  if (t.kind === 'enum') return { size: 4, isSigned: true };
  return null;
}

function integerCheck(size: number, isSigned: boolean): ArgCheck {
  const { min, max } = intRange(size, isSigned);
  const lo = Number(min), hi = Number(max);
  const other = (v: unknown): boolean => typeof v === 'bigint' ? v >= min && v <= max
    : typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  // The fast tests for the common types: int and unsigned as numbers.
  if (size === 4 && isSigned) return (v) => (typeof v === 'number' && (v | 0) === v) || other(v);
  if (size === 4) return (v) => (typeof v === 'number' && v >>> 0 === v) || other(v);
  return other;
}

interface ParamInfo {
  readonly check: ArgCheck;
  readonly describe: (v: unknown, fnName: string) => Error | null;
}

function paramInfo(t: FfiType, index: number, name: string | null | undefined): ParamInfo {
  const int = integerParam(t);
  if (int === null) return { check: anything, describe: () => null };
  const check = integerCheck(int.size, int.isSigned);
  const { min, max } = intRange(int.size, int.isSigned);
  const label = `argument ${index + 1}${name ? ` '${name}'` : ''} (${printFfiType(t)})`;
  return {
    check,
    describe: (v, fnName) => {
      if (check(v)) return null;
      if (typeof v !== 'number' && typeof v !== 'bigint') return new TypeError(`${fnName}: ${label} must be an integer (a number or a bigint), got ${show(v)}`);
      return new RangeError(`${fnName}: ${label} must be an integer from ${min} to ${max}, got ${show(v)}`);
    },
  };
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

function resultConversion(fn: FfiFunctionType, mode: Int64Mode): ((v: unknown) => unknown) | null {
  if (fn.ret.kind !== 'int' || fn.ret.size !== 8 || mode === 'auto') return null;
  // koffi gives a 64-bit integer as a number when it is exact, else as a bigint.
  return mode === 'bigint' ? (v) => BigInt(v as number | bigint) : (v) => Number(v as number | bigint);
}

/**
 * Checks `args` as the fast path would and throws the error describing the
 * first problem; returns normally when there is none.
 */
function diagnose(args: ArrayLike<unknown>, fn: FfiFunctionType, params: readonly ParamInfo[], name: string, state: CallState): void {
  if (state.disposed) throw new LoadError(`cannot call '${name}': module disposed`);
  const n = fn.params.length;
  if (fn.isVariadic ? args.length < n : args.length !== n) {
    const expected = fn.isVariadic ? `at least ${n}` : `${n}`;
    throw new TypeError(`${name}: expected ${expected} argument${n === 1 && !fn.isVariadic ? '' : 's'}, got ${args.length}`);
  }
  for (let i = 0; i < n; i++) {
    const err = params[i]!.describe(args[i], name);
    if (err !== null) throw err;
  }
}

/** The C function type a parameter points to, when it is a function pointer (a JS function may be passed). */
function pointedFunction(t: FfiType): FfiFunctionType | null {
  if (t.kind === 'function') return t.fn;
  if (t.kind === 'pointer' && t.to.kind === 'function') return t.to.fn;
  return null;
}

/**
 * Runs `run(args)` with each JS function passed for a function-pointer
 * parameter replaced by a transient callback thunk (callback-thunks.ts),
 * released when the call is over — synchronously, or when the promise
 * `run` returns settles.
 */
export function withCallbackArgs<T>(args: readonly unknown[], fn: FfiFunctionType, name: string, run: (args: unknown[]) => T): T {
  const bindings: CallbackBinding[] = [];
  const converted = args.map((a, i) => {
    const target = i < fn.params.length ? pointedFunction(fn.params[i]!.type) : null;
    if (target === null || typeof a !== 'function') return a;
    const b = bindCallback(a as JsFunction, `${name} argument ${i + 1}`, target, true);
    bindings.push(b);
    return b.address;
  });
  if (bindings.length === 0) return run(converted);
  const releaseAll = () => { for (const b of bindings) b.release(); };
  let result: T;
  try {
    result = run(converted);
  } catch (e) {
    releaseAll();
    throw e;
  }
  if (result instanceof Promise) return result.finally(releaseAll) as T;
  releaseAll();
  return result;
}

/**
 * `inner` marked as blocking the JavaScript thread while it runs (so that
 * callback thunks refuse other threads instead of deadlocking), with the
 * refusals reported after it. Fixed-arity forms for the common counts.
 */
function blockingCall(inner: JsFunction, arity: number, name: string): JsFunction {
  const m = blockingMarker();
  if (m === null) return inner;
  const after = () => { m[SYNC_DEPTH]!--; checkThreadMisuse(name, m); };
  switch (arity) {
    case 0: return function (this: unknown) { if (arguments.length !== 0) return rest([...arguments]); m[SYNC_DEPTH]!++; try { return inner(); } finally { after(); } };
    case 1: return function (this: unknown, a: unknown) { if (arguments.length !== 1) return rest([...arguments]); m[SYNC_DEPTH]!++; try { return inner(a); } finally { after(); } };
    case 2: return function (this: unknown, a: unknown, b: unknown) { if (arguments.length !== 2) return rest([...arguments]); m[SYNC_DEPTH]!++; try { return inner(a, b); } finally { after(); } };
    case 3: return function (this: unknown, a: unknown, b: unknown, c: unknown) { if (arguments.length !== 3) return rest([...arguments]); m[SYNC_DEPTH]!++; try { return inner(a, b, c); } finally { after(); } };
    default: return (...args: unknown[]) => rest(args);
  }
  function rest(args: unknown[]): unknown {
    m![SYNC_DEPTH]!++;
    try {
      return inner(...args);
    } finally {
      after();
    }
  }
}

/** Wraps `call` (koffi's function for the C function `name` of type `fn`). */
export function guardCall(call: JsFunction, name: string, fn: FfiFunctionType, state: CallState, opts: GuardOptions): JsFunction {
  const convert = resultConversion(fn, opts.int64);
  let inner = call;
  if (opts.recordErrno) {
    inner = (...args: unknown[]) => {
      setErrno(0);
      try {
        return call(...args);
      } finally {
        state.errno = getErrno();
      }
    };
  }
  const arity = fn.isVariadic ? -1 : fn.params.length;
  const blocking = blockingCall(inner, arity, name);
  const direct = convert === null ? blocking : (...args: unknown[]) => convert(blocking(...args));
  // JS functions for function-pointer parameters become callback thunks for the call.
  const hasCallbacks = fn.params.some((p) => pointedFunction(p.type) !== null);
  const invoke = hasCallbacks ? (...args: unknown[]) => withCallbackArgs(args, fn, name, (xs) => direct(...xs)) : direct;
  if (!opts.checkArgs) return uncheckedWrapper(invoke, hasCallbacks ? { ...fn, isVariadic: true } : fn, state, name);
  const params = fn.params.map((p, i) => paramInfo(p.type, i, p.name));
  const slow = (args: ArrayLike<unknown>): unknown => {
    diagnose(args, fn, params, name, state);
    return invoke(...Array.from(args));
  };
  if (fn.isVariadic || hasCallbacks) return (...args: unknown[]) => slow(args);
  const c = params.map((p) => p.check);
  switch (fn.params.length) {
    case 0: return function (this: unknown) { return state.disposed || arguments.length !== 0 ? slow(arguments) : invoke(); };
    case 1: {
      const [c0] = c as [ArgCheck];
      return function (this: unknown, a: unknown) {
        return state.disposed || arguments.length !== 1 || !c0(a) ? slow(arguments) : invoke(a);
      };
    }
    case 2: {
      const [c0, c1] = c as [ArgCheck, ArgCheck];
      return function (this: unknown, a: unknown, b: unknown) {
        return state.disposed || arguments.length !== 2 || !c0(a) || !c1(b) ? slow(arguments) : invoke(a, b);
      };
    }
    case 3: {
      const [c0, c1, c2] = c as [ArgCheck, ArgCheck, ArgCheck];
      return function (this: unknown, a: unknown, b: unknown, d: unknown) {
        return state.disposed || arguments.length !== 3 || !c0(a) || !c1(b) || !c2(d) ? slow(arguments) : invoke(a, b, d);
      };
    }
    case 4: {
      const [c0, c1, c2, c3] = c as [ArgCheck, ArgCheck, ArgCheck, ArgCheck];
      return function (this: unknown, a: unknown, b: unknown, d: unknown, e: unknown) {
        return state.disposed || arguments.length !== 4 || !c0(a) || !c1(b) || !c2(d) || !c3(e) ? slow(arguments) : invoke(a, b, d, e);
      };
    }
    default: return (...args: unknown[]) => slow(args);
  }
}

/**
 * Without argument checks: only the disposed flag. The common arities get
 * fixed-parameter wrappers (a rest/spread wrapper costs a quarter more per
 * call than koffi's own binding); other counts take the generic path, where
 * koffi still reports too few arguments.
 */
function uncheckedWrapper(call: JsFunction, fn: FfiFunctionType, state: CallState, name: string): JsFunction {
  const slow = (args: readonly unknown[]): unknown => {
    if (state.disposed) throw new LoadError(`cannot call '${name}': module disposed`);
    return call(...args);
  };
  switch (fn.isVariadic ? -1 : fn.params.length) {
    case 0: return function (this: unknown, ...rest: unknown[]) { return state.disposed || rest.length !== 0 ? slow(rest) : call(); };
    case 1: return function (this: unknown, a: unknown) { return state.disposed || arguments.length !== 1 ? slow([...arguments]) : call(a); };
    case 2: return function (this: unknown, a: unknown, b: unknown) { return state.disposed || arguments.length !== 2 ? slow([...arguments]) : call(a, b); };
    case 3: return function (this: unknown, a: unknown, b: unknown, c: unknown) { return state.disposed || arguments.length !== 3 ? slow([...arguments]) : call(a, b, c); };
    case 4: return function (this: unknown, a: unknown, b: unknown, c: unknown, d: unknown) { return state.disposed || arguments.length !== 4 ? slow([...arguments]) : call(a, b, c, d); };
    default: return (...args: unknown[]) => slow(args);
  }
}

/** The checks of `guardCall` for a call made another way (`f.async`): throws as the synchronous call would. */
export function checkCallArguments(args: readonly unknown[], name: string, fn: FfiFunctionType, state: CallState, opts: GuardOptions): void {
  if (!opts.checkArgs) return;
  diagnose(args, fn, fn.params.map((p, i) => paramInfo(p.type, i, p.name)), name, state);
}

/** The result conversion of `guardCall`, for results that arrive another way (`f.async`). */
export function int64Result(fn: FfiFunctionType, mode: Int64Mode): (v: unknown) => unknown {
  return resultConversion(fn, mode) ?? ((v) => v);
}
