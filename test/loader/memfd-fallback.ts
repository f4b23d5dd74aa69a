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
const ranges = () => views().map((l) => l.split(' ')[0]!.split('-').map((x) => BigInt(`0x${x}`)) as [bigint, bigint]);
const inView = (a: bigint) => ranges().some(([lo, hi]) => a >= lo && a < hi);
const code = [first.symbol('bump'), second.symbol('answer')];
const secondIsMemfd = inView(code[1]!) ? 'memfd' : 'anonymous';
first.dispose();
second.dispose();
// (The process-wide callback thunk pages stay: only the modules' views must go.)
process.stdout.write(`first ${firstResult} memfd ${firstPerms}; second ${secondResult} ${secondIsMemfd}; after dispose ${code.filter(inView).length}\n`);
