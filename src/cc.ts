// The `jitcc` command: a cc-compatible driver. It reads gcc-style flags
// (driver/args.ts), runs the library's build pipeline per C input, writes
// objects / assembly / preprocessed text / make rules, hands assembler
// inputs and linking to the system C compiler driver (`cc`), the way gcc
// hands them to as and ld, and answers the information flags configure
// scripts ask (driver/queries.ts). This is the only module that prints or
// exits. `main` runs in the command's own process (cc-launch.ts) or in a
// compile server's worker standing in for it (compile-server/).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readSourceFile } from './cache/cached-build.js';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildAssembly, buildIrText, buildMachineIrText, buildMacroDump, buildObject, buildPreprocessed, type AnyBuildOptions } from './build.js';
import { jitFeatures } from './jit/lazy.js';
import { objectDts } from './loader/dts.js';
import { CompileError, InternalCompilerError } from './diagnostics.js';
import { writeElf } from './link/elf/write.js';
import { TimeReport, timed, withTimeReport } from './time-report.js';
import { compileInParallel, parallelThreads } from './driver/parallel.js';
import { CodegenThreads, codegenThreadCount } from './driver/parallel-codegen.js';
import { printObject } from './link/print.js';
import { LoadError } from './loader/errors.js';
import { loadObjectFile } from './loader/load.js';
import { mergeObjects } from './loader/merge.js';
import { cpuFeaturesOf, parseArgs, UsageError, type Args, type Input } from './driver/args.js';
import { hostCpuFeatures } from './loader/host-cpu.js';
import { formatMakeRule, type Dependency } from './driver/depfile.js';
import { answerQuery, banner, systemCc } from './driver/queries.js';

const USAGE = `usage: jitcc [options] file...
  -c                compile to an object file (.o)
  -S                compile to assembly (.s)
  -E                preprocess only, to stdout or -o (-P: without line markers)
  -fsyntax-only     check the C, write nothing
  -run file.c args  compile, load into this process and run main(args), as tcc -run
  -o <file>         output file
  -x c|cpp-output|c-header|assembler|assembler-with-cpp|none   language of the inputs that follow
  -                 read the source from standard input (with -x or -E)
  -I <dir>  -iquote <dir>  -isystem <dir>  -idirafter <dir>  -nostdinc   include directories
  -include <file>   include a file before the source
  -D <name>[=<val>] define a macro;  -U <name> undefine it
  -M -MM -MD -MMD -MF <file> -MT <target> -MQ <target> -MP   make dependency rules, as gcc
  -O0 -O1 -O2 -O3   optimisation level (default -O0, as cc)
  -g                debug information
  -fPIC -fpic       code for shared libraries (preemptible globals through the GOT); -fPIE -fno-pic
  -fvisibility=default|hidden|protected|internal   visibility of definitions that name none
  -std=<std>        language standard (c99, c11, gnu11, …)
  --target=<arch>   x86_64 (default) or aarch64
  -w                silence warnings
  -Wall -Wextra -Wshadow -W<name> -Wno-<name>   enable / disable warnings
  -Werror, -Werror=<name>   make (these) warnings errors
  -fdiagnostics-color=always|never|auto   colour diagnostics (auto: when stderr is a terminal)
  -fmax-include-depth=N, -fmax-include-bytes=N, -fmax-macro-expansion=N (tokens),
                    -fmax-macro-expansion-per-use=N (tokens of one macro use), -fmax-source-bytes=N
                    limits on one translation unit's preprocessing (defaults: 200, 64 MiB, 4M, 500k, 32 MiB)
  -dM               with -E: print the macro definitions
  -ftime-report     print the time each compiler phase took, per file, on stderr
  -l<lib> -L<dir> -Wl,<opts> -Xlinker <opt> -static -shared -pthread   passed to the linker
  -v --version -dumpversion -dumpmachine -print-prog-name=<p> -print-file-name=<f>   as gcc answers them
  --dump=ir|mir|asm|object  print the optimised IR, the machine IR before register allocation,
                    the code as jitcc's disassembler reads it, or the object's contents
  --emit-dts        write TypeScript declarations of the external functions and globals (file.d.ts beside file.c, or -o)
  --dump-after=<pass>  print the IR after each run of an optimisation pass
  --debug           show stack traces of internal errors
Other gcc flags that change nothing for jitcc are accepted silently; unknown ones draw a warning.`;

function buildOptions(a: Args, file: string, input: Input, onInclude?: (path: string, isSystem: boolean) => void): AnyBuildOptions {
  return {
    ...(a.timeReport ? { timeReport: new TimeReport() } : {}),
    file, optimize: a.optimize, defines: a.defines, undefines: a.undefines, includePaths: a.includePaths,
    quoteIncludePaths: a.quoteIncludePaths, systemIncludePaths: a.systemIncludePaths, afterIncludePaths: a.afterIncludePaths,
    noStdInc: a.noStdInc, forcedIncludes: a.forcedIncludes, isPreprocessed: input.lang === 'cpp-output', onInclude,
    pic: a.pic === 'pic', visibility: a.visibility, functionSections: a.functionSections, limits: a.limits,
    std: a.std, target: a.target, debug: a.debug, color: a.color, warnings: a.warnings,
    cpuFeatures: cpuFeaturesOf(a, hostFeatures), builtins: a.builtins,
    onPass: a.dumpAfter ? (pass, ir) => { if (pass === a.dumpAfter || a.dumpAfter === 'all') process.stderr.write(`; after ${pass}\n${ir}\n`); } : undefined,
  };
}

/** This CPU's extensions, when the code is for the host's architecture (-march=native, -run). */
function hostFeatures(): readonly string[] {
  return process.arch === 'x64' ? hostCpuFeatures() : [];
}

/** `dir/name.c` → `name` + ext in the working directory, as gcc names outputs. */
function replaceExt(path: string, ext: string): string {
  return basename(path).replace(/\.[^.]*$/, '') + ext;
}

function readInput(a: Args, input: Input): { file: string; text: string } {
  if (input.path === '-') return { file: '<stdin>', text: readFileSync(0, 'latin1') };
  return { file: input.path, text: readSourceFile(input.path, a.limits.sourceBytes) };
}

/** Writes the -M rule: to -MF, or for -M/-MM to -o or stdout, or for -MD beside the output. */
function writeDependencies(a: Args, input: Input, deps: readonly Dependency[]): void {
  const d = a.deps;
  const stem = input.path === '-' ? '-' : replaceExt(input.path, '');
  const targets = d.targets.length > 0 ? d.targets
    : d.onlyRule ? [input.path === '-' ? '-' : stem + '.o']
    : [a.output !== null && a.mode === 'object' ? a.output : stem + '.o'];
  const rule = formatMakeRule(targets, input.path === '-' ? null : input.path, deps, d);
  if (d.onlyRule) {
    const out = d.file ?? a.output;
    if (out === null || out === '-') process.stdout.write(rule); else writeFileSync(out, rule);
    return;
  }
  const file = d.file ?? (a.output !== null && a.mode === 'object' ? a.output.replace(/\.[^./]*$/, '') : stem) + '.d';
  writeFileSync(file, rule);
}

function stripLineMarkers(text: string): string {
  return text.replace(/^# \d+ "[^\n]*\n/gm, '');
}

/** Compiles one C input according to the mode; returns the object path written (for linking). */
function compileOne(a: Args, input: Input, linkDir: string | null): string | null {
  const { file, text } = readInput(a, input);
  const deps: Dependency[] = [];
  const wantsDeps = a.deps.onlyRule || a.deps.alongside;
  const opts = buildOptions(a, file, input, wantsDeps ? (path, isSystem) => deps.push({ path, isSystem }) : undefined);
  // The library's warning policy already dropped what -w / -Wno-… silence.
  const report = (formatted: string, hasWarnings: boolean) => {
    if (hasWarnings && formatted) process.stderr.write(formatted + '\n');
  };
  // A large unit's functions are compiled on several threads; they start loading now, while the frontend runs.
  const threads = a.mode === 'object' || a.mode === 'link' ? codegenThreadCount(a) : 0;
  const pool = threads > 0 ? new CodegenThreads(threads) : null;
  if (text.length >= 1 << 20) pool?.start();
  let written: string | null;
  try {
    const withThreads = pool !== null ? { ...opts, compileParts: pool.compileParts.bind(pool) } : opts;
    written = compileInMode(a, input, file, text, withThreads, linkDir, report);
  } finally {
    pool?.close();
  }
  if (wantsDeps) writeDependencies(a, input, deps);
  return written;
}

function compileInMode(a: Args, input: Input, file: string, text: string, opts: AnyBuildOptions, linkDir: string | null,
  report: (formatted: string, hasWarnings: boolean) => void): string | null {
  if (a.mode === 'preprocess') {
    const r = a.dumpMacros ? buildMacroDump(text, opts) : buildPreprocessed(text, opts);
    report(r.formatted, r.diagnostics.length > 0);
    if (a.deps.onlyRule) return null;
    const output = a.noLineMarkers ? stripLineMarkers(r.output) : r.output;
    if (a.output && a.output !== '-') writeFileSync(a.output, output); else process.stdout.write(output);
    return null;
  }
  if (input.lang === 'c-header') {
    process.stderr.write(`jitcc: warning: ${input.path}: precompiled headers are not supported; nothing written\n`);
    return null;
  }
  if (a.dump === 'ir' || a.dump === 'mir' || a.mode === 'syntax') {
    const r = a.dump === 'mir' ? buildMachineIrText(text, opts) : buildIrText(text, opts);
    report(r.formatted, r.diagnostics.length > 0);
    if (a.dump !== null) process.stdout.write(r.output);
    return null;
  }
  if (a.mode === 'assembly') {
    const r = buildAssembly(text, opts);
    report(r.formatted, r.diagnostics.length > 0);
    const out = a.output ?? replaceExt(input.path, '.s');
    if (out === '-') process.stdout.write(r.output); else writeFileSync(out, r.output);
    return null;
  }
  const r = buildObject(text, opts);
  report(r.formatted, r.diagnostics.length > 0);
  if (a.dump === 'object') {
    process.stdout.write(printObject(r.output));
    return null;
  }
  if (a.dump === 'asm') {
    process.stdout.write(jitFeatures().listObjectCode(r.output));
    return null;
  }
  if (a.emitDts) {
    const dts = objectDts(r.output, basename(file));
    const out = a.output ?? input.path.replace(/\.[^./]*$/, '') + '.d.ts';
    if (out === '-') process.stdout.write(dts); else writeFileSync(out, dts);
    return null;
  }
  const out = linkDir ? join(linkDir, `${Math.random().toString(36).slice(2)}-${replaceExt(input.path, '.o')}`) : a.output ?? replaceExt(input.path, '.o');
  writeFileSync(out, withTimeReport(opts.timeReport ?? null, () => timed('object', () => writeElf(r.output))));
  if (opts.timeReport) process.stderr.write(`${input.path}:\n${opts.timeReport.format()}`);
  return out;
}

/** Assembler inputs (.s, .S): the system cc assembles them, as gcc runs as. Returns the object, or null after an error. */
function assembleOne(a: Args, input: Input, linkDir: string | null): string | null | 'failed' {
  if (a.mode === 'assembly') {
    process.stderr.write(`jitcc: warning: ${input.path}: assembler input file unused because -S was given\n`);
    return null;
  }
  const cpp = [
    ...Object.entries(a.defines).map(([k, v]) => `-D${k}=${v}`), ...a.undefines.map((u) => `-U${u}`),
    ...a.includePaths.map((d) => `-I${d}`), ...a.systemIncludePaths.flatMap((d) => ['-isystem', d]),
  ];
  const out = a.mode === 'preprocess' ? (a.output ?? '-')
    : linkDir ? join(linkDir, `${Math.random().toString(36).slice(2)}-${replaceExt(input.path, '.o')}`) : a.output ?? replaceExt(input.path, '.o');
  const args = [a.mode === 'preprocess' ? '-E' : '-c', '-x', input.lang, ...cpp, input.path, '-o', out];
  const r = spawnSync(systemCc(a.target), args, { stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    if (r.error) process.stderr.write(`jitcc: error: cannot run '${systemCc(a.target)}' to assemble ${input.path}: ${r.error.message}\n`);
    return 'failed';
  }
  return a.mode === 'preprocess' ? null : out;
}

/**
 * -run: compiles every source through the library, loads the merged module
 * into this process and calls its main, as `tcc -run` does. `-lname` opens
 * libname.so (libc, libm, libdl and libpthread are already in the process).
 */
function runInProcess(a: Args): number {
  const inputs = a.inputs.filter((x) => x.lang === 'c' || x.lang === 'cpp-output');
  const names = inputs.map((x) => readInput(a, x).file);
  const objects = inputs.map((x) => {
    const { file, text } = readInput(a, x);
    const r = buildObject(text, buildOptions(a, file, x));
    if (r.diagnostics.length > 0 && r.formatted) process.stderr.write(r.formatted + '\n');
    return r.output;
  });
  const inProcess = new Set(['c', 'm', 'dl', 'pthread', 'rt']);
  const libraries = a.linkArgs.filter((x) => x.startsWith('-l') && !inProcess.has(x.slice(2))).map((x) => `lib${x.slice(2)}.so`);
  const module = loadObjectFile(mergeObjects(objects, names), { libraries });
  return module.runMain(a.programArgs, names[names.length - 1]);
}

function link(a: Args, objects: string[]): number {
  // The system compiler driver knows the C runtime start files and libraries, as gcc's own driver does for ld.
  const args = [...objects, ...a.linkArgs, '-o', a.output ?? 'a.out'];
  const cc = systemCc(a.target);
  const r = spawnSync(cc, args, { stdio: 'inherit' });
  if (r.error) {
    process.stderr.write(`jitcc: error: cannot run the system linker '${cc}': ${r.error.message}\n`);
    return 1;
  }
  return r.status ?? 1;
}

function reportCompileError(a: Args, e: CompileError): void {
  process.stderr.write(e.formatted + '\n');
  // gcc's closing remark when -Werror turned warnings into the errors that failed the build.
  if (e.diagnostics.some((d) => d.promoted)) {
    const all = a.warnings.lastIndexOf('-Werror') > a.warnings.lastIndexOf('-Wno-error');
    process.stderr.write(`jitcc: ${all ? 'all' : 'some'} warnings being treated as errors\n`);
  }
}

/** Reports what escaped a build: bad C (exit 1), a file-system error (1), or a bug in jitcc (exit 4). */
function reportFailure(a: Args, e: unknown): number {
  if (e instanceof CompileError) {
    reportCompileError(a, e);
    return 1;
  }
  if (e instanceof InternalCompilerError) {
    process.stderr.write(e.loc || e.file ? `${e.message}\n` : `jitcc: ${e.message}\n`);
    if (a.showStack) process.stderr.write((e.causeStack ?? e.stack ?? '') + '\n');
    else process.stderr.write('jitcc: rerun with --debug for a stack trace, and please report this bug\n');
    return 4;
  }
  if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('E')) {
    process.stderr.write(`jitcc: error: ${e.message}\n`);
    return 1;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`jitcc: internal compiler error: ${msg}\n`);
  if (a.showStack && e instanceof Error) process.stderr.write((e.stack ?? '') + '\n');
  return 4;
}

/**
 * Input `index` of the command line, compiled, assembled or preprocessed:
 * the object written (for linking), whether it failed, and the exit status
 * when the driver must stop here (an internal error). Also the unit of work
 * of a compile thread (driver/parallel.ts).
 */
export function compileInput(a: Args, index: number, linkDir: string | null): { object: string | null; failed: boolean; fatal: number | null } {
  const input = a.inputs[index]!;
  try {
    const obj = input.lang === 'assembler' || input.lang === 'assembler-with-cpp' ? assembleOne(a, input, linkDir) : compileOne(a, input, linkDir);
    return { object: obj === 'failed' ? null : obj, failed: obj === 'failed', fatal: null };
  } catch (e) {
    if (e instanceof CompileError) {
      reportCompileError(a, e);
      return { object: null, failed: true, fatal: null };
    }
    return { object: null, failed: true, fatal: reportFailure(a, e) };
  }
}

/** Compiles, assembles or preprocesses every input (several at once when worth it); links when the mode is 'link'. */
function build(a: Args): number {
  const linkDir = a.mode === 'link' && !a.dump && !a.emitDts ? mkdtempSync(join(tmpdir(), 'jitcc-')) : null;
  try {
    const objects: string[] = [];
    let failed = false;
    const threads = parallelThreads(a);
    const done = threads > 0 ? compileInParallel(a, linkDir, threads) : [];
    for (let i = 0; i < a.inputs.length; i++) {
      const r = done[i] ?? null;
      if (r !== null) {
        process.stdout.write(r.stdout);
        process.stderr.write(r.stderr);
      }
      const { object, failed: hasFailed, fatal } = r ?? compileInput(a, i, linkDir);
      if (fatal !== null) return fatal;
      if (hasFailed) failed = true;
      else if (object) objects.push(object);
    }
    if (!linkDir) {
      // gcc's warning for objects and libraries named while not linking.
      for (const x of a.linkArgs) if (!x.startsWith('-')) process.stderr.write(`jitcc: warning: ${x}: linker input file unused because linking not done\n`);
    }
    if (failed) return 1;
    if (linkDir) return link(a, objects);
    return 0;
  } catch (e) {
    return reportFailure(a, e);
  } finally {
    if (linkDir) rmSync(linkDir, { recursive: true, force: true });
  }
}

export function main(argv: string[]): number {
  let a: Args;
  try {
    a = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`jitcc: error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  for (const n of a.notes) process.stderr.write(`jitcc: warning: ${n}\n`);
  if (a.query !== null) {
    const r = answerQuery(a.query, a.target, USAGE);
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    return r.status;
  }
  if (a.verbose) process.stderr.write(banner(a.target));
  if (a.mode === 'run') {
    try {
      return runInProcess(a);
    } catch (e) {
      if (e instanceof LoadError) {
        process.stderr.write(`jitcc: error: ${e.message}\n`);
        return 1;
      }
      return reportFailure(a, e);
    }
  }
  return build(a);
}
