// Child process of memfd.test.ts, run with JITCC_TEST_DENY_ANON_EXEC=1: the
// first module's r-x mprotect "fails" as under SELinux execmem denial, the
// loader moves it to a memfd, and the next module starts as one.
import { readFileSync } from 'node:fs';
import { compile } from '../../src/index.js';

const views = () => readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l.includes('/memfd:jitcc-code'));
const first = compile('int counter = 5; int bump(int by) { counter += by; return counter * 4; }');
const firstResult = first.fn('bump')(2);
const firstPerms = views().some((l) => / r-xs /.test(l)) ? 'r-xs' : 'none';
const second = compile('int answer(void) { return 42; }');
const secondResult = second.fn('answer')();
const secondIsMemfd = views().length > 2 ? 'memfd' : 'anonymous';
first.dispose();
second.dispose();
process.stdout.write(`first ${firstResult} memfd ${firstPerms}; second ${secondResult} ${secondIsMemfd}; after dispose ${views().length}\n`);
