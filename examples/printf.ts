// C code calling libc: printf and strlen are resolved by the loader in this process.
// Run: npx tsx examples/printf.ts
import { compile } from 'jitcc';

const mod = compile(`
  int printf(const char *fmt, ...);
  unsigned long strlen(const char *s);
  int fflush(void *stream);
  int greet(const char *name) {
    int n = printf("hello, %s! your name has %lu letters\\n", name, strlen(name));
    fflush(0); /* C's stdout is buffered separately from Node's */
    return n;
  }
`);
const written = mod.fn('greet')('world');
console.log(`printf wrote ${written} characters`);
mod.dispose();
