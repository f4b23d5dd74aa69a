// Round trip of the IR text form: every fixture under test/ir/fixtures and
// test/ir/passes/fixtures prints back exactly as written, and bad text is
// rejected with a file:line:col message.
import test from 'ava';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IrParseError, parseIr } from '../../src/ir/parse.js';
import { printFunction, printIr } from '../../src/ir/print.js';
import { floatOperand, intOperand, type IrModule } from '../../src/ir/ir.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Pass fixtures carry `; RUN:`/`; CHECK:` comments; the rest is canonical IR. */
function stripDirectives(text: string): string {
  return text.split('\n').filter((l) => !/^;/.test(l)).join('\n').replace(/^\n+/, '').replace(/\n+$/, '\n');
}

for (const dir of ['fixtures/roundtrip', 'passes/fixtures']) {
  const full = join(here, dir);
  if (!existsSync(full)) continue;
  for (const f of readdirSync(full).filter((n) => n.endsWith('.ir')).sort()) {
    test(`round trip ${dir}/${f}`, (t) => {
      const text = stripDirectives(readFileSync(join(full, f), 'utf8'));
      t.is(printIr(parseIr(text, f)), text);
    });
  }
}

function oneRet(ty: string, operandText: string): string {
  return `func export @f() -> ${ty} {\nb0:\n  ret ${operandText}\n}\n`;
}

test('integer constants print signed in their type', (t) => {
  const m = parseIr(oneRet('i8', '0'));
  const blk = m.functions[0].blocks[0];
  blk.term = { kind: 'ret', value: intOperand(255) };
  t.is(printFunction(m.functions[0]), oneRet('i8', '-1'));
  blk.term = { kind: 'ret', value: intOperand(0xffffffffn) };
  m.functions[0].ret = 'i32';
  t.is(printFunction(m.functions[0]), oneRet('i32', '-1'));
  m.functions[0].ret = 'i64';
  t.is(printFunction(m.functions[0]), oneRet('i64', '4294967295'));
});

test('float constants read back bit-exactly', (t) => {
  const samples = [0, -0, 1, -1.5, 0.1, 1 / 3, Math.PI, 5e-324, 1.7976931348623157e308, Infinity, -Infinity, NaN, 2 ** 53, 1e21, 3.4028234663852886e38];
  for (const v of samples) {
    const m = parseIr(oneRet('f64', '0.0'));
    m.functions[0].blocks[0].term = { kind: 'ret', value: floatOperand(v) };
    const back = parseIr(printIr(m));
    const term = back.functions[0].blocks[0].term;
    t.true(term.kind === 'ret' && term.value?.kind === 'float' && Object.is(term.value.value, v), `value ${v}`);
  }
});

test('value and block names are kept; duplicates fall back to ids', (t) => {
  const text = 'func export @f(i32) -> i32 {\nentry(%x:i32):\n  %y:i32 = add %x, 1\n  jmp done(%y)\ndone(%r:i32):\n  ret %r\n}\n';
  const m: IrModule = parseIr(text);
  t.is(printIr(m), text);
  const fn = m.functions[0];
  for (const v of fn.values) v.name = 'same';
  t.is(printFunction(fn), 'func export @f(i32) -> i32 {\nentry(%0:i32):\n  %1:i32 = add %0, 1\n  jmp done(%1)\ndone(%2:i32):\n  ret %2\n}\n');
});

const bad: [string, string, string][] = [
  ['unknown opcode', 'func export @f() -> i32 {\nb0:\n  %1:i32 = frob 1, 2\n  ret %1\n}\n', 'bad.ir:3:12: error: unknown opcode \'frob\''],
  ['undefined value', 'func export @f() -> i32 {\nb0:\n  ret %9\n}\n', "bad.ir:3:7: error: use of undefined value '%9'"],
  ['undefined block', 'func export @f() -> void {\nb0:\n  jmp nowhere\n}\n', "bad.ir:3:7: error: use of undefined block 'nowhere'"],
  ['redefined value', 'func export @f() -> i32 {\nb0:\n  %a:i32 = copy 1\n  %a:i32 = copy 2\n  ret %a\n}\n', "bad.ir:4:3: error: redefinition of value '%a'"],
  ['missing terminator', 'func export @f() -> void {\nb0:\n}\n', "bad.ir:3:1: error: expected an instruction or terminator, saw '}'"],
  ['bad type', 'func export @f(i33) -> void {\nb0:\n  ret\n}\n', "bad.ir:1:16: error: expected a type, saw 'i33'"],
  ['unterminated string', 'global local @s align 1 size 1 { bytes "ab }\n', 'bad.ir:1:40: error: unterminated string'],
  ['bad escape', 'global local @s align 1 size 1 { bytes "\\zz" }\n', 'bad.ir:1:41: error: expected two hex digits after \\ in string'],
  ['undefined slot', 'func export @f() -> void {\nb0:\n  %p:ptr = slotaddr $0\n  ret\n}\n', "bad.ir:3:21: error: use of undefined slot '$0'"],
  ['duplicate symbol', 'declare @f\nfunc export @f() -> void {\nb0:\n  ret\n}\n', "bad.ir:2:13: error: redefinition of '@f'"],
  ['eof', 'func export @f() -> void {\nb0:\n  ret\n', 'bad.ir:4:1: error: expected a block label, saw end of input'],
  ['stray character', 'func export @f() -> void # {\n', "bad.ir:1:26: error: unexpected character '#'"],
];
for (const [name, text, msg] of bad) {
  test(`rejects bad text: ${name}`, (t) => {
    const e = t.throws(() => parseIr(text, 'bad.ir'), { instanceOf: IrParseError });
    t.is(e?.message, msg);
  });
}
