// JS functions called from C threads other than the JavaScript thread.
//
// koffi runs a registered callback that another thread calls on the
// JavaScript thread and makes the calling thread wait — which works while
// the JavaScript thread is free (the C code runs through `f.async`, or in a
// thread that outlives the call), and deadlocks when the JavaScript thread
// is itself blocked in a synchronous call waiting for that thread
// (`pthread_join`). And a transient callback (a JS function passed for a
// function-pointer argument) that C stores and calls after the call has
// returned jumps into a freed koffi trampoline and crashes the process.
//
// So every callback jitcc hands to C is a small thunk of ours (x86-64; on
// other hosts koffi's callbacks are used directly) in front of the koffi
// trampoline. The thunk
//   - forwards at once when it runs on the JavaScript thread;
//   - from another thread, forwards (koffi then queues the call to the
//     JavaScript thread) unless the JavaScript thread is inside a
//     synchronous call into C — then it returns 0 to C without waiting and
//     counts a refusal, which the synchronous call reports as an Error once
//     it returns (call-guard.ts);
//   - once its callback has been released, returns 0 and counts a stale
//     call, reported as a process warning: no crash.
// The thunk reads the thread pointer (%fs:0 holds it, x86-64 psABI TLS:
// "the thread pointer points to itself") to tell threads apart, and a
// process-wide state word the synchronous call wrappers increment.
//
// Thunks live in process-wide pages, never unmapped, so a pointer C kept
// never dangles: slots of transient callbacks rotate through a ring of
// TRANSIENT_SLOTS (a stale pointer reaches another callback only after
// that many later transient callbacks); slots of persistent ones (imports,
// `module.callback`) return to a free list when released.

import type { FfiFunctionType } from '../link/ctypes.js';
import { bindFunction, nativeBuffer, registerCallback, unregisterCallback } from './ffi.js';
import { MemoryRegion } from './memory.js';

/** Code of one thunk (as assembled by GNU as from the comments); two 8-byte constants follow at 0x50. */
const THUNK_CODE = [
  '4c 8b 1d 49 00 00 00', //       mov r11, [rip + k_state]     ; the process state page
  '64 48 8b 04 25 00 00 00 00', // mov rax, fs:[0]              ; this thread's thread pointer
  '49 3b 03', //                   cmp rax, [r11]               ; the JavaScript thread's?
  '74 07', //                      je forward
  '41 83 7b 08 00', //             cmp dword [r11 + 8], 0       ; JS blocked in a synchronous call?
  '75 11', //                      jne refuse
  '48 8b 05 35 00 00 00', //       forward: mov rax, [rip + k_slot]
  '48 8b 00', //                   mov rax, [rax]               ; the koffi trampoline, 0 once released
  '48 85 c0', //                   test rax, rax
  '74 0e', //                      jz stale
  'ff e0', //                      jmp rax
  'f0 41 ff 43 0c', //             refuse: lock inc dword [r11 + 12]
  '31 c0', //                      xor eax, eax
  '66 0f ef c0', //                pxor xmm0, xmm0
  'c3', //                         ret
  '4c 8b 1d 10 00 00 00', //       stale: mov r11, [rip + k_state]
  'f0 41 ff 43 10', //             lock inc dword [r11 + 16]
  '31 c0', //                      xor eax, eax
  '66 0f ef c0', //                pxor xmm0, xmm0
  'c3', //                         ret
  '0f 1f 40 00', //                (padding to 0x50)
].join(' ').split(' ').map((h) => parseInt(h, 16));
const THUNK_SIZE = 0x60;
const K_STATE = 0x50;
const K_SLOT = 0x58;
/** `mov rax, fs:[0]; ret`: the calling thread's thread pointer. */
const THREAD_POINTER_CODE = [0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0xc3];

const TRANSIENT_SLOTS = 1024;

/** Process-wide state, an Int32Array over native memory the thunks read and write. */
const STATE_JS_THREAD = 0; // bytes 0–7: the JavaScript thread's thread pointer
const STATE_SYNC_DEPTH = 2; // synchronous calls into C in progress on the JavaScript thread
const STATE_REFUSALS = 3; // callbacks refused because the JavaScript thread was blocked
const STATE_STALE = 4; // calls of released callbacks

const VOID_TO_U64: FfiFunctionType = { ret: { kind: 'int', size: 8, isSigned: false, name: 'unsigned long' }, params: [], isVariadic: false };

interface Chunk {
  readonly code: MemoryRegion;
  readonly slots: BigUint64Array;
}

class ThunkTable {
  readonly state: Int32Array;
  private readonly stateAddress: bigint;
  private readonly chunks: Chunk[] = [];
  private readonly free: number[] = [];
  private transient: number[] | null = null;
  private nextTransient = 0;
  private readonly perChunk: number;

  constructor() {
    const page = new MemoryRegion(64);
    page.finish();
    this.stateAddress = page.address;
    this.state = new Int32Array(nativeBuffer(page.address, 64));
    const probe = new MemoryRegion(THREAD_POINTER_CODE.length);
    probe.write(0, Uint8Array.from(THREAD_POINTER_CODE));
    probe.protect(0, probe.size, 'rx');
    probe.finish();
    const threadPointer = bindFunction(probe.address, 'thread pointer', VOID_TO_U64)() as number | bigint;
    new BigUint64Array(this.state.buffer, 0, 1)[STATE_JS_THREAD] = BigInt(threadPointer);
    this.perChunk = Math.floor(probe.size / THUNK_SIZE);
  }

  address(slot: number): bigint {
    const chunk = this.chunks[Math.floor(slot / this.perChunk)]!;
    return chunk.code.address + BigInt((slot % this.perChunk) * THUNK_SIZE);
  }

  setTarget(slot: number, target: bigint): void {
    this.chunks[Math.floor(slot / this.perChunk)]!.slots[slot % this.perChunk] = target;
  }

  takePersistent(): number {
    if (this.free.length === 0) this.grow(this.free);
    return this.free.shift()!;
  }

  givePersistent(slot: number): void {
    this.setTarget(slot, 0n);
    this.free.push(slot);
  }

  takeTransient(): number {
    if (this.transient === null) {
      this.transient = [];
      while (this.transient.length < TRANSIENT_SLOTS) this.grow(this.transient);
    }
    const slot = this.transient[this.nextTransient]!;
    this.nextTransient = (this.nextTransient + 1) % this.transient.length;
    return slot;
  }

  /** Adds a chunk of thunks: one page of code, one of slots; their numbers go to `into`. */
  private grow(into: number[]): void {
    const first = this.chunks.length * this.perChunk;
    const slotPage = new MemoryRegion(this.perChunk * 8);
    slotPage.finish();
    const slots = new BigUint64Array(nativeBuffer(slotPage.address, this.perChunk * 8));
    const code = new MemoryRegion(this.perChunk * THUNK_SIZE);
    const bytes = new Uint8Array(code.size);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < this.perChunk; i++) {
      const at = i * THUNK_SIZE;
      bytes.set(THUNK_CODE, at);
      view.setBigUint64(at + K_STATE, this.stateAddress, true);
      view.setBigUint64(at + K_SLOT, slotPage.address + BigInt(i * 8), true);
      into.push(first + i);
    }
    code.write(0, bytes);
    code.protect(0, code.size, 'rx');
    code.finish();
    this.chunks.push({ code, slots });
  }
}

let table: ThunkTable | null | undefined;

/** The thunk table on hosts that have thunks (x86-64 Linux), created on first use; null elsewhere. */
function thunks(): ThunkTable | null {
  if (table === undefined) table = process.arch === 'x64' && process.platform === 'linux' ? new ThunkTable() : null;
  return table;
}

/** A JS function made callable from C: `address` is what C gets. */
export interface CallbackBinding {
  readonly address: bigint;
  /** Releases the koffi registration; the address then answers 0 (or, for koffi's own on other hosts, is invalid). */
  release(): void;
}

/**
 * Registers `jsFn` as a C function of type `fn` behind a thunk. `isTransient`:
 * for the duration of one call (slots from the ring), else until released.
 */
export function bindCallback(jsFn: (...args: unknown[]) => unknown, name: string, fn: FfiFunctionType, isTransient: boolean): CallbackBinding {
  const target = registerCallback(jsFn, name, fn);
  const t = thunks();
  if (t === null) return { address: target, release: () => unregisterCallback(target) };
  const slot = isTransient ? t.takeTransient() : t.takePersistent();
  t.setTarget(slot, target);
  let isLive = true;
  return {
    address: t.address(slot),
    release: () => {
      if (!isLive) return;
      isLive = false;
      if (isTransient) t.setTarget(slot, 0n);
      else t.givePersistent(slot);
      unregisterCallback(target);
    },
  };
}

let seenRefusals = 0;
let seenStale = 0;

/**
 * The process-wide word synchronous calls increment while they block the
 * JavaScript thread (index SYNC_DEPTH), or null on hosts without thunks.
 * Creates the thunk table on first use.
 */
export function blockingMarker(): Int32Array | null {
  return thunks()?.state ?? null;
}

export const SYNC_DEPTH = STATE_SYNC_DEPTH;

/** After a synchronous call: reports refused (an Error) and stale (a warning) callback calls since the last check. */
export function checkThreadMisuse(name: string, state: Int32Array): void {
  if (state[STATE_REFUSALS] === seenRefusals && state[STATE_STALE] === seenStale) return;
  const refused = state[STATE_REFUSALS]! - seenRefusals;
  const stale = state[STATE_STALE]! - seenStale;
  seenRefusals = state[STATE_REFUSALS]!;
  seenStale = state[STATE_STALE]!;
  if (stale > 0) {
    process.emitWarning(`${stale} call(s) from C reached a JavaScript callback after it was released (its call had returned, or it was released or its module disposed); C got 0`, { code: 'JITCC_STALE_CALLBACK' });
  }
  if (refused > 0) {
    throw new Error(`${name}: C code called a JavaScript callback from another thread ${refused} time(s) while JavaScript was blocked in this synchronous call, which would deadlock; C got 0. Call it with ${name}.async(…) so the JavaScript thread is free to run the callback.`);
  }
}
