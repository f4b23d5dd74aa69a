// The bundled headers together with glibc: the common C library headers
// must preprocess without a single diagnostic, and the output must declare
// what they promise. Skipped with the reason when glibc's headers are absent
// (a failure under CI, which installs them).

import test from 'ava';
import { existsSync } from 'node:fs';
import { pp, testOptions } from './helpers.js';
import { testNeeding } from '../../tools.js';

const hasGlibc = existsSync('/usr/include/stdio.h') && existsSync('/usr/include/x86_64-linux-gnu/bits/libc-header-start.h');

const program = `
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
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <float.h>
#include <signal.h>
#include <setjmp.h>
#include <wchar.h>
int main(void) {
  int max = INT_MAX; long lmax = LONG_MAX; char cmin = CHAR_MIN; unsigned long long u = ULLONG_MAX;
  double e = DBL_EPSILON; size_t z = SIZE_MAX; int64_t i64 = INT64_C(5); const char *fmt = "%" PRId64;
  bool b = true; va_list ap; int path = PATH_MAX; int o = offsetof(struct tm, tm_year);
  assert(max > 0);
  return errno;
}
`;

testNeeding(hasGlibc ? null : 'glibc headers for x86-64 are not installed')('glibc headers preprocess without diagnostics (x86-64)', (t) => {
  const r = pp(program, testOptions({}, {}, true));
  t.is(r.diagnostics, '');
  const text = r.text;
  for (const decl of ['printf (', 'malloc (', 'memcpy (', 'sqrt (', 'isdigit (', 'strtol (', '__builtin_va_list', 'time_t']) {
    t.true(text.includes(decl), `output declares ${decl}`);
  }
  // The macros expanded as the headers define them.
  t.true(text.includes('int max = 0x7fffffff ;'));
  t.true(text.includes('long lmax = 0x7fffffffffffffffL ;'));
  t.true(text.includes('char cmin = ( - 0x7f - 1 ) ;'));
  t.true(text.includes('bool b = 1 ;') || text.includes('_Bool b = 1 ;'));
  t.true(text.includes('va_list ap ;'));
  t.true(text.includes('int path = 4096 ;'));
  t.true(text.includes('int o = __builtin_offsetof ( struct tm , tm_year ) ;'));
  t.true(/const char \* fmt = "%" "l" "d" ;/.test(text));
  t.true(text.includes('__assert_fail'));
});

test('bundled headers alone (freestanding, no system directories reachable)', (t) => {
  const src = `
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <float.h>
#include <stdalign.h>
#include <stdnoreturn.h>
#include <iso646.h>
uint8_t a = UINT8_MAX; int64_t b = INT64_MIN; uintptr_t c = UINTPTR_MAX; size_t d; ptrdiff_t e; wchar_t f;
int g = INT_MAX; long h = LONG_MIN; int i = CHAR_MAX; va_list ap; bool j = false; float k = FLT_MAX;
alignas(8) char l; noreturn void m(void); int n = 1 and 2; void *o = NULL; max_align_t p;
int q = LDBL_MANT_DIG; unsigned long long r = UINT64_C(1);
`;
  // Only the bundled include/ directory exists in this virtual file system.
  const bundled = new URL('../../../include/', import.meta.url);
  const opts = testOptions({}, {}, false);
  const withBundled = { ...opts, readFile: (p: string) => (p.startsWith(decodeURIComponent(bundled.pathname)) ? testOptions({}, {}, true).readFile(p) : null) };
  const x86 = pp(src, withBundled);
  t.is(x86.diagnostics, '');
  t.true(x86.text.includes('typedef unsigned char uint8_t ;'));
  t.true(x86.text.includes('int64_t b = ( - 0x7fffffffffffffffL - 1 ) ;'));
  t.true(x86.text.includes('int i = 0x7f ;'));
  t.true(x86.text.includes('typedef int wchar_t ;'));
  t.true(x86.text.includes('int q = 64 ;'));
  t.true(x86.text.includes('unsigned long long r = 1UL ;'));
  t.true(x86.text.includes('_Alignas ( 8 ) char l ; _Noreturn void m'));
  t.true(x86.text.includes('int n = 1 && 2 ;'));
  const arm = pp(src, { ...withBundled, target: 'aarch64' });
  t.is(arm.diagnostics, '');
  t.true(arm.text.includes('int i = ( 0x7f * 2 + 1 ) ;'));
  t.true(arm.text.includes('typedef unsigned int wchar_t ;'));
  t.true(arm.text.includes('int q = 113 ;'));
});

testNeeding(existsSync('/usr/include/stdc-predef.h') ? null : '/usr/include/stdc-predef.h is absent')("the C library's stdc-predef.h is included first, as gcc does", (t) => {
  const r = pp('__STDC_IEC_559__ __STDC_ISO_10646__', testOptions({}, {}, true));
  t.is(r.diagnostics, '');
  t.regex(r.text, /^1 \d{6}L$/);
});
