// The asm constraint decoder, as the frontend sees it: sema checks operands
// with the decoder and the target's dialect (FrontendOptions.asmDialect)
// the backend places them with. Only frontend/lower may import src/ir
// (test/layout.test.ts), so sema reaches it through here.

export { parseConstraint } from '../../ir/asm.js';
export type { AsmDialect, ParsedConstraint } from '../../ir/asm.js';
