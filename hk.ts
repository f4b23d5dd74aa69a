import { compile, CompileError } from './src/index.js';
const which = process.argv[2];
let src = '';
if (which === 'chain') { src = '#define a0 x\n'; for (let i = 1; i <= 30; i++) src += `#define a${i} a${i-1} a${i-1}\n`; src += 'int a30;\n'; }
else src = `#include "${which}"\nint x;`;
const t0 = performance.now();
try { compile(src); console.log('compiled?!'); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.split('\n').slice(0, 3).join('\n')); }
console.log(((performance.now() - t0) / 1000).toFixed(1), 's, peak rss', (process.resourceUsage().maxRSS / 1024).toFixed(0), 'MiB');
