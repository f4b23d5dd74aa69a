// Argument and option checks at the public API's boundary, as koffi users
// expect: a wrong type is a TypeError, a value out of range a RangeError,
// and the message names the function, the option or parameter, what it
// must be and what it got. Without these checks a mistake surfaces deep
// inside the compiler as an InternalCompilerError blamed on jitcc, or is
// silently ignored (an unknown option key, `optimize: 99`).
//
// Input: whatever the caller passed. Output: nothing, or a thrown
// TypeError / RangeError. Each options table is checked by TypeScript to
// list every key of its interface (`satisfies`), so a new option cannot
// be forgotten here.

import type { JitOptions } from './jit/options.js';
import type { BuildOptions } from './build.js';
import { closestName } from './diagnostics.js';
import { DEFAULT_LIMITS, STD_NAMES } from './frontend/options.js';
import type { CacheOptions, CompileInput } from './cache/cached-build.js';
import type { LoadOptions } from './loader/load.js';
import { LoadedModule } from './loader/module.js';

type Check = (value: unknown, where: string) => void;

/** A value as a message shows it: short, and unambiguous about its type. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v instanceof Uint8Array ? 'a Uint8Array' : `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return String(v);
}

function typeError(where: string, what: string, v: unknown): never {
  throw new TypeError(`${where} must be ${what}, got ${describeValue(v)}`);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

const string: Check = (v, where) => { if (typeof v !== 'string') typeError(where, 'a string', v); };
const nonEmptyString: Check = (v, where) => { if (typeof v !== 'string' || v === '') typeError(where, 'a non-empty string', v); };
const boolean: Check = (v, where) => { if (typeof v !== 'boolean') typeError(where, 'true or false', v); };
const fn: Check = (v, where) => { if (typeof v !== 'function') typeError(where, 'a function', v); };

function arrayOf(element: Check, what: string): Check {
  return (v, where) => {
    if (!Array.isArray(v)) typeError(where, `an array of ${what}`, v);
    v.forEach((x, i) => element(x, `${where}[${i}]`));
  };
}

function oneOf(values: readonly string[]): Check {
  return (v, where) => {
    if (typeof v !== 'string') typeError(where, `one of ${values.map((x) => `'${x}'`).join(', ')}`, v);
    if (!values.includes(v)) throw new RangeError(`${where} must be one of ${values.map((x) => `'${x}'`).join(', ')}, got ${describeValue(v)}${didYouMean(v, values)}`);
  };
}

/** An integer in [min, max] (max may be Infinity). */
export function integerIn(min: number, max: number): Check {
  return (v, where) => {
    if (typeof v !== 'number') typeError(where, 'an integer', v);
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${where} must be an integer ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}, got ${describeValue(v)}`);
    }
  };
}

const defines: Check = (v, where) => {
  if (!isPlainObject(v)) typeError(where, 'an object of macro definitions', v);
  for (const [k, x] of Object.entries(v)) {
    if (!/^[A-Za-z_$][\w$]*(\(.*\))?$/.test(k)) throw new RangeError(`${where}: ${JSON.stringify(k)} is not a macro name`);
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') typeError(`${where}.${k}`, 'a string, number or boolean', x);
  }
};

const imports: Check = (v, where) => {
  if (!isPlainObject(v)) typeError(where, 'an object of bigint addresses and functions', v);
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'bigint' && typeof x !== 'function') typeError(`${where}.${k}`, 'a bigint address or a function', x);
  }
};

const modules: Check = (v, where) => {
  if (!Array.isArray(v)) typeError(where, 'an array of modules', v);
  v.forEach((m, i) => { if (!(m instanceof LoadedModule)) typeError(`${where}[${i}]`, 'a module returned by compile or loadObject', m); });
};

const limits: Check = (v, where) => {
  if (!isPlainObject(v)) typeError(where, 'an object of limits', v);
  const known = Object.keys(DEFAULT_LIMITS);
  for (const [k, x] of Object.entries(v)) {
    if (!known.includes(k)) throw new TypeError(`${where}: unknown limit '${k}'${didYouMean(k, known)}`);
    if (x !== undefined) integerIn(1, Number.MAX_SAFE_INTEGER)(x, `${where}.${k}`);
  }
};

export const buildChecks = {
  file: nonEmptyString,
  optimize: integerIn(0, 3),
  defines,
  undefines: arrayOf(nonEmptyString, 'macro names'),
  includePaths: arrayOf(string, 'directories'),
  std: oneOf(STD_NAMES),
  target: oneOf(['x86_64', 'aarch64']),
  debug: boolean,
  warnings: arrayOf(string, 'warning flags'),
  color: boolean,
  readFile: fn,
  onPass: fn,
  limits,
  timeoutMs: integerIn(0, 2 ** 31 - 1),
  cpuFeatures: arrayOf(nonEmptyString, 'instruction-set extension names'),
  builtins: boolean,
  signal: (v, where) => { if (!(v instanceof AbortSignal)) typeError(where, 'an AbortSignal', v); },
} satisfies Record<keyof BuildOptions, Check>;

export const cacheChecks = {
  cache: boolean,
  cacheDir: nonEmptyString,
} satisfies Record<keyof CacheOptions, Check>;

export const loadChecks = {
  imports,
  link: modules,
  libraries: arrayOf(nonEmptyString, 'library names'),
  int64: oneOf(['auto', 'number', 'bigint']),
  perfMap: boolean,
  gdb: boolean,
  jitdump: (v, where) => { if (typeof v !== 'boolean' && (typeof v !== 'string' || v === '')) typeError(where, 'a boolean or a directory path', v); },
  crashReports: boolean,
  checkArgs: boolean,
  errno: boolean,
  codeMemory: oneOf(['auto', 'memfd']),
} satisfies Record<keyof LoadOptions, Check>;

/** compile's JIT options (jit/options.ts); what names a function or parameter is checked once the module exists. */
export const jitChecks = {
  specialize: (v, where) => {
    if (!isPlainObject(v)) typeError(where, 'an object mapping function names to arrays of parameter names', v);
    for (const [k, x] of Object.entries(v)) {
      arrayOf(nonEmptyString, 'parameter names')(x, `${where}.${k}`);
      if ((x as unknown[]).length === 0) throw new TypeError(`${where}.${k}: name at least one parameter to promote`);
    }
  },
  tier: (v, where) => {
    if (v === 'auto') return;
    const what = "'auto' or { afterCalls: N } (N ≥ 0 calls from JS before the -O2 build starts)";
    if (!isPlainObject(v)) typeError(where, what, v);
    for (const key of Object.keys(v)) if (key !== 'afterCalls') throw new TypeError(`${where}: unknown key '${key}'; expected ${what}`);
    integerIn(0, 2 ** 31 - 1)(v.afterCalls, `${where}.afterCalls`);
  },
} satisfies Record<keyof JitOptions, Check>;

function didYouMean(name: string, known: readonly string[]): string {
  const best = closestName(name, known);
  return best === null ? '' : ` (did you mean '${best}'?)`;
}

/**
 * Checks `options` of the public function `fnName` against the union of
 * `tables`: an object (or undefined), no unknown key, every value valid.
 * Undefined values count as absent, as TypeScript's optional properties do.
 */
export function checkOptions(fnName: string, options: unknown, ...tables: Readonly<Record<string, Check>>[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) typeError(`${fnName}: options`, 'an object', options);
  const known = new Map<string, Check>();
  for (const table of tables) for (const [k, c] of Object.entries(table)) known.set(k, c);
  for (const key of Object.keys(options)) {
    const check = known.get(key);
    if (check === undefined) throw new TypeError(`${fnName}: unknown option '${key}'${didYouMean(key, [...known.keys()])}`);
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) check(value, `${fnName}: option '${key}'`);
  }
}

/** A source string, or `{ files, sources }` with at least one of them. */
export function checkCompileInput(fnName: string, source: unknown): asserts source is CompileInput {
  if (typeof source === 'string') return;
  const what = 'a C source string or { files, sources }';
  if (!isPlainObject(source)) typeError(`${fnName}: source`, what, source);
  for (const key of Object.keys(source)) {
    if (key !== 'files' && key !== 'sources') throw new TypeError(`${fnName}: source has an unknown key '${key}'; expected files or sources`);
  }
  if (source.files !== undefined) arrayOf(nonEmptyString, 'file paths')(source.files, `${fnName}: source.files`);
  if (source.sources !== undefined) {
    if (!isPlainObject(source.sources)) typeError(`${fnName}: source.sources`, 'an object mapping file names to C source strings', source.sources);
    for (const [k, v] of Object.entries(source.sources)) string(v, `${fnName}: source.sources[${JSON.stringify(k)}]`);
  }
}

/** The bytes of an object file. */
export function checkObjectBytes(fnName: string, bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) typeError(`${fnName}: bytes`, 'a Uint8Array or Buffer holding an ELF object', bytes);
}

/** A function parameter that must be a string (a symbol name, a prototype). */
export function checkString(where: string, v: unknown): asserts v is string {
  string(v, where);
}
