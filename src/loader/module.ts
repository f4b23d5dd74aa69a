// A loaded module: code and data of one object, mapped, relocated and
// protected, plus the C signatures needed to call into it from JavaScript.
// This is the public face of `compile()`'s result.
//
// Input (from load.ts): the mapped regions, symbol addresses, signatures and
// the callbacks registered for JS imports. Output: callable JS functions
// (`fn`) and addresses (`symbol`).
// Invariants: after `dispose()` no JS function handed out by `fn` reaches
// native code again (each checks the flag first), and the pages are unmapped
// exactly once, by `dispose()` or, for modules dropped without it, by a
// FinalizationRegistry. A module stays alive while any function from `fn`
// does, and keeps the modules it links against alive, so code never runs
// after its pages are gone.

import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import { LoadError } from './errors.js';
import { type CallState, checkCallArguments, guardCall, int64Result, withCallbackArgs } from './call-guard.js';
import { bindCallback, type CallbackBinding } from './callback-thunks.js';
import { bindFunctionAsync, finalizeDso, type Int64Mode, processSymbolAt, readNative } from './ffi.js';
import { bindSync } from './shared-call.js';
import type { CodeInfo } from './code-info.js';
import { codeTools, type DisassemblyOptions } from './code-tools.js';
import { generateDts } from './dts.js';
import { GlobalVariable } from './globals.js';
import type { MemoryRegion } from './memory.js';
import { parsePrototype } from './prototype.js';
import { MAIN_TYPE, runMainWith } from './run-main.js';

/** What must be released when a module goes away; shared with the GC finalizer, so it must not reference the module. */
export interface ModuleResources {
  readonly regions: MemoryRegion[];
  /** JS functions made callable from C: imports and `callback()`s (callback-thunks.ts). */
  readonly callbacks: CallbackBinding[];
  /** The module's dso handles for atexit-style registrations (libc-nonshared.ts): finalized before unmapping. */
  readonly dsoHandles: bigint[];
  /** Undo registrations of the code with debuggers and profilers (code-tools.ts): run before unmapping. */
  readonly unregister: (() => void)[];
}

export interface ModuleInit {
  readonly resources: ModuleResources;
  readonly definitions: ReadonlyMap<string, bigint>;
  readonly exports: ReadonlyMap<string, bigint>;
  /** Names of symbols defined in executable sections: the only ones `fn` will call (anything else would fault). */
  readonly codeSymbols: ReadonlySet<string>;
  readonly signatures: ReadonlyMap<string, FfiFunctionType>;
  /** C types of global objects (from the frontend; empty for foreign objects). */
  readonly globalTypes: ReadonlyMap<string, FfiType>;
  /** Symbols defined in loaded data sections, and whether their pages stay writable (.data/.bss) or not (.rodata). */
  readonly dataSymbols: ReadonlyMap<string, { readonly isWritable: boolean }>;
  readonly int64: Int64Mode;
  /** Check call arguments (call-guard.ts). */
  readonly checkArgs: boolean;
  /** Record errno around calls, for `errno`. */
  readonly recordErrno: boolean;
  readonly linked: readonly LoadedModule[];
  /** .fini_array entries, already in the order they run at dispose. */
  readonly finalizers: readonly bigint[];
  /** Facts about the loaded machine code, for disassembly and debuggers (null when nothing was loaded). */
  readonly code: CodeInfo | null;
  /** How the module was compiled (source and options, opaque here), for `specialize`; absent for loaded objects. */
  readonly origin?: unknown;
  /** Functions whose listed parameters are promoted to constants at their first call (compile's `specialize` option). */
  readonly specializeOnCall?: ReadonlyMap<string, readonly string[]>;
  /** A tiered module's switchboard (jit/tier.ts): where its functions are reached, which tier runs. */
  readonly tiering?: TierHooks;
}

/**
 * What the loader asks a tiered module (compile's `tier` option, jit/tier.ts):
 * its functions are reached through stubs whose targets switch from the
 * first tier's code to the second's, so JS bindings, `symbol()` and modules
 * linking against it use the stubs, never the code behind them.
 */
export interface TierHooks {
  /**
   * Called once by the loader with the first tier's own addresses, code and
   * text segment (its code and call stubs, whole pages), before anything
   * (constructors included) can call it.
   */
  attach(definitions: ReadonlyMap<string, bigint>, code: CodeInfo | null, textSegment: { readonly address: bigint; readonly size: number } | null): void;
  /** The address callers use for function `name` (its stub), or undefined for what has none (data). */
  addressOf(name: string): bigint | undefined;
  /** Counts a call from JS (tiering may start after N calls). */
  onCall(): void;
  /** The tier function `name` runs in now: 0 or 2. */
  tierOf(name: string): number;
  /** Settles when the second tier runs (or could not be built). */
  whenTiered(): Promise<void>;
  /** The module holding the second tier's code once it runs (for `disassemble`), else null. */
  secondTier(): LoadedModule | null;
  /** Drops the second tier and the stubs; before the first tier is unmapped. */
  dispose(): void;
}

/**
 * Async calls in flight per epoch, across all modules: a tiered module that
 * switched to new code waits for every call that may still run the old
 * code (`asyncCallsDrained`) before unmapping it. Synchronous calls need no
 * count: the switch runs in its own event-loop task, never during one.
 */
let asyncEpoch = 0;
const asyncInFlight = new Map<number, number>();
const drainWaiters: { readonly epoch: number; readonly resolve: () => void }[] = [];

function asyncCallStarted(): number {
  asyncInFlight.set(asyncEpoch, (asyncInFlight.get(asyncEpoch) ?? 0) + 1);
  return asyncEpoch;
}

function asyncCallEnded(epoch: number): void {
  const n = (asyncInFlight.get(epoch) ?? 1) - 1;
  if (n > 0) asyncInFlight.set(epoch, n);
  else asyncInFlight.delete(epoch);
  for (let i = drainWaiters.length - 1; i >= 0; i--) {
    const w = drainWaiters[i]!;
    if (![...asyncInFlight.keys()].some((e) => e <= w.epoch)) {
      drainWaiters.splice(i, 1);
      w.resolve();
    }
  }
}

/** Settles once every async call (of any module) started before this call has settled. */
export function asyncCallsDrained(): Promise<void> {
  const epoch = asyncEpoch++;
  if (![...asyncInFlight.keys()].some((e) => e <= epoch)) return Promise.resolve();
  return new Promise((resolve) => drainWaiters.push({ epoch, resolve }));
}

type JsFunction = (...args: unknown[]) => unknown;

/** A JS function callable from C until released (`LoadedModule.callback`). */
export interface CCallback {
  /** The C function pointer. */
  readonly address: bigint;
  /** Ends its life early (dispose() releases the rest); idempotent. */
  release(): void;
}

/**
 * A C function bound for JS. `async(...args)` runs the call on koffi's
 * thread pool and returns a Promise; see `fn` for the thread-safety rules.
 */
export interface CFunction extends JsFunction {
  async(...args: unknown[]): Promise<unknown>;
}

/** Symbol names are strings; anything else is the caller's mistake, reported as koffi would. */
function checkName(method: string, name: unknown): void {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`${method}: name must be a non-empty string, got ${typeof name === 'string' ? 'an empty string' : name === null ? 'null' : typeof name}`);
  }
}

/** A canonical text of bound values (bigint and number spell the same integer alike). */
function specializationKey(values: unknown): string {
  if (typeof values !== 'object' || values === null) return String(values);
  return Object.keys(values).sort().map((k) => {
    const v = (values as Record<string, unknown>)[k];
    return `${k}=${typeof v === 'bigint' ? v.toString() : typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : String(v)}`;
  }).join(',');
}

function release(res: ModuleResources): void {
  // Like dlclose: run the module's pending atexit handlers while their code is still mapped.
  for (const dso of res.dsoHandles.splice(0)) finalizeDso(dso);
  for (const undo of res.unregister.splice(0)) undo();
  for (const cb of res.callbacks.splice(0)) cb.release();
  for (const region of res.regions.splice(0)) region.free();
}

/**
 * Unmaps modules that became garbage without `dispose()`. A failure here has
 * no caller to report to, and throwing from a finalizer would crash the
 * process, so it is swallowed (munmap of our own mapping does not fail).
 */
const finalizer = new FinalizationRegistry<ModuleResources>((res) => {
  try {
    release(res);
  } catch {
    // nothing sensible to do
  }
});

const VOID_FN: FfiFunctionType = { ret: { kind: 'void' }, params: [], isVariadic: false };

export class LoadedModule {
  private disposed = false;
  /** Read by every bound function before it calls (call-guard.ts): shared state, not `this`, keeps those closures small. */
  private readonly liveness: CallState & { disposed: boolean } = { disposed: false, errno: 0 };
  private readonly fnCache = new Map<string, CFunction>();
  /** Calls started with `fn(…).async` that have not settled: the code must stay mapped until they do. */
  private pendingAsync = 0;
  /** Modules linked against this one (weakly held: a dependent may be collected). */
  private readonly dependents = new Set<WeakRef<LoadedModule>>();
  /** Modules made from this one (specializations): disposed with it, first. */
  private readonly owned: LoadedModule[] = [];
  /** Specialized functions by name and bound values. */
  private readonly specializations = new Map<string, CFunction>();

  /** Not for users: modules come from `loadObject`. */
  constructor(private readonly init: ModuleInit) {
    finalizer.register(this, init.resources, this);
    for (const m of init.linked) m.dependents.add(new WeakRef(this));
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * C's `errno` right after the most recent call of a function from `fn`
   * (0 when that call left it alone: it is cleared before each call). Only
   * with the `errno: true` option, which makes each call record it; the
   * value belongs to this module, not to libc, so later JS work cannot
   * change it. Calls made through `f.async` run on other threads and do not
   * record it.
   */
  get errno(): number {
    if (!this.init.recordErrno) throw new LoadError("errno is recorded only for modules loaded with the option { errno: true }");
    return this.liveness.errno;
  }

  /**
   * A JS function calling the C function `name`. Its C type comes from the
   * object's recorded signatures, or from `prototype` (C syntax, e.g.
   * 'int add(int a, int b)') or as an FfiFunctionType (e.g. another
   * module's `signatures.get(name)`, which knows struct layouts), which
   * takes precedence when given.
   *
   * A JS function passed for a function-pointer parameter is a callback
   * valid while this call runs. C may call it from any thread: from the
   * JavaScript thread directly, from another thread through the
   * JavaScript thread (that thread waits) — except while JavaScript is
   * blocked in this synchronous call, which would deadlock: then C gets 0
   * and the call throws an Error once it returns (use `f.async`). Called
   * after the call has returned, it gives C 0 and Node a
   * JITCC_STALE_CALLBACK warning, never a crash (x86-64; callback-thunks.ts).
   * For a callback C keeps, use `callback()` or an `imports` entry.
   *
   * `f.async(...args)` runs the call on koffi's thread pool and returns a
   * Promise, so a long computation does not block the event loop. Rules:
   * JS callbacks it calls run on the JavaScript thread (the C thread
   * waits), the C code must be safe to run concurrently with other calls
   * into the module (globals are shared, not locked), and the buffers it
   * gets must not be used from JS until the promise settles. `dispose()`
   * refuses to run while such calls are pending.
   */
  fn(name: string, prototype?: string | FfiFunctionType): CFunction {
    checkName('fn', name);
    if (prototype !== undefined && typeof prototype !== 'string' && (typeof prototype !== 'object' || prototype === null || !Array.isArray((prototype as FfiFunctionType).params))) {
      throw new TypeError(`fn: prototype must be a C prototype string or an FfiFunctionType, got ${prototype === null ? 'null' : typeof prototype}`);
    }
    this.checkLive(`cannot bind '${name}'`);
    const key = prototype === undefined ? name : typeof prototype === 'string' ? `${name}\0${prototype}` : `${name}\0${JSON.stringify(prototype)}`;
    const cached = this.fnCache.get(key);
    if (cached) return cached;
    const defined = this.init.definitions.get(name);
    if (defined === undefined) throw new LoadError(`function '${name}' is not defined in this module`);
    if (!this.init.codeSymbols.has(name)) throw new LoadError(`'${name}' is not defined in executable code, so it cannot be called; use symbol('${name}')`);
    const tiering = this.init.tiering;
    // A tiered module's functions are called through their stubs, which follow the current tier.
    const address = tiering?.addressOf(name) ?? defined;
    const type = this.signatureOf(name, prototype);
    const guardOptions = { checkArgs: this.init.checkArgs, int64: this.init.int64, recordErrno: this.init.recordErrno };
    const bound = bindSync(address, name, type);
    const counted = tiering === undefined ? bound : (...args: unknown[]) => { tiering.onCall(); return bound(...args); };
    const guarded = guardCall(counted, name, type, this.liveness, guardOptions) as CFunction;
    Object.defineProperty(guarded, 'name', { value: name });
    let callAsync: ((...args: unknown[]) => Promise<unknown>) | null = null;
    guarded.async = async (...args: unknown[]): Promise<unknown> => {
      if (this.disposed) throw new LoadError(`cannot call '${name}': module disposed`);
      checkCallArguments(args, name, type, this.liveness, guardOptions);
      callAsync ??= bindFunctionAsync(address, name, type);
      const run = callAsync;
      this.pendingAsync++;
      const epoch = asyncCallStarted();
      tiering?.onCall();
      try {
        return int64Result(type, this.init.int64)(await withCallbackArgs(args, type, name, (xs) => run(...xs)));
      } finally {
        this.pendingAsync--;
        asyncCallEnded(epoch);
      }
    };
    const promoted = prototype === undefined ? this.init.specializeOnCall?.get(name) : undefined;
    const result = promoted === undefined ? guarded : codeTools('specialize').promoteOnFirstCall(this, name, type, promoted, guarded);
    this.fnCache.set(key, result);
    return result;
  }

  /**
   * A function like `fn(name)` in which the parameters named in `values`
   * are the given constants, recompiled from the module's source and
   * optimised for them (constant propagation, dead branches, loops with
   * constant trip counts unrolled, divisions by constants as multiplies). It
   * takes the remaining parameters, in order. Globals and other functions
   * are this module's (shared state). Cached per function and values;
   * disposed with this module. Only for modules from `compile`; integer,
   * enum, _Bool and floating-point parameters can be bound.
   */
  specialize(name: string, values: Readonly<Record<string, number | bigint | boolean>>): CFunction {
    checkName('specialize', name);
    this.checkLive(`cannot specialize '${name}'`);
    if (this.init.origin === undefined) throw new LoadError('specialize: only modules from compile() can be specialized (jitcc recompiles their source)');
    if (!this.init.codeSymbols.has(name)) throw new LoadError(`function '${name}' is not defined in this module`);
    const key = `${name}\0${specializationKey(values)}`;
    const cached = this.specializations.get(key);
    if (cached !== undefined) return cached;
    // A name of its own for debuggers, profilers and disassemble: kernel.spec.1, kernel.spec.2…
    const specName = `${name}.spec.${[...this.specializations.keys()].filter((k) => k.startsWith(`${name}\0`)).length + 1}`;
    const made = codeTools('specialize').specialize(this, this.init.origin, name, values, specName);
    this.owned.push(made.module);
    this.specializations.set(key, made.fn);
    return made.fn;
  }

  /**
   * Runs the program's `main` as `tcc -run` does: `main(argc, argv)` with
   * argv = [programName, ...args], then flushes C stdio. Returns the exit
   * status (main's value & 0xff). A program calling `exit()` ends the Node
   * process, as it would end its own (run-main.ts).
   */
  runMain(args: readonly string[] = [], programName = 'a.out'): number {
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) throw new TypeError('runMain: args must be an array of strings');
    if (typeof programName !== 'string') throw new TypeError(`runMain: programName must be a string, got ${typeof programName}`);
    this.checkLive('cannot run main');
    if (!this.init.codeSymbols.has('main')) throw new LoadError("this module defines no function 'main'");
    return runMainWith(this.fn('main', MAIN_TYPE), [programName, ...args]);
  }

  /**
   * Makes `jsFn` a C function that C may keep: store, call later, call from
   * its own threads. Valid until `release()` or this module's `dispose()`,
   * whichever comes first; afterwards calls from C get 0 and Node a
   * JITCC_STALE_CALLBACK warning (x86-64). Pass `address` (a bigint) for
   * a function-pointer parameter or store it in a global. Calls from other
   * threads run on the JavaScript thread while that thread waits — refused
   * (C gets 0) while JavaScript is blocked in a synchronous call, which
   * would deadlock; see `fn`. `prototype` is its C type, as for `fn`:
   * 'int cmp(const void *a, const void *b)' or an FfiFunctionType.
   */
  // `any`: as for the imports option, a typed callback such as `(x: number) => number` must be accepted.
  callback(jsFn: (...args: any[]) => unknown, prototype: string | FfiFunctionType): CCallback {
    if (typeof jsFn !== 'function') throw new TypeError(`callback: jsFn must be a function, got ${jsFn === null ? 'null' : typeof jsFn}`);
    if (typeof prototype !== 'string' && (typeof prototype !== 'object' || prototype === null || !Array.isArray((prototype as FfiFunctionType).params))) {
      throw new TypeError(`callback: prototype must be a C prototype string or an FfiFunctionType, got ${prototype === null ? 'null' : typeof prototype}`);
    }
    this.checkLive('cannot make a callback');
    const parsed = typeof prototype === 'string' ? parsePrototype(prototype) : { name: 'callback', fn: prototype };
    if (parsed.fn.isVariadic) throw new LoadError(`callback: '${parsed.name}' is variadic; variadic functions cannot be callbacks`);
    const binding = bindCallback(jsFn, parsed.name, parsed.fn, false);
    const owned = this.init.resources.callbacks;
    owned.push(binding);
    return {
      address: binding.address,
      release: () => {
        const i = owned.indexOf(binding);
        if (i >= 0) owned.splice(i, 1);
        binding.release();
      },
    };
  }

  /** The absolute address of a symbol this module defines (usable with koffi or as a C pointer argument). */
  symbol(name: string): bigint {
    checkName('symbol', name);
    this.checkLive(`cannot look up '${name}'`);
    const address = this.init.definitions.get(name);
    if (address === undefined) throw new LoadError(`symbol '${name}' is not defined in this module`);
    return this.init.tiering?.addressOf(name) ?? address;
  }

  /**
   * The tier function `name` runs in now — 0 (the quick -O0 code) or 2 (the
   * -O2 code that replaced it) — for modules compiled with `tier`.
   */
  tier(name: string): number {
    checkName('tier', name);
    this.checkLive(`cannot ask for the tier of '${name}'`);
    if (this.init.tiering === undefined) throw new LoadError("tier: this module was not compiled with the 'tier' option");
    if (!this.init.codeSymbols.has(name)) throw new LoadError(`function '${name}' is not defined in this module`);
    return this.init.tiering.tierOf(name);
  }

  /**
   * For modules compiled with `tier`: settles once the -O2 code runs (at
   * once if it does already). It rejects when the second tier could not be
   * built; the module then keeps running its first tier.
   */
  whenTiered(): Promise<void> {
    if (this.init.tiering === undefined) return Promise.reject(new LoadError("whenTiered: this module was not compiled with the 'tier' option"));
    return this.init.tiering.whenTiered();
  }

  /**
   * A handle on the C global variable `name`: `.value` reads and writes it
   * in place, `.array` views a C array as a typed array (globals.ts). Its C
   * type is the one the frontend recorded; for objects from other compilers
   * pass it as `type` (e.g. `{ kind: 'int', size: 4, isSigned: true, name: 'int' }`).
   */
  global(name: string, type?: FfiType): GlobalVariable {
    checkName('global', name);
    if (type !== undefined && (typeof type !== 'object' || type === null || typeof (type as { kind?: unknown }).kind !== 'string')) {
      throw new TypeError(`global: type must be an FfiType such as { kind: 'int', size: 4, isSigned: true, name: 'int' }, got ${type === null ? 'null' : typeof type}`);
    }
    this.checkLive(`cannot look up global '${name}'`);
    const address = this.init.definitions.get(name);
    const data = this.init.dataSymbols.get(name);
    if (address === undefined) throw new LoadError(`global '${name}' is not defined in this module`);
    if (data === undefined) throw new LoadError(`'${name}' is not a variable in this module's data`);
    const recorded = type ?? this.init.globalTypes.get(name);
    if (recorded === undefined) throw new LoadError(`no C type recorded for global '${name}'; pass one to global()`);
    return new GlobalVariable({ name, address, type: recorded, isWritable: data.isWritable }, this.init.int64, (what) => this.checkLive(what));
  }

  /**
   * The machine code of function `name` (or of every function when no name
   * is given) as text, decoded by jitcc's own disassembler from the bytes in
   * memory: one line per instruction with its address and bytes, in the
   * syntax of `objdump -d` (Intel syntax on x86-64), with the source file
   * and line above each run of instructions when the module was compiled
   * with `debug: true`. Options: `bytes: false` leaves out the bytes,
   * `lines: false` the source lines.
   */
  disassemble(name?: string, options: DisassemblyOptions = {}): string {
    if (name !== undefined) checkName('disassemble', name);
    if (typeof options !== 'object' || options === null) throw new TypeError(`disassemble: options must be an object, got ${options === null ? 'null' : typeof options}`);
    for (const [k, v] of Object.entries(options)) {
      if (k !== 'bytes' && k !== 'lines') throw new TypeError(`disassemble: unknown option '${k}' (known: bytes, lines)`);
      if (v !== undefined && typeof v !== 'boolean') throw new TypeError(`disassemble: option '${k}' must be a boolean, got ${typeof v}`);
    }
    this.checkLive('cannot disassemble');
    const owner = name === undefined ? undefined : this.owned.find((m) => m.init.code?.functions.some((f) => f.name === name));
    if (owner !== undefined) return owner.disassemble(name, options);
    // A tiered module shows the code that runs now.
    const current = this.init.tiering?.secondTier();
    if (current !== undefined && current !== null) return current.disassemble(name, options);
    const code = this.init.code;
    if (name !== undefined && (code === null || !code.functions.some((f) => f.name === name))) {
      throw new LoadError(this.init.definitions.has(name) ? `'${name}' is not a function in this module's code` : `function '${name}' is not defined in this module`);
    }
    if (code === null) return '';
    return codeTools('disassemble').disassemble(code, { read: readNative, symbolAt: processSymbolAt }, name, options);
  }

  /** The recorded C prototypes of this module's functions (defined and declared), by name. */
  get signatures(): ReadonlyMap<string, FfiFunctionType> {
    return this.init.signatures;
  }

  /** TypeScript declarations for this module's external functions and globals (dts.ts; what `jitcc --emit-dts` writes). */
  get dts(): string {
    return generateDts({ signatures: this.init.signatures, globalTypes: this.init.globalTypes, defined: new Set(this.init.exports.keys()), int64: this.init.int64 });
  }

  /** The recorded C types of this module's global objects, by name. */
  get globalTypes(): ReadonlyMap<string, FfiType> {
    return this.init.globalTypes;
  }

  /** Names of the symbols this module defines, sorted. */
  symbolNames(): string[] {
    return [...this.init.definitions.keys()].sort();
  }

  /**
   * Runs the module's .fini_array destructors, unmaps its memory and releases
   * the callbacks made for JS imports. Afterwards every function from `fn`
   * throws. Modules that link against this one must be disposed first.
   * Calling dispose twice is harmless.
   */
  dispose(): void {
    if (this.disposed) return;
    if (this.pendingAsync > 0) throw new LoadError(`cannot dispose a module while ${this.pendingAsync} async call(s) into it are running`);
    for (const m of this.owned.splice(0).reverse()) m.dispose();
    this.specializations.clear();
    const live = [...this.dependents].map((w) => w.deref()).filter((m): m is LoadedModule => m !== undefined && !m.disposed);
    if (live.length > 0) {
      throw new LoadError(`cannot dispose a module that ${live.length} loaded module(s) link against; dispose them first`);
    }
    try {
      for (const f of this.init.finalizers) if (f !== 0n && f !== (1n << 64n) - 1n) bindSync(f, 'fini_array entry', VOID_FN)();
    } finally {
      this.disposed = true;
      this.liveness.disposed = true;
      finalizer.unregister(this);
      try {
        // After the destructors, which may call through the stubs; before the first tier's memory goes.
        this.init.tiering?.dispose();
      } finally {
        release(this.init.resources);
        this.fnCache.clear();
      }
    }
  }

  /** For load.ts: the address of a global or weak symbol this module exports, if any. */
  exportedSymbol(name: string): bigint | undefined {
    this.checkLive(`cannot link against it for '${name}'`);
    const address = this.init.exports.get(name);
    return address === undefined ? undefined : this.init.tiering?.addressOf(name) ?? address;
  }

  private signatureOf(name: string, prototype: string | FfiFunctionType | undefined): FfiFunctionType {
    if (prototype !== undefined && typeof prototype !== 'string') return prototype;
    if (prototype !== undefined) {
      const parsed = parsePrototype(prototype);
      if (parsed.name !== name) throw new LoadError(`prototype '${prototype}' declares '${parsed.name}', not '${name}'`);
      return parsed.fn;
    }
    const recorded = this.init.signatures.get(name);
    if (recorded === undefined) {
      throw new LoadError(`no C prototype recorded for '${name}'; pass one, e.g. fn('${name}', 'int ${name}(int)')`);
    }
    return recorded;
  }

  private checkLive(what: string): void {
    if (this.disposed) throw new LoadError(`${what}: module disposed`);
  }
}
