// The answers of the `__has_*` query operators other than `__has_include`:
// `__has_attribute`, `__has_builtin`, `__has_feature`, `__has_extension`,
// `__has_c_attribute`, `__has_cpp_attribute`, `__has_declspec_attribute`.
//
// Input: the operator's name and the spelling of its operand (tokens
// joined, `gnu::packed` as one string). Output: 1 when jitcc supports what
// is asked, else 0 — truthfully, since headers choose between the feature
// and a fallback on the answer (sema/builtin-names.ts and
// sema/attribute-names.ts say what "supports" means for each).

import { isBuiltinName } from '../sema/builtin-names.js';
import { isSupportedAttribute } from '../sema/attribute-names.js';

/**
 * clang's feature names (`__has_feature`, also answered by gcc 14) for the
 * C11 features jitcc implements. `c_atomic` is absent: `_Atomic` objects
 * are plain objects here, without atomic read-modify-write.
 */
const FEATURES = new Set(['c_alignas', 'c_alignof', 'c_generic_selections', 'c_static_assert', 'c_thread_local']);

/** `__has_extension` also answers for GNU extensions jitcc has. */
const EXTENSIONS = new Set([...FEATURES, 'gnu_asm']);

export function answerHasQuery(op: string, operand: string): boolean {
  switch (op) {
    case '__has_attribute': return isSupportedAttribute(operand);
    case '__has_builtin': return isBuiltinName(operand);
    case '__has_feature': return FEATURES.has(operand.replace(/^__(.*)__$/, '$1'));
    case '__has_extension': return EXTENSIONS.has(operand.replace(/^__(.*)__$/, '$1'));
    // No C23 `[[…]]` attribute syntax, no C++, no Microsoft declspecs.
    default: return false;
  }
}
