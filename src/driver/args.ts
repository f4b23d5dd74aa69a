// The `jitcc` command line, read the way gcc's driver reads it.
//
// Input: argv after the program name. Output: an Args record (what to do,
// the inputs with their languages, preprocessor, code-generation and
// dependency options, linker arguments in order) or a Query for the
// information flags configure scripts ask (`-dumpmachine`, `--version`…).
// Bad usage throws UsageError. Flags that jitcc does not act on are sorted
// by gcc-flags.ts: silent, or a warning in `Args.notes`; none is fatal.
//
// Inputs take their language from `-x` when one is in force, otherwise from
// the suffix (gcc's table): .c → C, .i → preprocessed C, .s / .S / .sx →
// assembler (handed to the system cc, as gcc hands it to as), .h → C header,
// anything else → the linker. `-` is standard input and needs `-x` or `-E`.

import type { TargetName } from '../codegen/core/target.js';
import { hostTarget } from '../codegen/host-target.js';
import { classifyFlag, separateValueFlags } from './gcc-flags.js';
import { archFeatures } from '../codegen/targets.js';
import { closestName } from '../diagnostics.js';
import { LIMIT_FLAGS, type PreprocessLimits, STD_NAMES } from '../frontend/options.js';

export type Mode = 'link' | 'object' | 'assembly' | 'preprocess' | 'syntax' | 'run';
export type Dump = 'ir' | 'mir' | 'asm' | 'object';
export type Lang = 'c' | 'cpp-output' | 'c-header' | 'assembler' | 'assembler-with-cpp';
export type PicMode = 'none' | 'pic' | 'pie';
export type Visibility = 'default' | 'hidden' | 'protected' | 'internal';

export interface Input {
  /** A path, or `-` for standard input. */
  readonly path: string;
  readonly lang: Lang;
}

/** gcc's -M family: which rule to write, where, and for which target. */
export interface DepOptions {
  /** -M / -MM: the rule replaces the normal output (implies -E). */
  onlyRule: boolean;
  /** -MD / -MMD: the rule is written beside the normal output. */
  alongside: boolean;
  /** -MM / -MMD: leave out system headers and what they include. */
  skipSystem: boolean;
  /** -MF */
  file: string | null;
  /** -MT / -MQ targets, already quoted for make where -MQ asked. */
  targets: string[];
  /** -MP: a phony rule per header, so deleting one does not break make. */
  phony: boolean;
}

export interface Args {
  mode: Mode;
  output: string | null;
  inputs: Input[];
  /** Objects, archives and linker flags, in command-line order. */
  linkArgs: string[];
  defines: Record<string, string>;
  undefines: string[];
  includePaths: string[];
  quoteIncludePaths: string[];
  systemIncludePaths: string[];
  afterIncludePaths: string[];
  /** -include files, in order. */
  forcedIncludes: string[];
  /** -nostdinc: no bundled or system include directories. */
  noStdInc: boolean;
  optimize: number;
  std: string;
  target: TargetName;
  debug: boolean;
  pic: PicMode;
  functionSections: boolean;
  visibility: Visibility;
  showStack: boolean;
  /** `-w`, `-W…` warning options in order (the library's policy reads them); `-Wl,` excluded. */
  warnings: string[];
  color: boolean;
  /** `-dM` with `-E`: print the macro definitions instead of the preprocessed text. */
  dumpMacros: boolean;
  /** -P with -E: no line markers. */
  noLineMarkers: boolean;
  deps: DepOptions;
  dump: Dump | null;
  dumpAfter: string | null;
  /** --emit-dts: write TypeScript declarations instead of an object. */
  emitDts: boolean;
  /** -run: the arguments after the program's source file, for its main. */
  programArgs: string[];
  /** -v: print the version banner on stderr, then carry on. */
  verbose: boolean;
  /** Driver warnings (ignored or unsupported flags) to print before working. */
  notes: string[];
  /** An information flag (`--version`, `-dumpmachine`…): answered instead of compiling. */
  query: Query | null;
  /** -fmax-include-depth=N and the other preprocessing limits (frontend/options.ts). */
  limits: Partial<Record<keyof PreprocessLimits, number>>;
  /** -march=<name> (null: the target's baseline for objects, the host's for -run). */
  march: string | null;
  /** -m<ext> / -mno-<ext> for the extensions the code generator knows, in order. */
  featureEdits: [string, boolean][];
  /** false after -fno-builtin or -ffreestanding: library functions keep no standard meaning. */
  builtins: boolean;
  /** -ftime-report: print the time of each phase per file on stderr. */
  timeReport: boolean;
}

/** A flag answered without compiling anything. */
export type Query =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  /** -v alone: the banner on stderr, as gcc -v prints it. */
  | { readonly kind: 'banner' }
  | { readonly kind: 'dumpversion' }
  | { readonly kind: 'dumpmachine' }
  /** `-print-prog-name=`, `-print-file-name=`, `-print-search-dirs`…: answered by the system cc that links for us. */
  | { readonly kind: 'print'; readonly flag: string };

export class UsageError extends Error {}

export function emptyArgs(): Args {
  return {
    mode: 'link', output: null, inputs: [], linkArgs: [], defines: {}, undefines: [], includePaths: [],
    quoteIncludePaths: [], systemIncludePaths: [], afterIncludePaths: [], forcedIncludes: [], noStdInc: false,
    optimize: 0, std: 'gnu11', target: hostTarget(), debug: false, pic: 'none', functionSections: false, visibility: 'default', showStack: false,
    warnings: [], color: process.stderr.isTTY ?? false, dumpMacros: false, noLineMarkers: false,
    deps: { onlyRule: false, alongside: false, skipSystem: false, file: null, targets: [], phony: false },
    dump: null, dumpAfter: null, emitDts: false, programArgs: [], verbose: false, notes: [], query: null, limits: {},
    march: null, featureEdits: [], builtins: true, timeReport: false,
  };
}

/** The language gcc gives a file by its suffix; null: an input for the linker. */
export function langOfSuffix(path: string): Lang | null {
  if (path.endsWith('.c')) return 'c';
  if (path.endsWith('.i')) return 'cpp-output';
  if (path.endsWith('.h')) return 'c-header';
  if (path.endsWith('.s')) return 'assembler';
  if (path.endsWith('.S') || path.endsWith('.sx')) return 'assembler-with-cpp';
  return null;
}

function parseLang(s: string): Lang | null | 'none' {
  switch (s) {
    case 'c': case 'cpp-output': case 'c-header': case 'assembler': case 'assembler-with-cpp': return s;
    case 'none': return 'none';
    default: throw new UsageError(`language ${s} not recognized`);
  }
}

export function parseTarget(s: string): TargetName {
  if (/^(x86_64|x86-64|amd64)/.test(s)) return 'x86_64';
  if (/^(aarch64|arm64)/.test(s)) return 'aarch64';
  throw new UsageError(`unknown target '${s}' (known: x86_64, aarch64)`);
}

function parseDump(s: string): Dump {
  if (s === 'ir' || s === 'mir' || s === 'asm' || s === 'object') return s;
  throw new UsageError(`unknown --dump stage '${s}' (known: ir, mir, asm, object)`);
}

/** make's quoting of a target name (-MQ): `$` doubled, blanks and `#` escaped. */
export function quoteForMake(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '$') out += '$$';
    else if (c === '#') out += '\\#';
    else if (c === ' ' || c === '\t') {
      // Backslashes before a blank are doubled so make does not read them as the escape.
      let j = out.length;
      while (j > 0 && out[j - 1] === '\\') j--;
      out = out.slice(0, j) + out.slice(j).replace(/\\/g, '\\\\') + '\\' + c;
    } else out += c;
  }
  return out;
}

export function parseArgs(argv: readonly string[]): Args {
  const a = emptyArgs();
  let lang: Lang | null = null;
  const args = [...argv];
  // A flag's value: attached (`-Idir`, `-MFfile`) or the next argument.
  const takeValue = (i: number, flag: string): [string, number] => {
    const arg = args[i]!;
    if (arg.length > flag.length) return [arg.slice(flag === '--param' ? flag.length + 1 : flag.length), i];
    if (i + 1 >= args.length) throw new UsageError(`missing argument to '${flag}'`);
    return [args[i + 1]!, i + 1];
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const query = parseQuery(arg);
    if (query !== null) {
      a.query ??= query;
      continue;
    }
    if (arg === '-' || !arg.startsWith('-') || arg.length === 1) {
      i = addInput(a, arg, lang, args, i);
      continue;
    }
    const flag = flagName(arg);
    let value = '';
    if (flag !== null) [value, i] = takeValue(i, flag);
    switch (flag) {
      case '-o': a.output = value; continue;
      case '-I': a.includePaths.push(value); continue;
      case '-D': { const eq = value.indexOf('='); if (eq < 0) a.defines[value] = '1'; else a.defines[value.slice(0, eq)] = value.slice(eq + 1); continue; }
      case '-U': a.undefines.push(value); continue;
      case '-x': { const l = parseLang(value); lang = l === 'none' ? null : l; continue; }
      case '-MF': a.deps.file = value; continue;
      case '-MT': a.deps.targets.push(value); continue;
      case '-MQ': a.deps.targets.push(quoteForMake(value)); continue;
      case '-include': a.forcedIncludes.push(value); continue;
      case '-isystem': a.systemIncludePaths.push(value); continue;
      case '-iquote': a.quoteIncludePaths.push(value); continue;
      case '-idirafter': a.afterIncludePaths.push(value); continue;
      case '-L': a.linkArgs.push('-L' + value); continue;
      case '-l': a.linkArgs.push('-l' + value); continue;
      case '-Xlinker': case '-u': case '-T': case '-z': case '-e': a.linkArgs.push(flag, value); continue;
      case '-Xpreprocessor': parseWp(a, [value]); continue;
      case '-imacros': case '-iprefix': case '-iwithprefix': case '-iwithprefixbefore': case '-isysroot': case '-aux-info': case '--param': case '-Xassembler':
        if (flag === '-imacros') a.notes.push(`'-imacros' is not supported; ignored`);
        continue;
      case null: break;
    }
    parseFlag(a, arg);
  }
  finishDeps(a);
  if (a.query !== null) return a;
  if (a.inputs.length === 0 && a.linkArgs.every((x) => x.startsWith('-'))) {
    if (a.verbose) return { ...a, query: { kind: 'banner' } };
    throw new UsageError('no input files');
  }
  const compiled = a.inputs.filter((x) => x.lang === 'c' || x.lang === 'cpp-output' || x.lang === 'c-header');
  if (a.output && a.mode !== 'link' && a.mode !== 'run' && a.inputs.length > 1) throw new UsageError('cannot specify -o with -c, -S or -E with multiple files');
  if (a.mode === 'run' && compiled.length === 0) throw new UsageError('-run needs a C source file');
  cpuFeaturesOf(a, () => []); // an unknown -march is a usage error before anything is compiled
  return a;
}

/** The flag part of an argument that carries a value (`-MFdeps.d` → `-MF`), or null. */
function flagName(arg: string): string | null {
  if (separateValueFlags.has(arg)) return arg;
  // Attached forms; the longest prefix wins (`-include` before `-I`).
  for (const f of ['-include', '-isystem', '-iquote', '-idirafter', '-imacros', '-MF', '-MT', '-MQ', '-o', '-I', '-D', '-U', '-L', '-l', '-x']) {
    if (arg.startsWith(f) && arg.length > f.length) {
      // `-MD`, `-MMD`, `-MP`, `-MM` are flags of their own, not -M with a value.
      return f;
    }
  }
  if (arg.startsWith('--param=')) return '--param';
  return null;
}

function parseQuery(arg: string): Query | null {
  if (arg === '--help' || arg === '-h') return { kind: 'help' };
  if (arg === '--version') return { kind: 'version' };
  if (arg === '-dumpversion' || arg === '-dumpfullversion') return { kind: 'dumpversion' };
  if (arg === '-dumpmachine') return { kind: 'dumpmachine' };
  if (/^-print-(prog-name|file-name)=/.test(arg) || /^-print-(search-dirs|libgcc-file-name|multiarch|multi-directory|multi-lib|multi-os-directory|sysroot|sysroot-headers-suffix)$/.test(arg)) {
    return { kind: 'print', flag: arg };
  }
  return null;
}

function addInput(a: Args, path: string, lang: Lang | null, argv: readonly string[], i: number): number {
  if (path === '-') {
    const l = lang ?? (a.mode === 'preprocess' || a.deps.onlyRule ? 'c' : null);
    if (l === null) throw new UsageError('-E or -x required when input is from standard input');
    a.inputs.push({ path, lang: l });
    return i;
  }
  const l = lang ?? langOfSuffix(path);
  if (l === null) {
    a.linkArgs.push(path);
    return i;
  }
  a.inputs.push({ path, lang: l });
  // tcc's convention: everything after the source that follows -run belongs to the program.
  if (a.mode === 'run' && (l === 'c' || l === 'cpp-output')) {
    a.programArgs = argv.slice(i + 1);
    return argv.length;
  }
  return i;
}

/** -Xpreprocessor / -Wp,: preprocessor options given through the driver. */
function mergePreprocessorArgs(a: Args, inner: Args): void {
  Object.assign(a.defines, inner.defines);
  a.undefines.push(...inner.undefines);
  a.includePaths.push(...inner.includePaths);
  a.systemIncludePaths.push(...inner.systemIncludePaths);
  a.quoteIncludePaths.push(...inner.quoteIncludePaths);
  a.forcedIncludes.push(...inner.forcedIncludes);
  if (inner.deps.alongside) Object.assign(a.deps, { alongside: true, skipSystem: inner.deps.skipSystem });
  if (inner.deps.file) a.deps.file = inner.deps.file;
  a.deps.targets.push(...inner.deps.targets);
  if (inner.deps.phony) a.deps.phony = true;
}

/** Flags without a separate value; an unknown one becomes a note (a warning), never an error. */
function parseFlag(a: Args, arg: string): void {
  if (parseKnownFlag(a, arg)) return;
  switch (classifyFlag(arg)) {
    case 'silent': return;
    case 'warned': a.notes.push(`'${arg}' is not supported; ignored`); return;
    case 'unknown': a.notes.push(`unknown option '${arg}' ignored`); return;
  }
}

function parseKnownFlag(a: Args, arg: string): boolean {
  switch (arg) {
    case '-c': a.mode = 'object'; return true;
    case '-S': a.mode = 'assembly'; return true;
    case '-E': a.mode = 'preprocess'; return true;
    case '-fsyntax-only': a.mode = 'syntax'; return true;
    case '-run': a.mode = 'run'; return true;
    case '-v': a.verbose = true; return true;
    case '-w': a.warnings.push(arg); return true;
    case '-dM': a.dumpMacros = true; return true;
    case '-P': a.noLineMarkers = true; return true;
    case '-M': a.deps.onlyRule = true; a.deps.skipSystem = false; return true;
    case '-MM': a.deps.onlyRule = true; a.deps.skipSystem = true; return true;
    case '-MD': a.deps.alongside = true; a.deps.skipSystem = false; return true;
    case '-MMD': a.deps.alongside = true; a.deps.skipSystem = true; return true;
    case '-MP': a.deps.phony = true; return true;
    case '-MG': a.notes.push(`'-MG' is not supported: a missing header is still an error`); return true;
    case '-nostdinc': a.noStdInc = true; return true;
    case '-ansi': a.std = 'c90'; return true;
    case '-pthread':
      // gcc: -pthread defines _REENTRANT when preprocessing and links libpthread.
      a.defines['_REENTRANT'] = '1';
      a.linkArgs.push(arg);
      return true;
    case '-fPIC': case '-fpic': a.pic = 'pic'; return true;
    case '-fPIE': case '-fpie': a.pic = 'pie'; return true;
    case '-fno-pic': case '-fno-PIC': case '-fno-pie': case '-fno-PIE': a.pic = 'none'; return true;
    case '-fpreprocessed': return true;
    case '-ffunction-sections': a.functionSections = true; return true;
    case '-fno-function-sections': a.functionSections = false; return true;
    case '-g0': a.debug = false; return true;
    case '-static': case '-shared': case '-rdynamic': case '-s': case '-pie': case '-no-pie': case '-static-pie': case '-nostdlib':
    case '-nostartfiles': case '-nodefaultlibs': case '-symbolic': case '-static-libgcc': case '-shared-libgcc':
      a.linkArgs.push(arg);
      return true;
    case '--emit-dts': a.emitDts = true; return true;
    case '--debug': a.showStack = true; return true;
    case '-C': case '-CC': case '-H': case '-dD': case '-dN': case '-dI': case '-save-temps': case '-###': case '-trigraphs': case '-traditional-cpp':
      a.notes.push(`'${arg}' is not supported; ignored`);
      return true;
  }
  if (/^-O([0-3sgz]|fast)?$/.test(arg)) {
    a.optimize = arg === '-O' ? 1 : /[0-3]/.test(arg[2] ?? '') ? Number(arg[2]) : arg === '-Ofast' ? 3 : 2;
    return true;
  }
  if (arg === '-g' || /^-g[1-3]$/.test(arg) || arg.startsWith('-gdwarf') || arg === '-ggdb' || /^-ggdb[1-3]$/.test(arg)) { a.debug = true; return true; }
  if (arg.startsWith('-std=')) {
    a.std = arg.slice(5);
    const near = closestName(a.std, STD_NAMES);
    if (!STD_NAMES.includes(a.std)) throw new UsageError(`unrecognized command-line option '${arg}'${near ? `; did you mean '-std=${near}'?` : ''}`);
    return true;
  }
  if (arg.startsWith('--target=')) { a.target = parseTarget(arg.slice(9)); return true; }
  if (arg.startsWith('--dump=')) { a.dump = parseDump(arg.slice(7)); return true; }
  if (arg.startsWith('--dump-after=')) { a.dumpAfter = arg.slice(13); return true; }
  if (arg.startsWith('-fvisibility=')) { a.visibility = parseVisibility(arg.slice(13)); return true; }
  if (arg.startsWith('-Wl,') || arg.startsWith('-fuse-ld=') || arg.startsWith('--sysroot') || arg.startsWith('-specs=') || arg.startsWith('--specs=') || arg.startsWith('-B')) {
    a.linkArgs.push(arg);
    return true;
  }
  if (arg.startsWith('-Wp,')) { parseWp(a, arg.slice(4).split(',')); return true; }
  if (arg.startsWith('-Wa,')) return true; // assembler options: jitcc writes objects itself
  if (arg === '-fdiagnostics-color' || arg === '-fdiagnostics-color=always') { a.color = true; return true; }
  if (arg === '-fdiagnostics-color=never' || arg === '-fno-diagnostics-color') { a.color = false; return true; }
  if (arg === '-fdiagnostics-color=auto') { a.color = process.stderr.isTTY ?? false; return true; }
  if (arg === '-ftime-report') { a.timeReport = true; return true; }
  if (arg === '-fpermissive') { a.warnings.push(arg); return true; }
  if (parseMachineFlag(a, arg)) return true;
  if (arg.startsWith('-W')) { a.warnings.push(arg); return true; }
  return parseLimitFlag(a, arg);
}

/** -march=, -m<ext>/-mno-<ext> for the extensions the code generator uses, -fno-builtin/-ffreestanding. */
function parseMachineFlag(a: Args, arg: string): boolean {
  if (arg.startsWith('-march=')) { a.march = arg.slice(7); return true; }
  if (arg === '-fno-builtin' || arg === '-ffreestanding' || arg === '-fno-hosted') { a.builtins = false; return true; }
  if (arg === '-fbuiltin' || arg === '-fhosted') { a.builtins = true; return true; }
  const m = /^-m(no-)?(sse4\.1|sse4\.2|sse4|popcnt|avx|avx2|bmi|bmi2|fma)$/.exec(arg);
  if (!m) return false;
  // -msse4 is gcc's name for both SSE4.1 and SSE4.2.
  for (const f of m[2] === 'sse4' ? ['sse4.1', 'sse4.2'] : [m[2]!]) a.featureEdits.push([f, m[1] === undefined]);
  return true;
}

/**
 * The extensions the code may use: -march's set (code run in this process,
 * -run or -march=native, gets the host's), then the -m<ext> edits in order.
 * An unknown -march name is a usage error, as in gcc.
 */
export function cpuFeaturesOf(a: Args, host: () => readonly string[]): string[] {
  const isHost = a.march === 'native' || (a.march === null && a.mode === 'run');
  const base = isHost ? host() : a.march === null ? [] : archFeatures(a.target, a.march);
  if (base === null) throw new UsageError(`bad value '${a.march}' for '-march=' switch`);
  const set = new Set(base);
  for (const [f, on] of a.featureEdits) if (on) set.add(f); else set.delete(f);
  return [...set].sort();
}

/** A limit flag (LIMIT_FLAGS: -fmax-include-depth=N…) sets that limit; false for any other argument. */
function parseLimitFlag(a: Args, arg: string): boolean {
  for (const [key, flag] of Object.entries(LIMIT_FLAGS) as [keyof PreprocessLimits, string][]) {
    if (!arg.startsWith(`${flag}=`)) continue;
    const v = arg.slice(flag.length + 1);
    if (!/^[1-9][0-9]*$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`argument to '${flag}=' should be a positive integer, not '${v}'`);
    a.limits[key] = Number(v);
    return true;
  }
  return false;
}

function parseVisibility(s: string): Visibility {
  if (s === 'default' || s === 'hidden' || s === 'protected' || s === 'internal') return s;
  throw new UsageError(`unrecognized visibility value '${s}'`);
}

/** `-Wp,a,b`: options for the preprocessor; cpp's `-MD file` / `-MMD file` name the dependency file. */
function parseWp(a: Args, parts: string[]): void {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if ((p === '-MD' || p === '-MMD') && i + 1 < parts.length) {
      a.deps.alongside = true;
      a.deps.skipSystem = p === '-MMD';
      a.deps.file = parts[++i]!;
      continue;
    }
    const inner = parseArgs(['-E', p, '-']);
    mergePreprocessorArgs(a, inner);
  }
}

/** -M/-MM imply -E; -MD/-MMD write file.d beside the output. */
function finishDeps(a: Args): void {
  if (a.deps.onlyRule && a.mode !== 'preprocess') {
    if (a.mode === 'link' || a.mode === 'object') a.mode = 'preprocess';
  }
}
