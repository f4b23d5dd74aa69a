// Issue 3's header proof: a program that includes the common C library
// headers from the system (glibc) compiles, loads through compile(), and its
// printf / snprintf / qsort calls work. Also built by the jitcc CLI into an
// executable whose stdout shows printf's output. x86-64 hosts only (the
// loader runs native code); dist/cc.js is built by `npm test` first.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/index.js';

const host = process.arch === 'x64' && process.platform === 'linux' ? test : test.skip;
const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));

const SOURCE = `
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <ctype.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <errno.h>
#include <time.h>
#include <assert.h>

static int by_value(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Sorts, formats and measures: returns snprintf's count, the text in out. */
int report(char *out, int size) {
  int v[6] = { 42, -7, 19, 0, INT_MAX, 3 };
  qsort(v, 6, sizeof v[0], by_value);
  char word[8];
  strcpy(word, "header");
  for (char *p = word; *p; p++) *p = (char)toupper((unsigned char)*p);
  int64_t big = INT64_C(1) << 40;
  errno = 0;
  assert(time(NULL) > 0);
  return snprintf(out, (size_t)size, "%d %d %d %d %d %d|%s|%" PRId64 "|%.3f|%zu|%d",
                  v[0], v[1], v[2], v[3], v[4], v[5], word, big, sqrt(2.0), strlen(word), errno);
}

/* printf's return value is the number of characters written. */
int greet(void) {
  int n = printf("hello from %s\\n", "jitcc");
  fflush(stdout);
  return n;
}

int main(void) {
  char buf[128];
  report(buf, sizeof buf);
  printf("%s\\n", buf);
  return greet() == 17 ? 0 : 1;
}
`;

const EXPECTED = '-7 0 3 19 42 2147483647|HEADER|1099511627776|1.414|6|0';

host('compile() loads a program using the system headers; snprintf and qsort work', (t) => {
  const m = compile(SOURCE, { file: 'headers.c' });
  try {
    const buf = Buffer.alloc(128);
    const n = m.fn('report')(buf, buf.length) as number;
    t.is(buf.toString('latin1', 0, n), EXPECTED);
    t.is(m.fn('greet')(), 17);
  } finally {
    m.dispose();
  }
});

host('the jitcc CLI builds it into an executable whose printf output is right', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-headers-'));
  writeFileSync(join(dir, 'headers.c'), SOURCE);
  const build = spawnSync('node', [jitcc, '-O2', 'headers.c', '-o', 'headers', '-lm'], { cwd: dir, encoding: 'utf8' });
  t.is(build.status, 0, build.stderr);
  const run = spawnSync(join(dir, 'headers'), [], { encoding: 'utf8' });
  t.is(run.status, 0);
  t.is(run.stdout, `${EXPECTED}\nhello from jitcc\n`);
});
