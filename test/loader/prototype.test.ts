// C prototype strings → FfiFunctionType, checked by printing them back with
// printPrototype (the frontend's canonical spelling), plus the errors.

import test from 'ava';
import { printPrototype } from '../../src/link/ctypes.js';
import { LoadError } from '../../src/loader/errors.js';
import { parsePrototype } from '../../src/loader/prototype.js';

const CASES: readonly [input: string, printed: string][] = [
  ['int add(int a, int b)', 'int add(int a, int b)'],
  ['int f(int, int)', 'int f(int, int)'],
  ['void g()', 'void g(void)'],
  ['void g(void);', 'void g(void)'],
  ['unsigned long strlen(const char *s)', 'unsigned long strlen(const char *s)'],
  ['long long unsigned int x(short int s, signed char c, unsigned u, long int l)', 'unsigned long long x(short s, signed char c, unsigned int u, long l)'],
  ['double dot(const double *a, const double * restrict b, size_t n)', 'double dot(const double *a, const double *b, size_t n)'],
  // printPrototype puts a space between a pointer return type and the name.
  ['char *dup(char const *s)', 'char * dup(const char *s)'],
  ['_Bool ok(bool b, float f)', '_Bool ok(_Bool b, float f)'],
  ['int sum(int a[], int n)', 'int sum(int *a, int n)'],
  ['int64_t big(uint8_t *p, uint32_t n)', 'int64_t big(uint8_t *p, uint32_t n)'],
  ['void each(int (*cb)(int x), void *ctx)', 'void each(int (*)(int) cb, void *ctx)'],
  ['void sortit(void *base, int cmp(const void *, const void *))', 'void sortit(void *base, int (*)(const void *, const void *) cmp)'],
  ['int printf(const char *fmt, ...)', 'int printf(const char *fmt, ...)'],
  ['struct node *next(struct node *n)', 'struct node * next(struct node *n)'],
  // FfiType records const on the pointer to the const thing: here the pointee `char * const`.
  ['char **argvish(char * const *v)', 'char * * argvish(const char * *v)'],
  ['long double ld(long double x)', 'long double ld(long double x)'],
];

for (const [input, printed] of CASES) {
  test(`parses '${input}'`, (t) => {
    const { name, fn } = parsePrototype(input);
    t.is(printPrototype(name, fn), printed);
  });
}

test('const on a pointer itself does not make the pointee const', (t) => {
  const { fn } = parsePrototype('void f(char * const p, const char *q)');
  t.like(fn.params[0]!.type, { kind: 'pointer', isConst: false });
  t.like(fn.params[1]!.type, { kind: 'pointer', isConst: true });
});

const ERRORS: readonly [input: string, message: RegExp][] = [
  ['', /expected a type, saw end of text/],
  ['int', /expected a function name/],
  ['int x', /'x' is not declared as a function/],
  ['int f(int', /expected '\)', saw end of text/],
  ['int f(int) extra', /unexpected 'extra'/],
  ['foo_t f(void)', /expected a type, saw 'foo_t'/],
  ['int f(void x)', /a parameter cannot have type 'void'/],
  ['int f(...)', /'\.\.\.' needs a named parameter before it/],
  ['unsigned signed f(void)', /both 'signed' and 'unsigned'/],
  ['long char f(void)', /invalid type 'long char'/],
  ['int (*f)(int)', /a function pointer is not a function/],
];

for (const [input, message] of ERRORS) {
  test(`rejects '${input}'`, (t) => {
    const err = t.throws(() => parsePrototype(input), { instanceOf: LoadError });
    t.regex(err?.message ?? '', message);
    t.true(err?.message.startsWith(`invalid prototype '${input}': `));
  });
}
