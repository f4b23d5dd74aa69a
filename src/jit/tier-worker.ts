// The tier worker thread (tier.ts): builds the second, -O2 tier of a tiered
// module off the main thread and answers with its ELF bytes (loading and
// switching happen on the main thread, which owns the module).
//
// Protocol (tier-worker-client.ts): request { id, units, options } — the
// units' text as the first tier read it, the build options without
// functions; reply { id, bytes } or { id, error } (a message).

import { parentPort } from 'node:worker_threads';
import type { BuildOptions } from '../build.js';
import { writeElf } from '../link/elf/write.js';
import { buildTier, type TierUnit } from './tier-build.js';

export interface TierRequest {
  readonly id: number;
  readonly units: readonly TierUnit[];
  readonly options: BuildOptions;
}

export type TierReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

parentPort?.on('message', (req: TierRequest) => {
  let reply: TierReply;
  try {
    reply = { id: req.id, bytes: writeElf(buildTier(req.units, req.options, 2)) };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  parentPort!.postMessage(reply);
});
