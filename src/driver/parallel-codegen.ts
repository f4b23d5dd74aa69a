// The functions of one large translation unit compiled on several threads:
// after the frontend and the IR passes (which need the whole module: the
// inliner reads its callees), each function's instruction selection,
// register allocation, emission and encoding depend only on the function
// and a few module facts, so chunks of functions go to worker threads
// (driver/codegen-thread.ts) while this thread compiles chunks too. Each
// function comes back as a CodePart — its bytes, relocations, line rows
// and data ranges, encoded into a buffer of its own — and the object is
// then written in module order as usual, appending the parts: the object
// is byte for byte the one-thread one (test/driver/parallel-codegen.test.ts).
//
// For a large file the threads are started before the frontend runs, so
// loading the compiler into them overlaps preprocessing and parsing. Waiting is
// synchronous (Atomics.wait on a counter the threads bump after posting;
// replies read with receiveMessageOnPort), as the driver is.
//
// A chunk a thread fails on (an internal error) is compiled here again, so
// the error is reported exactly as without threads; a thread that goes
// silent (its heap exhausted) has its chunks compiled here after a while.

import { isMainThread, MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { CodePart } from '../codegen/core/code-buffer.js';
import { moduleFacts } from '../codegen/core/driver.js';
import type { TargetName } from '../codegen/core/target.js';
import { getTarget } from '../codegen/targets.js';
import type { IrFunction, IrModule } from '../ir/ir.js';
import type { Args } from './args.js';
import { compileThreadBudget, startCompilerThread } from './threads.js';

export interface CodegenThreadSetup {
  readonly port: MessagePort;
  /** [0] replies posted (all threads), [1] threads started. */
  readonly counters: SharedArrayBuffer;
}

/** What compileModule's facts are made of: the module without its code and data. */
export type ModuleOutline = Pick<IrModule, 'signatures' | 'aliases' | 'nearExterns' | 'threadLocalExterns'> & {
  readonly functions: readonly Pick<IrFunction, 'name' | 'linkage' | 'visibility' | 'labelAddresses'>[];
  readonly globals: readonly Pick<IrModule['globals'][number], 'name' | 'linkage' | 'visibility' | 'isThreadLocal'>[];
};

export type CodegenMessage =
  | { readonly kind: 'module'; readonly target: TargetName; readonly pic: boolean; readonly omitFramePointer: boolean; readonly outline: ModuleOutline }
  | { readonly kind: 'chunk'; readonly id: number; readonly functions: readonly IrFunction[] };

export type CodegenReply =
  | { readonly id: number; readonly parts: readonly CodePart[] }
  | { readonly id: number; readonly error: string };

/** Below this many functions, the module is compiled in this thread alone (unless JITCC_JOBS is set). */
const minFunctions = 400;
/** Chunks per thread (this one included): small enough to balance, large enough that messages are few. */
const chunksPerThread = 12;
/** Without a reply for this long, the chunks still out are compiled here. */
const stallTimeoutMs = 120_000;
/** How long compileParts waits for the threads to start before doing the work alone. */
const startTimeoutMs = 20_000;

/** Extra threads the functions of a unit may use (0: none): threads.ts `compileThreadBudget` less this one, at most 8. */
export function codegenThreadCount(a: Args): number {
  // Not inside a thread compiling one of several files (driver/parallel.ts): those share the cores already.
  if (!isMainThread) return 0;
  // Dumps print per function in this thread; -ftime-report charges process CPU time, other threads' too.
  if (a.dump !== null || a.emitDts || a.dumpAfter !== null || a.timeReport) return 0;
  return Math.min(8, compileThreadBudget() - 1);
}

function outlineOf(ir: IrModule): ModuleOutline {
  return {
    functions: ir.functions.map((f) => ({
      name: f.name, linkage: f.linkage, ...(f.visibility ? { visibility: f.visibility } : {}),
      // Taken label addresses are symbols the module defines (moduleFacts).
      ...(f.labelAddresses ? { labelAddresses: f.labelAddresses } : {}),
    })),
    globals: ir.globals.map((g) => ({ name: g.name, linkage: g.linkage, ...(g.visibility ? { visibility: g.visibility } : {}), ...(g.isThreadLocal ? { isThreadLocal: true } : {}) })),
    signatures: ir.signatures,
    ...(ir.aliases ? { aliases: ir.aliases } : {}),
    ...(ir.nearExterns ? { nearExterns: ir.nearExterns } : {}),
    // An `extern _Thread_local` is reached through TLS relocations in whichever thread compiles its uses.
    ...(ir.threadLocalExterns ? { threadLocalExterns: ir.threadLocalExterns } : {}),
  };
}

/** The facts instruction selection reads, made from an outline (in a codegen thread). */
export function factsOfOutline(outline: ModuleOutline, pic: boolean, omitFramePointer: boolean) {
  // moduleFacts reads only the fields an outline keeps.
  return moduleFacts(outline as unknown as IrModule, pic, omitFramePointer);
}

/** Splits the functions into contiguous chunks of about equal size (instructions). */
function chunksOf(fns: readonly IrFunction[], count: number): [number, number][] {
  const weight = (f: IrFunction) => f.blocks.reduce((n, b) => n + b.insts.length + 1, 1);
  const total = fns.reduce((n, f) => n + weight(f), 0);
  const per = Math.max(1, total / count);
  const out: [number, number][] = [];
  let start = 0;
  let acc = 0;
  fns.forEach((f, i) => {
    acc += weight(f);
    if (acc >= per) {
      out.push([start, i + 1]);
      start = i + 1;
      acc = 0;
    }
  });
  if (start < fns.length) out.push([start, fns.length]);
  return out;
}

export class CodegenThreads {
  private readonly counters = new SharedArrayBuffer(8);
  private readonly counter = new Int32Array(this.counters);
  private readonly pool: { worker: Worker; port: MessagePort }[] = [];

  constructor(private readonly count: number) {}

  /**
   * Starts the threads, if not yet: they load the compiler while the caller
   * runs the frontend (worth it for a large file; otherwise they start when
   * a module with enough functions asks for them).
   */
  start(): void {
    if (this.pool.length > 0) return;
    for (let i = 0; i < this.count; i++) {
      const channel = new MessageChannel();
      const setup: CodegenThreadSetup = { port: channel.port2, counters: this.counters };
      const worker = startCompilerThread('./codegen-thread.ts', './cc-codegen-thread.js', setup, [channel.port2]);
      worker.unref();
      this.pool.push({ worker, port: channel.port1 });
    }
  }

  /**
   * Every function of `ir` compiled for `target` (on the threads and here),
   * or null when the module is too small to share (compiled as usual then).
   */
  compileParts(ir: IrModule, target: TargetName, pic: boolean, omitFramePointer: boolean): Map<IrFunction, CodePart> | null {
    const fns = ir.functions;
    if (fns.length < (process.env.JITCC_JOBS === undefined ? minFunctions : 2)) return null;
    this.start();
    const deadline = Date.now() + startTimeoutMs;
    for (let started = Atomics.load(this.counter, 1); started < this.pool.length && Date.now() < deadline; started = Atomics.load(this.counter, 1)) {
      Atomics.wait(this.counter, 1, started, Math.max(1, deadline - Date.now()));
    }
    if (Atomics.load(this.counter, 1) < this.pool.length) return null;
    const t = getTarget(target);
    const facts = moduleFacts(ir, pic, omitFramePointer);
    const parts = new Map<IrFunction, CodePart>();
    const compileHere = ([start, end]: [number, number]) => {
      for (let i = start; i < end; i++) parts.set(fns[i]!, t.compileFunctionPart(fns[i]!, facts));
    };
    const chunks = chunksOf(fns, chunksPerThread * (this.pool.length + 1));
    const message: CodegenMessage = { kind: 'module', target, pic, omitFramePointer, outline: outlineOf(ir) };
    for (const slot of this.pool) slot.port.postMessage(message);
    let next = 0;
    const out = new Map<number, number>(); // thread index → chunk index it is compiling
    const assign = (w: number) => {
      if (next >= chunks.length) return;
      const [start, end] = chunks[next]!;
      out.set(w, next);
      this.pool[w]!.port.postMessage({ kind: 'chunk', id: next++, functions: fns.slice(start, end) } satisfies CodegenMessage);
    };
    this.pool.forEach((_, w) => assign(w));
    let seen = Atomics.load(this.counter, 0);
    let lastProgress = Date.now();
    for (;;) {
      this.pool.forEach((slot, w) => {
        for (let m = receiveMessageOnPort(slot.port); m !== undefined; m = receiveMessageOnPort(slot.port)) {
          const reply = m.message as CodegenReply;
          out.delete(w);
          lastProgress = Date.now();
          // A chunk that failed there is compiled here, so its error surfaces as it would without threads.
          if ('error' in reply) compileHere(chunks[reply.id]!);
          else reply.parts.forEach((p, k) => parts.set(fns[chunks[reply.id]![0] + k]!, p));
          assign(w);
        }
      });
      if (next < chunks.length) {
        compileHere(chunks[next++]!);
        continue;
      }
      if (out.size === 0) break;
      if (Atomics.wait(this.counter, 0, seen, 1000) === 'timed-out' && Date.now() - lastProgress > stallTimeoutMs) {
        for (const c of out.values()) compileHere(chunks[c]!);
        break;
      }
      seen = Atomics.load(this.counter, 0);
    }
    return parts;
  }

  close(): void {
    for (const slot of this.pool) void slot.worker.terminate();
  }
}
