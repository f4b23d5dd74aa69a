// Tiering: compile(src, { tier: 'auto' }) returns a module at once from a
// quick -O0 build, and swaps in -O2 code built on a worker thread when it
// is ready ('auto') or after the module's functions were called N times
// from JS ({ afterCalls: N }), without callers noticing.
//
//   - Every function callers can reach — exported functions, and static
//     ones whose address is taken — is reached through a stub (stub-table.ts)
//     that jumps through a slot. JS bindings, `symbol()`, modules linking
//     against this one and every function pointer the C code takes use the
//     stubs (tier-ir.ts rewrites address-of in both builds); direct C-to-C
//     calls stay direct within each tier. Switching is one store per slot.
//   - The -O2 build refers to the -O0 build's mutable data, so the program
//     has one state; its own read-only data are copies.
//   - Calls in flight finish on the old code: nothing enters it after the
//     switch (only stubs and JS calls enter a tier, and the switch runs in an
//     event-loop task of its own, never during a synchronous call), and once
//     every async call started before the switch has settled the old code's
//     pages are discarded (made inaccessible and returned to the system).
//     Threads the C code starts itself are not tracked.
//
// Input: the source (its units read once, so both tiers see the same text)
// and the options. Output: the first tier's LoadedModule with this
// controller as its TierHooks; `mod.tier(f)` reports 0 or 2.

import { limitsOf } from '../build.js';
import { translationUnits } from '../cache/cached-build.js';
import { readElf } from '../link/elf/read.js';
import type { CodeInfo } from '../loader/code-info.js';
import { LoadError } from '../loader/errors.js';
import { discardPages, pageSize } from '../loader/ffi.js';
import { loadObjectFile, type ModuleOrigin } from '../loader/load.js';
import { asyncCallsDrained, type LoadedModule, type TierHooks } from '../loader/module.js';
import type { CompileOrigin } from './specialize.js';
import { StubTable } from './stub-table.js';
import { buildTier, type TierUnit } from './tier-build.js';
import { stubSymbol } from './tier-ir.js';
import { buildSecondTier } from './tier-worker-client.js';

export type TierOption = 'auto' | { readonly afterCalls: number };

/** Releases a controller's stubs when its module was collected without dispose(). */
const stubFinalizer = new FinalizationRegistry<StubTable>((stubs) => {
  try { stubs.region.free(); } catch { /* nothing to report to */ }
});

class TierController implements TierHooks {
  private tier: 0 | 2 = 0;
  private firstTier: ReadonlyMap<string, bigint> | null = null;
  private firstCode: CodeInfo | null = null;
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
    private readonly keepsFirstTier: boolean,
  ) {
    this.settled = new Promise((resolve, reject) => {
      this.settle = (error) => (error === null ? resolve() : reject(error));
    });
    // Nobody may be listening; an unobserved failure must not crash the process.
    this.settled.catch(() => {});
    stubFinalizer.register(this, stubs, this);
  }

  attach(definitions: ReadonlyMap<string, bigint>, code: CodeInfo | null): void {
    this.firstTier = definitions;
    this.firstCode = code;
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
    buildSecondTier(this.units, { ...options, optimize: Math.max(2, options.optimize ?? 1) })
      .then((bytes) => this.install(bytes))
      .catch((e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        if (!this.isDisposed) process.emitWarning(`jitcc: the -O2 tier could not be built, the module keeps running its -O0 code: ${error.message}`);
        this.settle(error);
      });
  }

  /** Loads the second tier next to the first, switches every stub to it, then retires the first tier's code. */
  private install(bytes: Uint8Array): void {
    if (this.isDisposed) return;
    const first = this.firstTier!;
    const object = readElf(bytes, 'second tier');
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
    return first.get(name);
  }

  /** The first tier's code pages, no longer reachable, are discarded (its data stays: both tiers use it). */
  private retireFirstTier(): void {
    if (this.isDisposed || this.firstCode === null || this.keepsFirstTier) return;
    const page = BigInt(pageSize());
    for (const t of this.firstCode.text) {
      const start = (t.address + page - 1n) / page * page;
      const end = (t.address + BigInt(t.size)) / page * page;
      // Whole pages inside the section only: its first and last page may hold other things.
      if (end > start) discardPages(start, Number(end - start));
    }
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
