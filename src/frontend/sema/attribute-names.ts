// The GNU attributes jitcc supports, for `__has_attribute(name)`.
//
// Input: an attribute name (`packed`, `__packed__` or `gnu::packed`).
// Output: whether a program using it gets what gcc gives it. Two kinds:
//  - attributes sema acts on: layout (`aligned`, `packed`, `vector_size`),
//    how a symbol reaches the linker (symbol-attributes.ts), `gnu_inline`
//    (check-decl.ts);
//  - attributes whose whole meaning is a promise or a request for
//    diagnostics or optimisation, which a compiler may ignore without
//    changing what the program does (`noreturn`, `format`, `pure`,
//    `noinline`, `may_alias` — we do no type-based alias analysis…).
// Attributes that change behaviour and that we do not implement (`cleanup`,
// `mode`, `transparent_union`, `ifunc`, `naked`, `target`, `returns_twice`
// on user functions, `weakref`, `error`…) are absent: a header that tests
// for one of them takes its fallback instead of silently losing it.

const IMPLEMENTED = [
  'aligned', 'packed', 'vector_size', 'visibility', 'weak', 'section', 'alias', 'constructor', 'destructor', 'gnu_inline',
];

const HINTS = [
  'noreturn', 'unused', 'used', 'maybe_unused', 'format', 'format_arg', 'nonnull', 'returns_nonnull', 'pure', 'const',
  'noinline', 'always_inline', 'cold', 'hot', 'malloc', 'deprecated', 'unavailable', 'warn_unused_result', 'fallthrough',
  'sentinel', 'may_alias', 'nothrow', 'leaf', 'artificial', 'alloc_size', 'alloc_align', 'assume_aligned', 'noclone',
  'noipa', 'no_instrument_function', 'no_sanitize', 'no_sanitize_address', 'no_sanitize_undefined', 'nonstring', 'access',
  'designated_init', 'externally_visible', 'flatten', 'no_reorder', 'noplt', 'no_stack_protector', 'optimize',
  'no_icf', 'counted_by', 'tls_model', 'no_split_stack', 'nodiscard',
];

const SUPPORTED: ReadonlySet<string> = new Set([...IMPLEMENTED, ...HINTS]);

/** `__packed__` and `gnu::packed` name `packed`; other scopes (`clang::…`) are not ours. */
export function isSupportedAttribute(spelling: string): boolean {
  let name = spelling;
  const scoped = /^(\w+)::(\w+)$/.exec(name);
  if (scoped) {
    if (scoped[1] !== 'gnu' && scoped[1] !== '__gnu__') return false;
    name = scoped[2]!;
  }
  return SUPPORTED.has(name.replace(/^__(.*)__$/, '$1'));
}
