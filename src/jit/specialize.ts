// `mod.specialize('kernel', { n: 1024, stride: 4 })`: a new callable in
// which those parameters are constants and the function is re-optimised —
// constant propagation, dead branches gone, loops with now-constant trip
// counts, divisions by constants as multiplies (whatever the -O2 pipeline
// does with constants; see src/ir/pipeline.ts).
//
// Input: the module, how it was compiled (its source and options: the
// `origin` compile() records), the function and the values. Output: a
// module holding only the specialized function (plus private helpers the
// original dropped), loaded next to the original: every other function
// and every mutable global it refers to is the original's, so state is
// shared and function addresses stay unique; and the function bound for
// JS with the remaining parameters.
//
// The source is compiled again from the frontend on (files are read
// again); the unit that defines the function is the one specialized.

import { buildFrontendIr, buildObjectFromIr, limitsOf } from '../build.js';
import { translationUnits, type CacheOptions, type CompileInput } from '../cache/cached-build.js';
import type { BuildOptions } from '../build.js';
import type { LoadOptions } from '../loader/load.js';
import { closestName } from '../diagnostics.js';
import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import type { IrFunction, IrType, Operand } from '../ir/ir.js';
import { LoadError } from '../loader/errors.js';
import { loadObjectFile } from '../loader/load.js';
import type { CFunction, LoadedModule } from '../loader/module.js';
import { specializeUnit, stripUnit } from './specialize-ir.js';

export type BoundValue = number | bigint | boolean;

/** How a module was compiled: what compile() records for specialization and tiering. */
export interface CompileOrigin {
  readonly input: CompileInput;
  readonly options: BuildOptions & LoadOptions & CacheOptions;
}

/** A value for a parameter of C type `type`, checked; the IR constant for it. */
function constantFor(fnName: string, param: string, type: FfiType, irType: IrType, value: unknown): Operand {
  const where = `specialize: parameter '${param}' of '${fnName}'`;
  switch (type.kind) {
    case 'bool':
      if (typeof value !== 'boolean' && value !== 0 && value !== 1) throw new TypeError(`${where} is a _Bool: pass true, false, 0 or 1, got ${describe(value)}`);
      return { kind: 'int', value: value === true || value === 1 ? 1n : 0n };
    case 'int': case 'enum': {
      const size = type.size;
      const isSigned = type.kind === 'enum' || type.isSigned;
      if (!(typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)))) {
        throw new TypeError(`${where} is an integer (${type.name}): pass an integer number or a bigint, got ${describe(value)}`);
      }
      const v = BigInt(value);
      const bits = BigInt(size * 8);
      const lo = isSigned ? -(1n << (bits - 1n)) : 0n;
      const hi = isSigned ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
      if (v < lo || v > hi) throw new RangeError(`${where}: ${v} does not fit its type ${type.name} (${lo}..${hi})`);
      return { kind: 'int', value: BigInt.asIntN(64, v) };
    }
    case 'float':
      if (typeof value !== 'number' || irType === 'i64') throw new TypeError(`${where} is a floating-point number: pass a number, got ${describe(value)}`);
      return { kind: 'float', value: irType === 'f32' ? Math.fround(value) : value };
    default:
      throw new TypeError(`${where} cannot be specialized: only integer, enum, _Bool and floating-point parameters can be bound to constants`);
  }
}

function describe(v: unknown): string {
  return v === null ? 'null' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/**
 * The IR parameter of each C parameter that travels as one plain scalar,
 * or -1 (aggregates in pieces or in memory): `paramAbi` says how each IR
 * parameter travels, after an optional hidden result pointer.
 */
function irParamIndexes(fn: IrFunction, cParams: number): number[] {
  const abi = fn.paramAbi ?? [];
  let j = abi[0]?.kind === 'sret' ? 1 : 0;
  const out: number[] = [];
  for (let k = 0; k < cParams; k++) {
    const a = abi[j] ?? null;
    if (a === null) { out.push(j); j++; continue; }
    out.push(-1);
    j += a.kind === 'part' ? a.count : 1;
  }
  return out;
}

/** Checks `values` against the function's prototype: known names, bindable types. */
export function checkBoundValues(fnName: string, sig: FfiFunctionType, values: unknown): asserts values is Readonly<Record<string, BoundValue>> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new TypeError(`specialize: values must be an object of parameter names and values, got ${describe(values)}`);
  const names = sig.params.map((p) => p.name).filter((n): n is string => n !== null);
  const keys = Object.keys(values);
  if (keys.length === 0) throw new TypeError(`specialize: give at least one parameter of '${fnName}' to bind (its parameters: ${names.join(', ') || 'none'})`);
  for (const key of keys) {
    if (!names.includes(key)) {
      const best = closestName(key, names);
      throw new TypeError(`specialize: '${fnName}' has no parameter '${key}'${best ? ` (did you mean '${best}'?)` : ''}; its parameters: ${names.join(', ') || 'none'}`);
    }
  }
}

/** Compiles, loads and binds the specialization of `name` in `original`. */
export function specializeFunction(original: LoadedModule, origin: CompileOrigin, name: string, values: Readonly<Record<string, BoundValue>>, specName: string): { module: LoadedModule; fn: CFunction } {
  const sig = original.signatures.get(name);
  if (sig === undefined) throw new LoadError(`specialize: no C prototype recorded for '${name}'`);
  checkBoundValues(name, sig, values);
  if (sig.isVariadic) throw new TypeError(`specialize: '${name}' is variadic; only functions with fixed parameters can be specialized`);
  const options = origin.options;
  const units = translationUnits(origin.input, options.file ?? 'input.c', limitsOf(options).sourceBytes);
  for (const [unitIndex, unit] of units.entries()) {
    const buildOptions = { ...options, file: unit.file, optimize: Math.max(2, options.optimize ?? 1) };
    const ir = buildFrontendIr(unit.text, buildOptions).output;
    const fn = ir.functions.find((f) => f.name === name && f.linkage === 'export') ?? ir.functions.find((f) => f.name === name);
    if (fn === undefined) continue;
    const indexes = irParamIndexes(fn, sig.params.length);
    const bound = new Map<number, Operand>();
    sig.params.forEach((p, k) => {
      if (p.name === null || !(p.name in values)) return;
      const j = indexes[k]!;
      if (j < 0) throw new TypeError(`specialize: parameter '${p.name}' of '${name}' is passed as an aggregate and cannot be bound to a constant`);
      bound.set(j, constantFor(name, p.name, p.type, fn.params[j]!, values[p.name]));
    });
    specializeUnit(ir, name, specName, bound);
    // The original's names for this unit: merge.ts prefixes the locals of unit i > 0 with `i:`.
    const defined = new Set(original.symbolNames());
    const originalName = (n: string): string | null => {
      if (unitIndex > 0 && defined.has(`${unitIndex}:${n}`)) return `${unitIndex}:${n}`;
      return defined.has(n) ? n : null;
    };
    const object = buildObjectFromIr(ir, buildOptions, (m) => stripUnit(m, specName, (n) => originalName(n) !== null));
    const imports: Record<string, bigint> = {};
    for (const s of object.symbols) {
      if (s.section !== null) continue;
      const there = originalName(s.name);
      if (there !== null) imports[s.name] = original.symbol(there);
    }
    const module = loadObjectFile(object, {
      imports, link: [original], int64: options.int64, checkArgs: options.checkArgs, errno: options.errno,
      perfMap: options.perfMap, gdb: options.gdb, jitdump: options.jitdump, crashReports: options.crashReports, codeMemory: options.codeMemory,
    });
    const remaining: FfiFunctionType = { ...sig, params: sig.params.filter((p) => p.name === null || !(p.name in values)) };
    const bound$ = module.fn(specName, remaining);
    Object.defineProperty(bound$, 'name', { value: name });
    return { module, fn: bound$ };
  }
  throw new LoadError(`specialize: function '${name}' is not defined in the module's source`);
}
