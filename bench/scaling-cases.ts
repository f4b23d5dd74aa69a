// Generated C whose size grows along one construct, for the scaling bench
// (bench/scaling.ts) and the scaling test (test/scaling.test.ts): every
// phase must stay linear or n log n in the size of one construct (issue 11).
//
// Each case maps a size n to a translation unit with n elements of its
// construct and little else, so time per element is the phase's cost per
// element. Generated code in the wild has exactly these shapes: tables,
// state machines, enums of opcodes, embedded data, long literals.

export interface ScalingCase {
  readonly name: string;
  /** What one element is, for the table. */
  readonly element: string;
  readonly source: (n: number) => string;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export const scalingCases: readonly ScalingCase[] = [
  {
    name: 'initializer', element: 'array element',
    source: (n) => `int table[] = {\n${range(n).map((i) => ((i * 7919) % 100003).toString()).join(',\n')}\n};\nint get(int i) { return table[i]; }\n`,
  },
  {
    name: 'struct-initializer', element: 'struct element',
    source: (n) => `struct kv { const char *k; int v; };\nstruct kv kvs[] = {\n${range(n).map((i) => `{ "k${i}", ${i} }`).join(',\n')}\n};\n`,
  },
  {
    name: 'designated', element: 'designator',
    source: (n) => `int sparse[${n * 2}] = {\n${range(n).map((i) => `[${(i * 2 + 1) % (n * 2)}] = ${i}`).join(',\n')}\n};\n`,
  },
  {
    name: 'switch', element: 'case',
    source: (n) => `int dispatch(int x) {\n  switch (x) {\n${range(n).map((i) => `  case ${i * 3}: return ${i % 977};`).join('\n')}\n  default: return -1;\n  }\n}\n`,
  },
  {
    name: 'enum', element: 'enumerator',
    source: (n) => `enum op {\n${range(n).map((i) => `  OP_${i}`).join(',\n')}\n};\nint last(void) { return OP_${n - 1}; }\n`,
  },
  {
    name: 'struct-members', element: 'member',
    source: (n) => `struct big {\n${range(n).map((i) => `  int m${i};`).join('\n')}\n};\nint get(struct big *p) { return p->m0 + p->m${n - 1}; }\n`,
  },
  {
    name: 'statements', element: 'statement',
    source: (n) => `int run(int x) {\n  int y = 0;\n${range(n).map((i) => `  y += x * ${i % 1000} + (y >> 3);`).join('\n')}\n  return y;\n}\n`,
  },
  {
    name: 'functions', element: 'function',
    source: (n) => range(n).map((i) => `int f${i}(int x) { return x * ${i % 1000} + 1; }`).join('\n') + '\n',
  },
  {
    name: 'macros', element: 'macro use',
    source: (n) => `#define SQ(x) ((x) * (x))\n#define ADD(a, b) ((a) + SQ(b))\nint sum(int v) {\n  int s = 0;\n${range(n).map((i) => `  s = ADD(s, v + ${i % 1000});`).join('\n')}\n  return s;\n}\n`,
  },
  {
    name: 'string', element: 'character',
    source: (n) => `const char text[] = "${'abcdefghij'.repeat(Math.ceil(n / 10)).slice(0, n)}";\n`,
  },
  {
    name: 'long-line', element: 'array element',
    source: (n) => `unsigned char data[] = {${range(n).map((i) => String(i & 255)).join(',')}};\n`,
  },
];
