// JS callbacks called by C from threads the C code created
// (loader/callback-thunks.ts): through the JavaScript thread when it is
// free (f.async, a thread outliving the call), refused with a clear Error —
// never a deadlock — while JavaScript is blocked in the synchronous call
// that waits for that thread, and harmless (0 and a warning, no crash)
// when C calls a callback whose life is over. `module.callback` makes a
// callback C may keep, released by `release()` or dispose().

import test from 'ava';
import { compile } from '../../src/index.js';
import { registeredCallbackCount } from '../../src/loader/ffi.js';

const linuxX64 = process.platform === 'linux' && process.arch === 'x64' ? test.serial : test.skip;

const SOURCE = `
#include <pthread.h>
#include <unistd.h>
int host(int);
static int result;
static int (*kept)(int);
static void *call_host(void *arg) { result = host((int)(long)arg); return 0; }
static void *call_kept(void *arg) { result = kept((int)(long)arg); return 0; }
static void *call_kept_later(void *arg) { usleep(20000); kept((int)(long)arg); return 0; }
int join_host(int x) { pthread_t t; pthread_create(&t, 0, call_host, (void *)(long)x); pthread_join(t, 0); return result; }
void keep(int (*f)(int)) { kept = f; }
int call_kept_here(int x) { return kept(x); }
int join_kept(int x) { pthread_t t; pthread_create(&t, 0, call_kept, (void *)(long)x); pthread_join(t, 0); return result; }
void detach_kept(int x) { pthread_t t; pthread_create(&t, 0, call_kept_later, (void *)(long)x); pthread_detach(t); }
int apply(int (*f)(int), int x) { return f(x) + 1; }
`;

function warnings(): { list: string[]; stop: () => void } {
  const list: string[] = [];
  const on = (w: Error & { code?: string }) => { if (w.code === 'JITCC_STALE_CALLBACK') list.push(w.message); };
  process.on('warning', on);
  return { list, stop: () => process.off('warning', on) };
}

linuxX64('a C thread calling JS while JavaScript is blocked in the call gets 0, and the call throws — no deadlock', (t) => {
  const m = compile(SOURCE, { imports: { host: (x: number) => x * 2 } });
  const e = t.throws(() => m.fn('join_host')(21));
  t.regex(e!.message, /^join_host: C code called a JavaScript callback from another thread 1 time\(s\) while JavaScript was blocked in this synchronous call, which would deadlock; C got 0\. Call it with join_host\.async/);
  t.is(m.fn('apply')((x: number) => x * 3, 2), 7, 'same-thread callbacks still work');
  m.dispose();
});

linuxX64('with f.async the C thread hands the call to the JavaScript thread and waits for its result', async (t) => {
  const m = compile(SOURCE, { imports: { host: (x: number) => x * 2 } });
  t.is(await m.fn('join_host').async(21), 42);
  m.dispose();
});

linuxX64('module.callback: a callback C keeps works from the JS thread, from f.async threads and from a thread that outlives the call', async (t) => {
  const before = registeredCallbackCount();
  const m = compile(SOURCE, { imports: { host: (x: number) => x } });
  let fromDetached: (v: number) => void = () => {};
  const detached = new Promise<number>((resolve) => { fromDetached = resolve; });
  const cb = m.callback((x: number) => { if (x === 99) fromDetached(x); return x + 100; }, 'int kept(int)');
  t.is(typeof cb.address, 'bigint');
  m.fn('keep')(cb.address);
  t.is(m.fn('call_kept_here')(1), 101);
  t.is(await m.fn('join_kept').async(2), 102);
  // Nothing else keeps the event loop alive while the thread sleeps: a timer does (koffi's queue does not).
  const keepAlive = setTimeout(() => {}, 10_000);
  m.fn('detach_kept')(99);
  t.is(await detached, 99, 'called from a detached thread after its call returned');
  clearTimeout(keepAlive);
  await new Promise((r) => setTimeout(r, 50)); // let that thread finish before the module goes
  t.throws(() => m.callback('x' as never, 'int f(int)'), { instanceOf: TypeError });
  m.dispose();
  t.is(registeredCallbackCount(), before, 'dispose released the import and the callback');
});

linuxX64('a callback called after its life ended gives C 0 and a warning, never a crash', async (t) => {
  const w = warnings();
  const m = compile(SOURCE, { imports: { host: (x: number) => x } });
  // A transient callback (a JS function argument) that C kept past its call.
  m.fn('keep')((x: number) => x + 1);
  t.is(m.fn('call_kept_here')(5), 0);
  // An explicit callback after release().
  const cb = m.callback((x: number) => x + 2, 'int kept(int)');
  m.fn('keep')(cb.address);
  t.is(m.fn('call_kept_here')(5), 7);
  cb.release();
  cb.release();
  t.is(m.fn('call_kept_here')(5), 0);
  await new Promise((r) => setImmediate(r));
  w.stop();
  t.is(w.list.length, 2, w.list.join('\n'));
  t.regex(w.list[0]!, /reached a JavaScript callback after it was released/);
  m.dispose();
});
