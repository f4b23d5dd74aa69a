// A codegen thread of driver/parallel-codegen.ts: given a module's outline,
// compiles the chunks of functions it is handed into CodeParts (selection,
// allocation, emission, encoding) and posts them back, their bytes
// transferred. An internal error is posted as such: the main thread then
// compiles that chunk itself and reports it.
//
// Protocol: workerData is a CodegenThreadSetup; the thread bumps counter 1
// once loaded, and counter 0 after posting each reply (so the reply is
// there when the main thread wakes).

import { workerData } from 'node:worker_threads';
import type { ModuleFacts } from '../codegen/core/driver.js';
import type { Target } from '../codegen/core/target.js';
import { getTarget } from '../codegen/targets.js';
import { factsOfOutline, type CodegenMessage, type CodegenReply, type CodegenThreadSetup } from './parallel-codegen.js';

const setup = workerData as CodegenThreadSetup;
const counters = new Int32Array(setup.counters);
let target: Target | null = null;
let facts: ModuleFacts | null = null;

setup.port.on('message', (m: CodegenMessage) => {
  if (m.kind === 'module') {
    target = getTarget(m.target);
    facts = factsOfOutline(m.outline, m.pic, m.omitFramePointer);
    return;
  }
  let reply: CodegenReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const parts = m.functions.map((fn) => target!.compileFunctionPart(fn, facts!));
    for (const p of parts) transfer.push(p.bytes.buffer as ArrayBuffer);
    reply = { id: m.id, parts };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
    transfer.length = 0;
  }
  setup.port.postMessage(reply, transfer);
  Atomics.add(counters, 0, 1);
  Atomics.notify(counters, 0);
});
Atomics.add(counters, 1, 1);
Atomics.notify(counters, 1);
