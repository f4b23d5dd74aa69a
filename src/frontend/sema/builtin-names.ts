// The names sema implements as GNU builtins, for `__has_builtin(name)`.
//
// Input: an identifier. Output: whether a call to it (or, for the
// keyword-like ones, a use of it) is handled as a builtin by sema —
// check-builtins.ts and the checkers it delegates to, check-expr.ts's
// keyword builtins — rather than becoming an implicitly declared function.
// Headers test `__has_builtin` to choose between a builtin and a portable
// fallback, so the answer must be exactly what sema accepts: a name listed
// here that sema does not take would break a program that the fallback
// would have compiled. test/frontend/sema/builtin-names.test.ts calls every
// listed name and reads sema's sources for names missing here.

/** Names sema handles directly (check-builtins.ts switch, check-builtins-type.ts, check-expr.ts keyword builtins, vector.ts). */
const DIRECT = [
  '__builtin_expect', '__builtin_constant_p', '__builtin_choose_expr',
  '__builtin_va_start', '__builtin_va_end', '__builtin_va_copy', '__builtin_va_arg',
  '__builtin_alloca', '__builtin_alloca_with_align', '__builtin_shuffle', '__builtin_convertvector',
  '__sync_synchronize', '__builtin_classify_type', '__builtin_prefetch', '__builtin_setjmp', '__builtin_longjmp',
  '__builtin_frame_address', '__builtin_return_address', '__builtin_offsetof', '__builtin_types_compatible_p',
  '__builtin_isnan', '__builtin_isinf', '__builtin_isinf_sign', '__builtin_isfinite', '__builtin_isnormal',
  '__builtin_isinff', '__builtin_isinfl', '__builtin_isnanf', '__builtin_isnanl',
  '__builtin_signbit', '__builtin_signbitf', '__builtin_signbitl', '__builtin_fpclassify',
];

/** Float builtins with a type suffix (check-builtins.ts suffixType): '' double, f float, l long double, fN/fNx. */
const FLOAT_SUFFIXED = ['__builtin_inf', '__builtin_huge_val', '__builtin_nan', '__builtin_nans', '__builtin_fabs', '__builtin_copysign'];
const FLOAT_SUFFIXES = ['', 'f', 'l', 'f32', 'f64', 'f32x', 'f64x'];

/** check-builtins.ts checkBitBuiltin. */
const BIT = ['popcount', 'clz', 'ctz', 'ffs', 'parity', 'clrsb'].flatMap((b) => ['', 'l', 'll'].map((s) => `__builtin_${b}${s}`))
  .concat(['__builtin_bswap16', '__builtin_bswap32', '__builtin_bswap64']);

/** overflow-builtins.ts: the generic forms, their _p predicates and the typed forms. */
const OVERFLOW = ['add', 'sub', 'mul'].flatMap((op) => [
  `__builtin_${op}_overflow`, `__builtin_${op}_overflow_p`,
  ...['s', 'u'].flatMap((sign) => ['', 'l', 'll'].map((len) => `__builtin_${sign}${op}${len}_overflow`)),
]);

/** complex-builtins.ts. */
const COMPLEX = ['creal', 'cimag', 'conj'].flatMap((b) => ['', 'f', 'l'].map((s) => `__builtin_${b}${s}`));

/**
 * `__builtin_memcpy` and friends: calls to the library function of the same
 * name, declared with its standard prototype when the program has not
 * declared it (C11 7.24, 7.22).
 */
export const LIBRARY_BUILTINS: Record<string, string> = {
  memcpy: 'void *(void *, const void *, unsigned long)',
  memmove: 'void *(void *, const void *, unsigned long)',
  memset: 'void *(void *, int, unsigned long)',
  memcmp: 'int (const void *, const void *, unsigned long)',
  strlen: 'unsigned long (const char *)',
  strcmp: 'int (const char *, const char *)',
  strcpy: 'char *(char *, const char *)',
  strncmp: 'int (const char *, const char *, unsigned long)',
  abort: 'void (void)',
  trap: 'void (void)',
  unreachable: 'void (void)',
  malloc: 'void *(unsigned long)',
  free: 'void (void *)',
  printf: 'int (const char *, ...)',
  puts: 'int (const char *)',
  abs: 'int (int)',
  labs: 'long (long)',
  exit: 'void (int)',
  calloc: 'void *(unsigned long, unsigned long)',
  realloc: 'void *(void *, unsigned long)',
  strchr: 'char *(const char *, int)',
  strrchr: 'char *(const char *, int)',
  strncpy: 'char *(char *, const char *, unsigned long)',
  strcat: 'char *(char *, const char *)',
  strstr: 'char *(const char *, const char *)',
  sprintf: 'int (char *, const char *, ...)',
  snprintf: 'int (char *, unsigned long, const char *, ...)',
  putchar: 'int (int)',
};

const LIBRARY = Object.keys(LIBRARY_BUILTINS).map((n) => `__builtin_${n}`);

export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  ...DIRECT, ...FLOAT_SUFFIXED.flatMap((b) => FLOAT_SUFFIXES.map((s) => b + s)), ...BIT, ...OVERFLOW, ...COMPLEX, ...LIBRARY,
]);

export function isBuiltinName(name: string): boolean {
  return BUILTIN_NAMES.has(name);
}
