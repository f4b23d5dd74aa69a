// The predefined macros (C11 6.10.8) and the gcc-compatible ones glibc's
// headers test, as `#define` text for the `<built-in>` file.
//
// Input: the frontend options (target, -std). Output: source text that the
// preprocessor runs before the main file. The values describe the LP64
// Linux ABIs: System V AMD64 psABI §3.1.2 (x86-64) and AAPCS64 / the
// Linux AArch64 ABI (char unsigned, wchar_t unsigned int, long double is
// IEEE binary128). `__GNUC__` is 4.2 so glibc takes its GNU paths without
// expecting newer builtins. `__FILE__`, `__LINE__`, `__COUNTER__`,
// `__DATE__`, `__TIME__`, `__INCLUDE_LEVEL__` and `__BASE_FILE__` are
// dynamic and live in the preprocessor itself.

import type { FrontendOptions } from '../options.js';

const common: [string, string][] = [
  ['__STDC__', '1'], ['__STDC_HOSTED__', '1'], ['__STDC_UTF_16__', '1'], ['__STDC_UTF_32__', '1'],
  ['__GNUC__', '4'], ['__GNUC_MINOR__', '2'], ['__GNUC_PATCHLEVEL__', '1'], ['__GNUC_STDC_INLINE__', '1'],
  ['__VERSION__', '"4.2.1 Compatible jitcc"'], ['__jitcc__', '1'],
  ['__linux__', '1'], ['__linux', '1'], ['__gnu_linux__', '1'], ['__unix__', '1'], ['__unix', '1'], ['__ELF__', '1'],
  ['__LP64__', '1'], ['_LP64', '1'], ['__CHAR_BIT__', '8'], ['__NO_INLINE__', '1'],
  ['__USER_LABEL_PREFIX__', ''], ['__REGISTER_PREFIX__', ''],
  ['__ORDER_LITTLE_ENDIAN__', '1234'], ['__ORDER_BIG_ENDIAN__', '4321'], ['__ORDER_PDP_ENDIAN__', '3412'],
  ['__BYTE_ORDER__', '__ORDER_LITTLE_ENDIAN__'], ['__FLOAT_WORD_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
  ['__SIZEOF_SHORT__', '2'], ['__SIZEOF_INT__', '4'], ['__SIZEOF_LONG__', '8'], ['__SIZEOF_LONG_LONG__', '8'],
  ['__SIZEOF_POINTER__', '8'], ['__SIZEOF_FLOAT__', '4'], ['__SIZEOF_DOUBLE__', '8'], ['__SIZEOF_LONG_DOUBLE__', '16'],
  ['__SIZEOF_INT128__', '16'], ['__SIZEOF_SIZE_T__', '8'], ['__SIZEOF_WCHAR_T__', '4'], ['__SIZEOF_WINT_T__', '4'], ['__SIZEOF_PTRDIFF_T__', '8'],
  ['__SCHAR_MAX__', '0x7f'], ['__SHRT_MAX__', '0x7fff'], ['__INT_MAX__', '0x7fffffff'],
  ['__LONG_MAX__', '0x7fffffffffffffffL'], ['__LONG_LONG_MAX__', '0x7fffffffffffffffLL'],
  ['__SCHAR_WIDTH__', '8'], ['__SHRT_WIDTH__', '16'], ['__INT_WIDTH__', '32'], ['__LONG_WIDTH__', '64'],
  ['__LONG_LONG_WIDTH__', '64'], ['__PTRDIFF_WIDTH__', '64'], ['__SIZE_WIDTH__', '64'], ['__WCHAR_WIDTH__', '32'],
  ['__WINT_WIDTH__', '32'], ['__INTMAX_WIDTH__', '64'], ['__INTPTR_WIDTH__', '64'], ['__SIG_ATOMIC_WIDTH__', '32'],
  ['__SIZE_MAX__', '0xffffffffffffffffUL'], ['__PTRDIFF_MAX__', '0x7fffffffffffffffL'],
  ['__INTMAX_MAX__', '0x7fffffffffffffffL'], ['__UINTMAX_MAX__', '0xffffffffffffffffUL'],
  ['__INTPTR_MAX__', '0x7fffffffffffffffL'], ['__UINTPTR_MAX__', '0xffffffffffffffffUL'],
  ['__SIG_ATOMIC_MAX__', '0x7fffffff'], ['__SIG_ATOMIC_MIN__', '(-__SIG_ATOMIC_MAX__ - 1)'],
  ['__WINT_MAX__', '0xffffffffU'], ['__WINT_MIN__', '0U'],
  ['__SIZE_TYPE__', 'long unsigned int'], ['__PTRDIFF_TYPE__', 'long int'], ['__WINT_TYPE__', 'unsigned int'],
  ['__INTMAX_TYPE__', 'long int'], ['__UINTMAX_TYPE__', 'long unsigned int'],
  ['__CHAR16_TYPE__', 'short unsigned int'], ['__CHAR32_TYPE__', 'unsigned int'], ['__SIG_ATOMIC_TYPE__', 'int'],
  ['__INT8_TYPE__', 'signed char'], ['__INT16_TYPE__', 'short int'], ['__INT32_TYPE__', 'int'], ['__INT64_TYPE__', 'long int'],
  ['__UINT8_TYPE__', 'unsigned char'], ['__UINT16_TYPE__', 'short unsigned int'], ['__UINT32_TYPE__', 'unsigned int'],
  ['__UINT64_TYPE__', 'long unsigned int'],
  ['__INT_LEAST8_TYPE__', 'signed char'], ['__INT_LEAST16_TYPE__', 'short int'], ['__INT_LEAST32_TYPE__', 'int'],
  ['__INT_LEAST64_TYPE__', 'long int'], ['__UINT_LEAST8_TYPE__', 'unsigned char'], ['__UINT_LEAST16_TYPE__', 'short unsigned int'],
  ['__UINT_LEAST32_TYPE__', 'unsigned int'], ['__UINT_LEAST64_TYPE__', 'long unsigned int'],
  ['__INT_FAST8_TYPE__', 'signed char'], ['__INT_FAST16_TYPE__', 'long int'], ['__INT_FAST32_TYPE__', 'long int'],
  ['__INT_FAST64_TYPE__', 'long int'], ['__UINT_FAST8_TYPE__', 'unsigned char'], ['__UINT_FAST16_TYPE__', 'long unsigned int'],
  ['__UINT_FAST32_TYPE__', 'long unsigned int'], ['__UINT_FAST64_TYPE__', 'long unsigned int'],
  ['__INTPTR_TYPE__', 'long int'], ['__UINTPTR_TYPE__', 'long unsigned int'],
  ['__INT8_MAX__', '0x7f'], ['__INT16_MAX__', '0x7fff'], ['__INT32_MAX__', '0x7fffffff'], ['__INT64_MAX__', '0x7fffffffffffffffL'],
  ['__UINT8_MAX__', '0xff'], ['__UINT16_MAX__', '0xffff'], ['__UINT32_MAX__', '0xffffffffU'], ['__UINT64_MAX__', '0xffffffffffffffffUL'],
  ['__INT8_C(c)', 'c'], ['__INT16_C(c)', 'c'], ['__INT32_C(c)', 'c'], ['__INT64_C(c)', 'c ## L'],
  ['__UINT8_C(c)', 'c'], ['__UINT16_C(c)', 'c'], ['__UINT32_C(c)', 'c ## U'], ['__UINT64_C(c)', 'c ## UL'],
  ['__INTMAX_C(c)', 'c ## L'], ['__UINTMAX_C(c)', 'c ## UL'],
  ['__BIGGEST_ALIGNMENT__', '16'],
  // IEEE 754 binary32 and binary64 (both targets).
  ['__FLT_RADIX__', '2'], ['__FLT_EVAL_METHOD__', '0'], ['__FLT_MANT_DIG__', '24'], ['__FLT_DIG__', '6'],
  ['__FLT_MIN_EXP__', '(-125)'], ['__FLT_MIN_10_EXP__', '(-37)'], ['__FLT_MAX_EXP__', '128'], ['__FLT_MAX_10_EXP__', '38'],
  ['__FLT_DECIMAL_DIG__', '9'], ['__FLT_MAX__', '3.40282346638528859811704183484516925e+38F'],
  ['__FLT_MIN__', '1.17549435082228750796873653722224568e-38F'], ['__FLT_EPSILON__', '1.19209289550781250000000000000000000e-7F'],
  ['__FLT_DENORM_MIN__', '1.40129846432481707092372958328991613e-45F'],
  ['__FLT_HAS_DENORM__', '1'], ['__FLT_HAS_INFINITY__', '1'], ['__FLT_HAS_QUIET_NAN__', '1'],
  ['__DBL_MANT_DIG__', '53'], ['__DBL_DIG__', '15'], ['__DBL_MIN_EXP__', '(-1021)'], ['__DBL_MIN_10_EXP__', '(-307)'],
  ['__DBL_MAX_EXP__', '1024'], ['__DBL_MAX_10_EXP__', '308'], ['__DBL_DECIMAL_DIG__', '17'],
  ['__DBL_MAX__', '((double)1.79769313486231570814527423731704357e+308L)'],
  ['__DBL_MIN__', '((double)2.22507385850720138309023271733240406e-308L)'],
  ['__DBL_EPSILON__', '((double)2.22044604925031308084726333618164062e-16L)'],
  ['__DBL_DENORM_MIN__', '((double)4.94065645841246544176568792868221372e-324L)'],
  ['__DBL_HAS_DENORM__', '1'], ['__DBL_HAS_INFINITY__', '1'], ['__DBL_HAS_QUIET_NAN__', '1'],
];

/** x86-64: signed char, wchar_t int, long double 80-bit extended (psABI §3.1.2). */
const x86_64: [string, string][] = [
  ['__x86_64__', '1'], ['__x86_64', '1'], ['__amd64__', '1'], ['__amd64', '1'],
  ['__SSE__', '1'], ['__SSE2__', '1'], ['__SSE_MATH__', '1'], ['__SSE2_MATH__', '1'], ['__MMX__', '1'],
  ['__WCHAR_TYPE__', 'int'], ['__WCHAR_MAX__', '0x7fffffff'], ['__WCHAR_MIN__', '(-__WCHAR_MAX__ - 1)'],
  ['__LDBL_MANT_DIG__', '64'], ['__LDBL_DIG__', '18'], ['__LDBL_MIN_EXP__', '(-16381)'], ['__LDBL_MIN_10_EXP__', '(-4931)'],
  ['__LDBL_MAX_EXP__', '16384'], ['__LDBL_MAX_10_EXP__', '4932'], ['__LDBL_DECIMAL_DIG__', '21'], ['__DECIMAL_DIG__', '21'],
  ['__LDBL_MAX__', '1.18973149535723176502126385303097021e+4932L'],
  ['__LDBL_MIN__', '3.36210314311209350626267781732175260e-4932L'],
  ['__LDBL_EPSILON__', '1.08420217248550443400745280086994171e-19L'],
  ['__LDBL_DENORM_MIN__', '3.64519953188247460252840593361941982e-4951L'],
  ['__LDBL_HAS_DENORM__', '1'], ['__LDBL_HAS_INFINITY__', '1'], ['__LDBL_HAS_QUIET_NAN__', '1'],
];

/** AArch64 Linux: unsigned char, wchar_t unsigned int, long double IEEE binary128 (AAPCS64 §5.1). */
const aarch64: [string, string][] = [
  ['__aarch64__', '1'], ['__ARM_ARCH', '8'], ['__ARM_64BIT_STATE', '1'], ['__ARM_ARCH_ISA_A64', '1'],
  ['__AARCH64EL__', '1'], ['__ARM_PCS_AAPCS64', '1'], ['__CHAR_UNSIGNED__', '1'],
  ['__WCHAR_TYPE__', 'unsigned int'], ['__WCHAR_MAX__', '0xffffffffU'], ['__WCHAR_MIN__', '0U'],
  ['__LDBL_MANT_DIG__', '113'], ['__LDBL_DIG__', '33'], ['__LDBL_MIN_EXP__', '(-16381)'], ['__LDBL_MIN_10_EXP__', '(-4931)'],
  ['__LDBL_MAX_EXP__', '16384'], ['__LDBL_MAX_10_EXP__', '4932'], ['__LDBL_DECIMAL_DIG__', '36'], ['__DECIMAL_DIG__', '36'],
  ['__LDBL_MAX__', '1.18973149535723176508575932662800702e+4932L'],
  ['__LDBL_MIN__', '3.36210314311209350626267781732175260e-4932L'],
  ['__LDBL_EPSILON__', '1.92592994438723585305597794258492732e-34L'],
  ['__LDBL_DENORM_MIN__', '6.47517511943802511092443895822764655e-4966L'],
  ['__LDBL_HAS_DENORM__', '1'], ['__LDBL_HAS_INFINITY__', '1'], ['__LDBL_HAS_QUIET_NAN__', '1'],
];

/** `__STDC_VERSION__` for a -std value (6.10.8.1p1); null for C89/C90, which has none. */
export function stdcVersion(std: string): string | null {
  const v = std.replace(/^(?:gnu|c|iso9899:)/, '');
  if (v === '89' || v === '90' || v === '1990' || v === '199409') return null;
  if (v === '99' || v === '9x' || v === '1999') return '199901L';
  if (v === '17' || v === '18' || v === '2017' || v === '2018') return '201710L';
  if (v === '2x' || v === '23') return '202311L';
  return '201112L';
}

/** The text of the `<built-in>` file for these options. */
/** The text per target and -std (it depends on nothing else), made once. */
const predefinedTexts = new Map<string, string>();

export function predefinedMacroText(opts: FrontendOptions): string {
  const key = `${opts.target} ${opts.std}`;
  let text = predefinedTexts.get(key);
  if (text === undefined) {
    text = makePredefinedMacroText(opts);
    predefinedTexts.set(key, text);
  }
  return text;
}

function makePredefinedMacroText(opts: FrontendOptions): string {
  const lines: string[] = [];
  const add = (list: [string, string][]) => {
    for (const [name, value] of list) lines.push(`#define ${name} ${value}`);
  };
  add(common);
  add(opts.target === 'aarch64' ? aarch64 : x86_64);
  const version = stdcVersion(opts.std);
  if (version !== null) lines.push(`#define __STDC_VERSION__ ${version}`);
  if (/^(?:c|iso)/.test(opts.std)) lines.push('#define __STRICT_ANSI__ 1');
  return lines.join('\n') + '\n';
}

/** The `<command-line>` file: -D then -U, in order (gcc applies them after the built-ins). */
export function commandLineMacroText(opts: FrontendOptions): string {
  const lines: string[] = [];
  for (const [name, value] of opts.defines) {
    // `-DF(x)=x` defines a function-like macro; `-DX` is given as value '1'.
    lines.push(`#define ${name} ${value.replace(/\r?\n/g, ' ')}`);
  }
  for (const name of opts.undefines) lines.push(`#undef ${name}`);
  return lines.join('\n') + '\n';
}
