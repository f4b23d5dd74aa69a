// A long-lived process (a compile server, a JIT user) compiles again and
// again; the headers it reads are kept between compiles (read-file.ts) and
// must still be read again when they change. Each case edits a header
// without changing its size, in the same second, so only the file's
// identity (inode, size, modification and change times) can tell.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../src/index.js';
import { scratchDir, x64Serial } from './helpers.js';

function freshDir(tag: string): string {
  const dir = join(scratchDir(), `${tag}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return dir;
}

const source = '#include "v.h"\nint f(void) { return V; }';

for (const cache of [false, true]) {
  x64Serial(`an edited header of the same size is read again (compile cache ${cache ? 'on' : 'off'})`, (t) => {
    const inc = freshDir('edit');
    writeFileSync(join(inc, 'v.h'), '#define V 1\n');
    t.is(compile(source, { includePaths: [inc], cache }).fn('f')(), 1);
    writeFileSync(join(inc, 'v.h'), '#define V 2\n');
    t.is(compile(source, { includePaths: [inc], cache }).fn('f')(), 2);
    // Replaced by another file (a new inode), as editors that write a copy and rename it do.
    writeFileSync(join(inc, 'v.h.new'), '#define V 3\n');
    renameSync(join(inc, 'v.h.new'), join(inc, 'v.h'));
    t.is(compile(source, { includePaths: [inc], cache }).fn('f')(), 3);
  });

  x64Serial(`a header created earlier on the include path is found (compile cache ${cache ? 'on' : 'off'})`, (t) => {
    const first = freshDir('first');
    const second = freshDir('second');
    writeFileSync(join(second, 'v.h'), '#define V 4\n');
    t.is(compile(source, { includePaths: [first, second], cache }).fn('f')(), 4);
    writeFileSync(join(first, 'v.h'), '#define V 5\n');
    t.is(compile(source, { includePaths: [first, second], cache }).fn('f')(), 5);
  });
}
