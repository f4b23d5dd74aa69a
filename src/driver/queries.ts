// Answers to the information flags that configure scripts and build tools
// ask a compiler before using it.
//
// Input: a Query from args.ts and the target. Output: text for stdout (or
// stderr for `-v`, as gcc prints its banner there) and an exit status.
//
// The words matter to the scripts that read them: zlib's configure and
// libtool look for "gcc" in `$CC -v` to use gcc's flags (-fPIC, -shared,
// -Wl,-soname), so the banner says that jitcc is gcc-compatible, and
// `-dumpversion` agrees with the `__GNUC__`.`__GNUC_MINOR__`.`__GNUC_PATCHLEVEL__`
// jitcc predefines (4.2.1, as clang answers). `-print-prog-name=` and
// `-print-file-name=` are about the tools and libraries the link step uses,
// and jitcc links through the system cc, so that cc answers them — except
// `-print-file-name=include`, which is jitcc's own header directory.

import { spawnSync } from 'node:child_process';
import type { TargetName } from '../codegen/core/target.js';
import { bundledIncludeDir } from '../frontend/preprocess/include-search.js';
import type { Query } from './args.js';

export const jitccVersion = '0.1.0';
const gnucVersion = '4.2.1';

export function targetTriple(target: TargetName): string {
  return target === 'aarch64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
}

/** The system compiler driver that links for this target. */
export function systemCc(target: TargetName): string {
  return target === 'aarch64' ? 'aarch64-linux-gnu-gcc' : 'cc';
}

export function banner(target: TargetName): string {
  return `jitcc version ${jitccVersion} (a gcc-compatible C compiler; gcc ${gnucVersion} compatible)\n` +
    `Target: ${targetTriple(target)}\nThread model: posix\n`;
}

export interface Answer {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export function answerQuery(q: Query, target: TargetName, usage: string): Answer {
  switch (q.kind) {
    case 'help': return { stdout: usage + '\n', stderr: '', status: 0 };
    case 'version':
      return { stdout: `jitcc (jitcc) ${jitccVersion}\nA C compiler for Node.js, command-line compatible with gcc ${gnucVersion}.\n`, stderr: '', status: 0 };
    case 'banner': return { stdout: '', stderr: banner(target), status: 0 };
    case 'dumpversion': return { stdout: gnucVersion + '\n', stderr: '', status: 0 };
    case 'dumpmachine': return { stdout: targetTriple(target) + '\n', stderr: '', status: 0 };
    case 'print': {
      if (q.flag === '-print-file-name=include') return { stdout: bundledIncludeDir + '\n', stderr: '', status: 0 };
      const cc = systemCc(target);
      const r = spawnSync(cc, [q.flag], { encoding: 'utf8' });
      if (r.error) return { stdout: '', stderr: `jitcc: error: cannot run '${cc}' to answer ${q.flag}: ${r.error.message}\n`, status: 1 };
      return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 1 };
    }
  }
}
