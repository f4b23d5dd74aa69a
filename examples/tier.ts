// Tiering: callable at once from a quick -O0 build, -O2 code swapped in
// when the worker thread has built it — the same function object throughout.
// Run: npx tsx examples/tier.ts
import { compile } from 'jitcc';

const mod = compile(`
long calls;
long collatz_steps(long n) { long s = 0; calls++; while (n != 1) { n = n % 2 ? 3 * n + 1 : n / 2; s++; } return s; }
long longest(long below) { long best = 0; for (long i = 1; i < below; i++) { long s = collatz_steps(i); if (s > best) best = s; } return best; }
`, { tier: 'auto' });

const longest = mod.fn('longest');
let t0 = performance.now();
console.log(`tier ${mod.tier('longest')}: ${longest(300_000)} in ${(performance.now() - t0).toFixed(0)} ms`);
await mod.whenTiered(); // or just keep calling: the switch happens between two calls
t0 = performance.now();
console.log(`tier ${mod.tier('longest')}: ${longest(300_000)} in ${(performance.now() - t0).toFixed(0)} ms`);
console.log(`collatz_steps ran ${mod.global('calls').value} times, counted in one global across both tiers`);
mod.dispose();
