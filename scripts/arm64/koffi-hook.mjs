// `node --import ./koffi-hook.mjs`: makes 'koffi' resolve to the arm64
// install that ../shared/arm64/node-arm64-setup.sh made (its
// mods/node_modules/koffi, beside @koromix/koffi-linux-arm64), so the
// emulated ARM64 Node runs this checkout's dist/ without a second
// node_modules. JITCC_ARM64_KOFFI names that koffi directory.
// Both ways of loading it are redirected: `import 'koffi'` through a
// resolution hook, and `require('koffi')` (the library bundle is CommonJS,
// and Node 20's hooks do not reach require) through the CommonJS resolver.
import Module, { register } from 'node:module';
import { join } from 'node:path';

const koffi = process.env.JITCC_ARM64_KOFFI;
if (!koffi) throw new Error('JITCC_ARM64_KOFFI is not set (the arm64 koffi directory)');
register('./koffi-resolve.mjs', import.meta.url, { data: { koffi } });

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'koffi' ? join(koffi, 'index.cjs') : request, ...rest);
};
