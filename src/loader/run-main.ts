// Running a loaded C program's `main` in this process, the way `tcc -run`
// does: argv is built in memory as the C runtime would build it, `main` is
// called, and C's stdio buffers are flushed before control returns to JS,
// so what the program printed appears where it would have in a separate
// process.
//
// Input: a module that defines `main`, the program name and its arguments.
// Output: main's return value as an exit status (0..255, as the shell sees it).
//
// C11 5.1.2.2.1: argv[argc] is a null pointer, the strings are modifiable
// and live for the whole program. Here they live in one Buffer held by this
// call; a program that keeps argv pointers after main returns (e.g. in an
// atexit handler) would see freed memory, so `runMain` is for programs that
// finish inside main. A program that calls `exit()` ends the whole Node
// process, as it would end its own.

import type { FfiFunctionType } from '../link/ctypes.js';
import { LoadError } from './errors.js';
import { addressOf, flushCStdio } from './ffi.js';

/** `int main(int argc, char **argv)`: every form of main may be called this way on SysV (extra arguments are ignored). */
export const MAIN_TYPE: FfiFunctionType = {
  ret: { kind: 'int', size: 4, isSigned: true, name: 'int' },
  params: [
    { name: 'argc', type: { kind: 'int', size: 4, isSigned: true, name: 'int' } },
    { name: 'argv', type: { kind: 'pointer', to: { kind: 'pointer', to: { kind: 'int', size: 1, isSigned: true, name: 'char' }, isConst: false }, isConst: false } },
  ],
  isVariadic: false,
};

/** The C argv block: NUL-terminated strings followed by nothing; and the pointer array (argc + 1 entries, last null). */
export interface ArgvBlock {
  readonly strings: Buffer;
  readonly pointers: BigUint64Array;
}

export function buildArgv(argv: readonly string[]): ArgvBlock {
  const encoded = argv.map((s) => {
    if (s.includes('\0')) throw new LoadError(`program argument ${JSON.stringify(s)} contains a NUL character`);
    return Buffer.from(s + '\0', 'utf8');
  });
  const strings = Buffer.concat(encoded.length > 0 ? encoded : [Buffer.alloc(1)]);
  const base = addressOf(strings);
  const pointers = new BigUint64Array(argv.length + 1);
  let offset = 0;
  encoded.forEach((b, i) => {
    pointers[i] = base + BigInt(offset);
    offset += b.length;
  });
  return { strings, pointers };
}

/** Calls `main(argc, argv)` through `callMain`, then flushes C stdio; returns the exit status main's value gives. */
export function runMainWith(callMain: (argc: number, argv: BigUint64Array) => unknown, argv: readonly string[]): number {
  const block = buildArgv(argv);
  let status: number;
  try {
    status = Number(callMain(argv.length, block.pointers));
  } finally {
    flushCStdio();
  }
  // Keep the strings reachable until main has returned: the pointers refer into them.
  void block.strings.length;
  return status & 0xff;
}
