// Tiering: compile(src, { tier: 'auto' }) returns a module at once from a
// quick -O0 build, and swaps in -O2 code built on a worker thread when it
// is ready ('auto') or after the module's functions were called N times
// from JS ({ afterCalls: N }), without callers noticing.
//
//   - Every function of the module is reached through a stub
//     (stub-table.ts) that jumps through a slot. JS bindings, `symbol()`,
//     modules linking against this one, every function pointer the C code
//     takes, and the first tier's own calls between its functions use the
//     stubs (tier-ir.ts); the second tier calls its own code directly.
//     Switching is one store per slot.
//   - The -O2 build refers to the -O0 build's mutable data, so the program
//     has one state; its own read-only data are copies.
//   - Calls in flight finish on the old code (and their calls to other
//     functions of the module already reach the new code): nothing new
//     enters it after the switch (only stubs and JS calls enter a tier, and
//     the switch runs in an event-loop task of its own, never during a
//     synchronous call), and once every async call started before the
//     switch has settled, the old code's pages — the first tier's whole
//     text segment — are discarded (made inaccessible, their memory given
//     back). Threads the C code starts itself are not tracked.
//
// Input: the source (its units read once, so both tiers see the same text)
// and the options. Output: the first tier's LoadedModule with this
// controller as its TierHooks; `mod.tier(f)` reports 0 or 2.

import { limitsOf } from '../build.js';
import { translationUnits } from '../cache/cached-build.js';
import { readElf } from '../link/elf/read.js';
import type { ObjectFile } from '../link/object.js';
import type { CodeInfo } from '../loader/code-info.js';
import { LoadError } from '../loader/errors.js';
import { discardPages } from '../loader/ffi.js';
import { loadObjectFile, type ModuleOrigin } from '../loader/load.js';
import { asyncCallsDrained, type LoadedModule, type TierHooks } from '../loader/module.js';
import type { CompileOrigin } from './specialize.js';
import { StubTable } from './stub-table.js';
import { buildTier, type TierUnit } from './tier-build.js';
import { stubSymbol } from './tier-ir.js';
import { buildSecondTier } from './tier-worker-client.js';
import type { TierOption } from './options.js';


/** Releases a controller's stubs when its module was collected without dispose(). */
const stubFinalizer = new FinalizationRegistry<StubTable>((stubs) => {
  try { stubs.region.free(); } catch { /* nothing to report to */ }
});

class TierController implements TierHooks {
  private tier: 0 | 2 = 0;
  private firstTier: ReadonlyMap<string, bigint> | null = null;
  private firstText: { readonly address: bigint; readonly size: number } | null = null;
  private second: LoadedModule | null = null;
  private isStarted = false;
  private isDisposed = false;
  private calls = 0;
  private readonly settled: Promise<void>;
  private settle!: (error: Error | null) => void;

  constructor(
    private readonly stubs: StubTable,
    private readonly units: readonly TierUnit[],
    private readonly origin: CompileOrigin,
    private readonly afterCalls: number,
    private keepsFirstTier: boolean,
  ) {
    this.settled = new Promise((resolve, reject) => {
      this.settle = (error) => (error === null ? resolve() : reject(error));
    });
    // Nobody may be listening; an unobserved failure must not crash the process.
    this.settled.catch(() => {});
    stubFinalizer.register(this, stubs, this);
  }

  attach(definitions: ReadonlyMap<string, bigint>, _code: CodeInfo | null, textSegment: { readonly address: bigint; readonly size: number } | null): void {
    this.firstTier = definitions;
    this.firstText = textSegment;
    for (const name of this.stubs.names) {
      const at = definitions.get(name);
      if (at !== undefined) this.stubs.set(name, at);
    }
    if (this.afterCalls === 0) setImmediate(() => this.start());
  }

  addressOf(name: string): bigint | undefined {
    return this.stubs.stubOf(name);
  }

  onCall(): void {
    if (!this.isStarted && ++this.calls >= this.afterCalls) this.start();
  }

  tierOf(_name: string): number {
    return this.tier;
  }

  whenTiered(): Promise<void> {
    this.start();
    return this.settled;
  }

  secondTier(): LoadedModule | null {
    return this.second;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    stubFinalizer.unregister(this);
    this.second?.dispose();
    this.second = null;
    this.stubs.region.free();
    this.settle(new LoadError('the module was disposed before its second tier ran'));
  }

  private start(): void {
    if (this.isStarted || this.isDisposed) return;
    this.isStarted = true;
    const { options } = this.origin;
    const buildOptions = { ...options, optimize: Math.max(2, options.optimize ?? 1) };
    // readFile and onPass are functions, which cannot cross to the worker: such builds run here, in a task of their own.
    const object = options.readFile !== undefined || options.onPass !== undefined
      ? new Promise<void>((resolve) => setImmediate(resolve)).then(() => (this.isDisposed ? null : buildTier(this.units, buildOptions, 2)))
      : buildSecondTier(this.units, buildOptions).then((bytes) => readElf(bytes, 'second tier'));
    object
      .then((obj) => { if (obj !== null) this.install(obj); })
      .catch((e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        if (!this.isDisposed) process.emitWarning(`jitcc: the -O2 tier could not be built, the module keeps running its -O0 code: ${error.message}`);
        this.settle(error);
      });
  }

  /** Loads the second tier next to the first, switches every stub to it, then retires the first tier's code. */
  private install(object: ObjectFile): void {
    if (this.isDisposed) return;
    const first = this.firstTier!;
    const imports: Record<string, bigint> = {};
    for (const s of object.symbols) {
      if (s.section !== null) continue;
      const at = this.resolveShared(s.name, first);
      if (at !== undefined) imports[s.name] = at;
    }
    const { options } = this.origin;
    const second = loadObjectFile(object, {
      imports: { ...options.imports, ...imports }, link: options.link, libraries: options.libraries,
      perfMap: options.perfMap, gdb: options.gdb, jitdump: options.jitdump, crashReports: options.crashReports, codeMemory: options.codeMemory,
    });
    const targets = this.stubs.names.map((name) => [name, second.symbolNames().includes(name) ? second.symbol(name) : undefined] as const);
    const missing = targets.filter(([, at]) => at === undefined).map(([name]) => name);
    if (missing.length > 0) {
      second.dispose();
      throw new LoadError(`the -O2 tier lacks ${missing.join(', ')}`);
    }
    for (const [name, at] of targets) this.stubs.set(name, at!);
    this.second = second;
    this.tier = 2;
    this.settle(null);
    void asyncCallsDrained().then(() => this.retireFirstTier());
  }

  /** What the second tier's undefined symbols name in the first tier: stubs, shared data, anything else it defines. */
  private resolveShared(name: string, first: ReadonlyMap<string, bigint>): bigint | undefined {
    if (name.endsWith('@tier')) return this.stubs.stubOf(name.slice(0, -'@tier'.length));
    const data = /^(.*)@data(?:\.(\d+))?$/.exec(name);
    if (data !== null) {
      const unit = Number(data[2] ?? 0);
      return first.get(unit === 0 ? data[1]! : `${unit}:${data[1]}`);
    }
    const at = first.get(name);
    // Code only the first tier has (file-scope asm): the second runs it, so it stays.
    if (at !== undefined && this.isFirstTierCode(at)) this.keepsFirstTier = true;
    return at;
  }

  private isFirstTierCode(at: bigint): boolean {
    const t = this.firstText;
    return t !== null && at >= t.address && at < t.address + BigInt(t.size);
  }

  /** The first tier's text segment, no longer reachable, is discarded (its data stays: both tiers use it). */
  private retireFirstTier(): void {
    if (this.isDisposed || this.firstText === null || this.keepsFirstTier) return;
    discardPages(this.firstText.address, this.firstText.size);
  }
}

/** compile() with the `tier` option: the first tier loaded now (with `extra` for its ModuleInit), the second on its way. */
export function compileTiered(origin: CompileOrigin, tier: TierOption, extra: ModuleOrigin): LoadedModule {
  const { input, options } = origin;
  const units = translationUnits(input, options.file ?? 'input.c', limitsOf(options).sourceBytes);
  const object = buildTier(units, options, 0);
  const textSections = new Set(object.sections.filter((s) => s.kind === 'text').map((s) => s.name));
  const stubbed = object.symbols.filter((s) => s.kind === 'func' && s.binding !== 'local' && s.section !== null && textSections.has(s.section)).map((s) => s.name);
  const stubs = new StubTable(object.machine, stubbed);
  const imports: Record<string, bigint> = {};
  for (const name of stubbed) imports[stubSymbol(name)] = stubs.stubOf(name)!;
  // Destructors (.fini_array) hold the first tier's own addresses and run at dispose: its code must stay.
  const keepsFirstTier = object.sections.some((s) => s.kind === 'fini_array' && s.size > 0);
  const controller = new TierController(stubs, units, origin, tier === 'auto' ? 0 : tier.afterCalls, keepsFirstTier);
  try {
    return loadObjectFile(object, { ...options, imports: { ...options.imports, ...imports } }, { ...extra, tiering: controller });
  } catch (e) {
    controller.dispose();
    throw e;
  }
}
