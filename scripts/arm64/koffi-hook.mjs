// `node --import ./koffi-hook.mjs`: makes `import 'koffi'` resolve to the
// arm64 install that ../shared/arm64/node-arm64-setup.sh made (its
// mods/node_modules/koffi, beside @koromix/koffi-linux-arm64), so the
// emulated ARM64 Node runs this checkout's dist/ without a second
// node_modules. JITCC_ARM64_KOFFI names that koffi directory.
import { register } from 'node:module';

const koffi = process.env.JITCC_ARM64_KOFFI;
if (!koffi) throw new Error('JITCC_ARM64_KOFFI is not set (the arm64 koffi directory)');
register('./koffi-resolve.mjs', import.meta.url, { data: { koffi } });
