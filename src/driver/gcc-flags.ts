// What the driver knows about gcc's flags beyond the ones it acts on: which
// take their value as the next argument, which change nothing for jitcc's
// output (accepted silently, as gcc's own no-op flags are), and which change
// code in ways jitcc does not implement (accepted with a warning, so a build
// goes on as it does with clang when it meets a gcc flag it lacks).
//
// Input: one argument of the command line. Output: a classification.
// Invariant: a flag listed as silent must not change the meaning of the
// program (only speed, diagnostics, debug output or gcc internals); anything
// that can change behaviour is warned about instead.

/** Flags whose value is the next argument when not attached (`-MF file`, `-isystem dir`). */
export const separateValueFlags = new Set([
  '-o', '-I', '-D', '-U', '-x', '-MF', '-MT', '-MQ', '-include', '-imacros', '-isystem', '-iquote', '-idirafter',
  '-iprefix', '-iwithprefix', '-iwithprefixbefore', '-isysroot', '-Xlinker', '-Xassembler', '-Xpreprocessor',
  '-L', '-l', '-u', '-T', '-z', '-aux-info', '--param', '-e',
]);

/**
 * -f/-m/-g/-W-like flags that change nothing jitcc emits: optimisation
 * tuning, diagnostics formatting, unwind tables, hardening jitcc's code needs
 * no instrumentation for, instruction-set tuning (jitcc emits baseline x86-64
 * and predefines no ISA-extension macros, so code takes its portable paths).
 */
const silentPatterns: readonly RegExp[] = [
  // optimisation and code-layout tuning
  /^-f(no-)?(strict-aliasing|strict-overflow|inline.*|unroll-.*|peel-loops|tree-.*|gcse.*|ipa-.*|optimize-.*|schedule-.*|reorder-.*|align-.*|omit-frame-pointer|fast-math|finite-math-only|math-errno|trapping-math|rounding-math|signed-zeros|associative-math|reciprocal-math|unsafe-math-optimizations|expensive-optimizations|merge-constants|merge-all-constants|lto.*|fat-lto-objects|whole-program|builtin.*|jump-tables|plt|semantic-interposition|delete-null-pointer-checks|isolate-erroneous-paths.*|crossjumping|if-conversion.*|defer-pop|guess-branch-probability|cprop-registers|thread-jumps|split-.*|partial-inlining|devirtualize.*|caller-saves|code-hoisting|hoist-adjacent-loads|loop-.*|move-loop-invariants|ivopts|predictive-commoning|prefetch-loop-arrays|sched-.*|var-tracking.*|web|rename-registers|toplevel-reorder|zero-initialized-in-bss|keep-inline-functions|keep-static-.*|gnu89-inline|dce|dse|cse-.*|rerun-cse-after-loop|store-merging|shrink-wrap.*|early-inlining|profile-use.*|branch-probabilities|tracer|vect-cost-model.*|simd-cost-model.*|stdarg-opt|ssa-.*|version-loops-for-strides|wrapv-pointer|allow-store-data-races|fp-contract=.*|excess-precision=.*|permitted-flt-eval-methods=.*|single-precision-constant|dwarf2-cfi-asm|ident|verbose-asm|asm|exceptions|non-call-exceptions|unwind-tables|asynchronous-unwind-tables|stack-protector.*|stack-clash-protection|cf-protection.*|stack-check|hardened|trivial-auto-var-init=.*|zero-call-used-regs=.*|strict-flex-arrays.*|sanitize-recover.*|record-gcc-switches|common|wrapv|data-sections|function-sections|unique-section-names|working-directory|debug-types-section|eliminate-unused-debug-.*|var-tracking-assignments|debug-prefix-map=.*|file-prefix-map=.*|macro-prefix-map=.*|profile-prefix-map=.*|diagnostics-.*|message-length=.*|show-column|max-errors=.*|no-diagnostics-show-.*|color-diagnostics|caret-diagnostics|dollars-in-identifiers|extended-identifiers|signed-bitfields|unsigned-bitfields|threadsafe-statics|visibility-inlines-hidden|keep-.*|errno-math|gnu-keywords|plan9-extensions|strict-volatile-bitfields|var-tracking-uninit|tree-loop-vectorize|openmp-simd|lax-vector-conversions|prefer-vector-width=.*|cx-limited-range|cx-fortran-rules|pch-preprocess|preprocessed|directives-only|working-directory|track-macro-expansion.*|debug-macro|gnu-unique|ipa-ra|use-linker-plugin|no-use-linker-plugin|input-charset=.*|exec-charset=.*|extended-identifiers|char8_t|sized-deallocation|strict-enums|auto-inc-dec|bounds-check|vtable-verify=.*|emit-struct-debug-.*|verbose-asm|PIE|pie)$/,
  // instruction-set and tuning selection for x86-64 / AArch64
  /^-m(64|tune=.*|arch=.*|cpu=.*|fpmath=.*|sse.*|no-sse[3-9].*|avx.*|no-avx.*|fma.*|bmi.*|lzcnt|popcnt|pclmul|aes|sha|rdrnd|rdseed|f16c|movbe|adx|xsave.*|cx16|sahf|abm|prfchw|vzeroupper|no-vzeroupper|red-zone|cmodel=small|branch-protection=.*|stackrealign|incoming-stack-boundary=.*|prefer-avx128|prefer-vector-width=.*|ieee-fp|tls-dialect=.*|no-omit-leaf-frame-pointer|omit-leaf-frame-pointer|shstk|indirect-branch.*|function-return=.*|fentry|record-mcount|outline-atomics|no-outline-atomics|fix-cortex-.*|lp64|little-endian|general-regs-only|neon|crc|crypto|lse|no-lse)$/,
  // debug-format details (-g itself is read by the driver)
  /^-g(gdb|dwarf.*|[0-3]|db[0-3]|z.*|split-dwarf|column-info|no-column-info|pubnames|no-pubnames|record-switches|no-record-switches|strict-dwarf|no-strict-dwarf|inline-points|statement-frontiers|variable-location-views.*|no-.*|btf|ctf|line-tables-only|full|)$/,
  // driver behaviour with no effect on the outputs
  /^-(pipe|pedantic|pedantic-errors|Wpedantic|Q|quiet|time|no-canonical-prefixes|static-libgcc|shared-libgcc|static-libstdc\+\+|no-integrated-as|integrated-as|Qunused-arguments)$/,
];

/** Flags that change code in a way jitcc does not implement: accepted with a warning. */
const warnedPatterns: readonly RegExp[] = [
  /^-f(sanitize=.*|profile-arcs|test-coverage|coverage|instrument-functions.*|openmp|openacc|short-enums|short-wchar|signed-char|unsigned-char|no-signed-char|no-unsigned-char|pack-struct.*|trapv|freestanding|no-hosted|hosted|split-stack|pcc-struct-return|leading-underscore|common|mudflap|patchable-function-entry=.*|stack-usage|callgraph-info.*|dump-.*|opt-info.*|save-optimization-record.*|profile-generate.*|profile-arcs|xray.*|ms-extensions)$/,
  /^-m(cmodel=.*|no-red-zone|32|x32|16|abi=.*|regparm=.*|rtd|align-double|soft-float|general-regs-only|retpoline.*|stack-protector-guard.*|big-endian)$/,
];

export type FlagClass = 'silent' | 'warned' | 'unknown';

/** How the driver treats a flag it does not act on itself. */
export function classifyFlag(arg: string): FlagClass {
  if (warnedPatterns.some((p) => p.test(arg))) return 'warned';
  if (silentPatterns.some((p) => p.test(arg))) return 'silent';
  // -fno-X of a silent -fX is silent too (the patterns above list both spellings for most, this covers the rest).
  const positive = arg.replace(/^-f(no-)?/, '-f').replace(/^-m(no-)?/, '-m');
  if (positive !== arg && silentPatterns.some((p) => p.test(positive))) return 'silent';
  return 'unknown';
}
