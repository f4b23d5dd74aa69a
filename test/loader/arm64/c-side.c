/* What the hand-assembled sample (test/codegen/arm64/sample-a64.ts) refers to, for run.mjs. */
int c_global = 1234;
long c_double(long x) { return 2 * x; }
