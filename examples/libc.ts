// Calling libc from jitcc code, and libc straight from JS through a module's
// declarations: symbols that no module defines resolve in the process
// (libc, libm, libdl), in the documented order (module, linked modules,
// imports, process).
// Run: npx tsx examples/libc.ts
import { compile } from 'jitcc';

const mod = compile(`
  #include <stdio.h>
  #include <stdlib.h>
  #include <string.h>
  #include <time.h>
  int describe(char *buf, int size, const char *who) {
    return snprintf(buf, size, "%s has %zu letters; abs(-7) = %d", who, strlen(who), abs(-7));
  }
  long now(void) { return (long)time(NULL); }
  char *shout(const char *s) {           /* returns malloc'd memory */
    char *r = strdup(s);
    for (char *p = r; *p; p++) if (*p >= 'a' && *p <= 'z') *p -= 32;
    return r;
  }
  void release(void *p) { free(p); }
`);

const buf = Buffer.alloc(64);
const n = mod.fn('describe')(buf, buf.length, 'Ada') as number;
console.log(buf.subarray(0, n).toString());
console.log(`time() says ${mod.fn('now')()}`);

const loud = mod.fn('shout')('hello') as bigint; // a char * result is an address
const text = compile('const char *as_text(const char *p) { return p; }');
console.log(text.fn('as_text')(loud)); // read it back as a JS string
mod.fn('release')(loud);
text.dispose();
mod.dispose();
