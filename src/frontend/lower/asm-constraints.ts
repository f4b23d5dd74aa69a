// The asm constraint decoder, as the frontend sees it: sema checks operands
// with the same decoder the backend places them with. Only frontend/lower
// may import src/ir (test/layout.test.ts), so sema reaches it through here.

export { parseConstraint, parseClobber } from '../../ir/asm.js';
export type { ParsedConstraint } from '../../ir/asm.js';
