#!/usr/bin/env node
// The `jitcc` command: a cc-compatible driver. It parses gcc-style flags,
// runs the library's build pipeline per source file, writes objects /
// assembly / preprocessed text, and hands linking to the system C compiler
// driver (`cc`), the way gcc hands it to ld. This is the only module that
// prints or exits.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildAssembly, buildIrText, buildMacroDump, buildObject, buildPreprocessed, type BuildOptions } from './build.js';
import { objectDts } from './loader/dts.js';
import { CompileError, InternalCompilerError } from './diagnostics.js';
import { writeElf } from './link/elf/write.js';
import { printObject } from './link/print.js';
import { LoadError } from './loader/errors.js';
import { loadObject } from './loader/load.js';
import { mergeObjects } from './loader/merge.js';
import type { TargetName } from './codegen/core/target.js';
import { archFeatures } from './codegen/targets.js';
import { hostCpuFeatures } from './loader/host-cpu.js';

type Mode = 'link' | 'object' | 'assembly' | 'preprocess' | 'run';
type Dump = 'ir' | 'object';

interface Args {
  mode: Mode;
  output: string | null;
  sources: string[];
  /** Objects, archives and linker flags, in command-line order. */
  linkArgs: string[];
  defines: Record<string, string>;
  undefines: string[];
  includePaths: string[];
  optimize: number;
  std: string;
  target: TargetName;
  debug: boolean;
  showStack: boolean;
  /** `-w`, `-W…` warning options in order (the library's policy reads them); `-Wl,` excluded. */
  warnings: string[];
  color: boolean;
  /** `-dM` with `-E`: print the macro definitions instead of the preprocessed text. */
  dumpMacros: boolean;
  dump: Dump | null;
  dumpAfter: string | null;
  /** --emit-dts: write TypeScript declarations instead of an object. */
  emitDts: boolean;
  /** -run: the arguments after the program's source file, for its main. */
  programArgs: string[];
  /** -march=<name> (null: x86-64's baseline for objects, the host's for -run). */
  march: string | null;
  /** -m<ext> / -mno-<ext> for the extensions the code generator knows, in order. */
  featureEdits: [string, boolean][];
  /** false after -fno-builtin or -ffreestanding. */
  builtins: boolean;
}

class UsageError extends Error {}

const USAGE = `usage: jitcc [options] file...
  -c                compile to an object file (.o)
  -S                compile to assembly (.s)
  -E                preprocess only, to stdout or -o
  -run file.c args  compile, load into this process and run main(args), as tcc -run
  -o <file>         output file
  -I <dir>          add an include directory
  -D <name>[=<val>] define a macro;  -U <name> undefine it
  -O0 -O1 -O2 -O3   optimisation level (default -O0, as cc)
  -g                debug information
  -std=<std>        language standard (c99, c11, gnu11, …)
  -march=<cpu>      instruction-set extensions to use (x86-64 default, native, x86-64-v2, haswell, …); -msse4.1 -mno-sse4.1 …
  -fno-builtin      library functions (sqrt, fabs, …) stay calls
  --target=<arch>   x86_64 (default) or aarch64
  -w                silence warnings
  -Wall -Wextra -Wshadow -W<name> -Wno-<name>   enable / disable warnings
  -Werror, -Werror=<name>   make (these) warnings errors
  -fdiagnostics-color=always|never|auto   colour diagnostics (auto: when stderr is a terminal)
  -dM               with -E: print the macro definitions
  -l<lib> -L<dir> -Wl,<opts> -static -shared   passed to the linker
  --dump=ir|object  print the optimised IR or the object's contents instead of writing output
  --emit-dts        write TypeScript declarations of the external functions and globals (file.d.ts beside file.c, or -o)
  --dump-after=<pass>  print the IR after each run of an optimisation pass
  --debug           show stack traces of internal errors`;

function parseArgs(argv: string[]): Args {
  const a: Args = {
    mode: 'link', output: null, sources: [], linkArgs: [], defines: {}, undefines: [], includePaths: [],
    optimize: 0, std: 'gnu11', target: 'x86_64', debug: false, showStack: false, warnings: [],
    color: process.stderr.isTTY ?? false, dumpMacros: false, dump: null, dumpAfter: null, emitDts: false,
    programArgs: [], march: null, featureEdits: [], builtins: true,
  };
  // Flags that take their value as the next argument when not attached (`-o x`, `-I dir`).
  const takeValue = (i: number, flag: string): [string, number] => {
    const arg = argv[i]!;
    if (arg.length > flag.length) return [arg.slice(flag.length), i];
    if (i + 1 >= argv.length) throw new UsageError(`missing argument to '${flag}'`);
    return [argv[i + 1]!, i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-c') a.mode = 'object';
    else if (arg === '-run') a.mode = 'run';
    else if (arg === '-S') a.mode = 'assembly';
    else if (arg === '-E') a.mode = 'preprocess';
    else if (arg.startsWith('-o')) [a.output, i] = takeValue(i, '-o');
    else if (arg.startsWith('-I')) { let v: string; [v, i] = takeValue(i, '-I'); a.includePaths.push(v); }
    else if (arg.startsWith('-D')) {
      let v: string; [v, i] = takeValue(i, '-D');
      const eq = v.indexOf('=');
      if (eq < 0) a.defines[v] = '1'; else a.defines[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (arg.startsWith('-U')) { let v: string; [v, i] = takeValue(i, '-U'); a.undefines.push(v); }
    else if (/^-O[0-3sgz]?$/.test(arg)) a.optimize = arg === '-O' ? 1 : /[0-3]/.test(arg[2] ?? '') ? Number(arg[2]) : 2;
    else if (arg === '-g' || /^-g[0-3]$/.test(arg) || arg.startsWith('-gdwarf')) a.debug = true;
    else if (arg.startsWith('-std=')) a.std = arg.slice(5);
    else if (arg.startsWith('--target=')) a.target = parseTarget(arg.slice(9));
    else if (arg === '-target') { a.target = parseTarget(argv[++i] ?? ''); }
    else if (arg === '-w') a.warnings.push(arg);
    else if (arg === '-dM') a.dumpMacros = true;
    else if (arg.startsWith('-Wl,') || arg.startsWith('-l') || arg.startsWith('-L') || arg === '-static' || arg === '-shared' || arg === '-pthread' || arg === '-rdynamic') {
      if ((arg === '-l' || arg === '-L') && i + 1 < argv.length) a.linkArgs.push(arg + argv[++i]);
      else a.linkArgs.push(arg);
    } else if (arg.startsWith('-W') || arg.startsWith('-f') || arg.startsWith('-m') || arg === '-pedantic' || arg === '-pipe' || arg.startsWith('-pedantic-errors') || arg === '-ansi') {
      if (arg === '-fdiagnostics-color' || arg === '-fdiagnostics-color=always') a.color = true;
      else if (arg === '-fdiagnostics-color=never' || arg === '-fno-diagnostics-color') a.color = false;
      else if (arg === '-fdiagnostics-color=auto') a.color = process.stderr.isTTY ?? false;
      else if (arg === '-fpermissive' || (arg.startsWith('-W') && !arg.startsWith('-Wp,') && !arg.startsWith('-Wa,'))) a.warnings.push(arg);
      else if (arg.startsWith('-march=')) a.march = arg.slice(7);
      else if (arg === '-fno-builtin' || arg === '-ffreestanding') a.builtins = false;
      else if (arg === '-fbuiltin' || arg === '-fhosted') a.builtins = true;
      else if (/^-m(no-)?(sse4\.1|sse4\.2|sse4|popcnt|avx|avx2|bmi|bmi2|fma)$/.test(arg)) {
        const isOff = arg.startsWith('-mno-');
        const name = arg.slice(isOff ? 5 : 2);
        // -msse4 is gcc's name for both SSE4.1 and SSE4.2.
        for (const f of name === 'sse4' ? ['sse4.1', 'sse4.2'] : [name]) a.featureEdits.push([f, !isOff]);
      }
      // Other warning, code-generation and machine flags are accepted and ignored, as tcc does.
    } else if (arg.startsWith('--dump=')) a.dump = parseDump(arg.slice(7));
    else if (arg.startsWith('--dump-after=')) a.dumpAfter = arg.slice(13);
    else if (arg === '--emit-dts') a.emitDts = true;
    else if (arg === '--debug') a.showStack = true;
    else if (arg === '--help' || arg === '-h') { process.stdout.write(USAGE + '\n'); process.exit(0); }
    else if (arg === '--version' || arg === '-v') { process.stdout.write('jitcc 0.1.0\n'); process.exit(0); }
    else if (arg === '-x') { const lang = argv[++i]; if (lang !== 'c' && lang !== 'none') throw new UsageError(`language '${lang}' not recognized`); }
    else if (arg.startsWith('-')) throw new UsageError(`unrecognized command-line option '${arg}'`);
    else if (arg.endsWith('.c') || arg.endsWith('.h')) {
      a.sources.push(arg);
      // tcc's convention: everything after the source that follows -run belongs to the program.
      if (a.mode === 'run') { a.programArgs = argv.slice(i + 1); break; }
    }
    else a.linkArgs.push(arg);
  }
  if (a.sources.length === 0 && a.linkArgs.every((x) => x.startsWith('-'))) throw new UsageError('no input files');
  cpuFeatures(a); // an unknown -march is a usage error, before anything is compiled
  if (a.output && a.mode !== 'link' && a.sources.length > 1) throw new UsageError('cannot specify -o with -c, -S or -E with multiple files');
  return a;
}

function parseTarget(s: string): TargetName {
  if (/^(x86_64|x86-64|amd64)/.test(s)) return 'x86_64';
  if (/^(aarch64|arm64)/.test(s)) return 'aarch64';
  throw new UsageError(`unknown target '${s}' (known: x86_64, aarch64)`);
}

function parseDump(s: string): Dump {
  if (s === 'ir' || s === 'object') return s;
  throw new UsageError(`unknown --dump stage '${s}' (known: ir, object)`);
}

/** The extensions -march and -m<ext> allow; code run in this process (-run) defaults to the host's, as -march=native. */
function cpuFeatures(a: Args): string[] {
  const isHost = a.march === 'native' || (a.march === null && a.mode === 'run');
  const base = isHost ? (a.target === 'x86_64' && process.arch === 'x64' ? hostCpuFeatures() : []) : a.march === null ? [] : archFeatures(a.target, a.march);
  if (base === null) throw new UsageError(`bad value '${a.march}' for '-march=' switch`);
  const set = new Set(base);
  for (const [f, on] of a.featureEdits) if (on) set.add(f); else set.delete(f);
  return [...set].sort();
}

function buildOptions(a: Args, file: string): BuildOptions {
  return {
    file, optimize: a.optimize, defines: a.defines, undefines: a.undefines, includePaths: a.includePaths,
    std: a.std, target: a.target, debug: a.debug, color: a.color, warnings: a.warnings,
    cpuFeatures: cpuFeatures(a), builtins: a.builtins,
    onPass: a.dumpAfter ? (pass, ir) => { if (pass === a.dumpAfter || a.dumpAfter === 'all') process.stderr.write(`; after ${pass}\n${ir}\n`); } : undefined,
  };
}

function replaceExt(path: string, ext: string): string {
  return basename(path).replace(/\.[^.]*$/, '') + ext;
}

/** Compiles one source file according to the mode; returns the path written (for linking). */
function compileOne(a: Args, src: string, linkDir: string | null): string | null {
  const text = readFileSync(src, 'latin1');
  const opts = buildOptions(a, src);
  // The library's warning policy already dropped what -w / -Wno-… silence.
  const report = (formatted: string, hasWarnings: boolean) => {
    if (hasWarnings && formatted) process.stderr.write(formatted + '\n');
  };
  if (a.mode === 'preprocess') {
    const r = a.dumpMacros ? buildMacroDump(text, opts) : buildPreprocessed(text, opts);
    report(r.formatted, r.diagnostics.length > 0);
    if (a.output) writeFileSync(a.output, r.output); else process.stdout.write(r.output);
    return null;
  }
  if (a.dump === 'ir') {
    const r = buildIrText(text, opts);
    report(r.formatted, r.diagnostics.length > 0);
    process.stdout.write(r.output);
    return null;
  }
  if (a.mode === 'assembly') {
    const r = buildAssembly(text, opts);
    report(r.formatted, r.diagnostics.length > 0);
    const out = a.output ?? replaceExt(src, '.s');
    if (out === '-') process.stdout.write(r.output); else writeFileSync(out, r.output);
    return null;
  }
  const r = buildObject(text, opts);
  report(r.formatted, r.diagnostics.length > 0);
  if (a.dump === 'object') {
    process.stdout.write(printObject(r.output));
    return null;
  }
  if (a.emitDts) {
    const dts = objectDts(r.output, basename(src));
    const out = a.output ?? src.replace(/\.[^./]*$/, '') + '.d.ts';
    if (out === '-') process.stdout.write(dts); else writeFileSync(out, dts);
    return null;
  }
  const out = linkDir ? join(linkDir, `${Math.random().toString(36).slice(2)}-${replaceExt(src, '.o')}`) : a.output ?? replaceExt(src, '.o');
  writeFileSync(out, writeElf(r.output));
  return out;
}

/**
 * -run: compiles every source through the library, loads the merged module
 * into this process and calls its main, as `tcc -run` does. `-lname` opens
 * libname.so (libc, libm, libdl and libpthread are already in the process).
 */
function runInProcess(a: Args): number {
  const objects = a.sources.map((src) => {
    const r = buildObject(readFileSync(src, 'latin1'), buildOptions(a, src));
    if (r.diagnostics.length > 0 && r.formatted) process.stderr.write(r.formatted + '\n');
    return r.output;
  });
  const inProcess = new Set(['c', 'm', 'dl', 'pthread', 'rt']);
  const libraries = a.linkArgs.filter((x) => x.startsWith('-l') && !inProcess.has(x.slice(2))).map((x) => `lib${x.slice(2)}.so`);
  const module = loadObject(mergeObjects(objects, a.sources), { libraries });
  return module.runMain(a.programArgs, a.sources[a.sources.length - 1]);
}

function link(a: Args, objects: string[]): number {
  // The system compiler driver knows the C runtime start files and libraries, as gcc's own driver does for ld.
  const args = [...objects, ...a.linkArgs, '-o', a.output ?? 'a.out'];
  if (a.target === 'aarch64') {
    const r = spawnSync('aarch64-linux-gnu-gcc', args, { stdio: 'inherit' });
    return r.error ? (process.stderr.write(`jitcc: error: cannot run the aarch64 linker: ${r.error.message}\n`), 1) : r.status ?? 1;
  }
  const r = spawnSync('cc', args, { stdio: 'inherit' });
  if (r.error) {
    process.stderr.write(`jitcc: error: cannot run the system linker 'cc': ${r.error.message}\n`);
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

function main(argv: string[]): number {
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
  const linkDir = a.mode === 'link' && !a.dump && !a.emitDts ? mkdtempSync(join(tmpdir(), 'jitcc-')) : null;
  try {
    const objects: string[] = [];
    let failed = false;
    for (const src of a.sources) {
      try {
        const obj = compileOne(a, src, linkDir);
        if (obj) objects.push(obj);
      } catch (e) {
        if (!(e instanceof CompileError)) throw e;
        reportCompileError(a, e);
        failed = true;
      }
    }
    if (failed) return 1;
    if (linkDir) return link(a, [...objects]);
    return 0;
  } catch (e) {
    return reportFailure(a, e);
  } finally {
    if (linkDir) rmSync(linkDir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
