// The reference interpreter on small programs with known results.
import test from 'ava';
import { parseIr } from '../../src/ir/parse.js';
import { interpret, InterpLimit, InterpUndefined } from '../../src/ir/interp.js';

const fib = parseIr(`func export @fib(i64) -> i64 {
b0(%0:i64):
  %1:i32 = icmp slt i64 %0, 2
  br %1, b1, b2
b1:
  ret %0
b2:
  %2:i64 = sub %0, 1
  %3:i64 = call @fib(i64 %2)
  %4:i64 = sub %0, 2
  %5:i64 = call @fib(i64 %4)
  %6:i64 = add %3, %5
  ret %6
}
`);

test('recursion', (t) => {
  t.is(interpret(fib, 'fib', [20n]).value, 6765n);
});

test('memory, globals, slots and extern calls', (t) => {
  const m = parseIr(`declare @print
global export @g align 4 size 8 { i32 5, i32 -1 }

func export @f(i32) -> i32 {
  slot $0 size 4 align 4
b0(%x:i32):
  %s:ptr = slotaddr $0
  store i32 %x, %s
  %a:i32 = load @g
  %b:i32 = load @g+4
  %l:i32 = load %s
  %r:i32 = add %a, %l
  store i32 %r, @g+4
  %b8:i8 = load @g+4
  %z:i64 = zext i8 %b8
  call @print(i32 %b, i64 %z)
  ret %r
}
`);
  const r = interpret(m, 'f', [250n]);
  t.is(r.value, 255n);
  t.deepEqual(r.trace, ['print(-1, 255)']);
  t.deepEqual([...r.globals], [5, 0, 0, 0, 255, 0, 0, 0]);
});

test('undefined behaviour and runaway loops are reported, not computed', (t) => {
  const m = parseIr(`func export @div(i32, i32) -> i32 {
b0(%a:i32, %b:i32):
  %q:i32 = sdiv %a, %b
  ret %q
}

func export @spin() -> void {
b0:
  jmp b0.loop
b0.loop:
  jmp b0.loop
}
`);
  t.is(interpret(m, 'div', [7n, -2n]).value, -3n);
  t.throws(() => interpret(m, 'div', [7n, 0n]), { instanceOf: InterpUndefined });
  t.throws(() => interpret(m, 'div', [-2147483648n, -1n]), { instanceOf: InterpUndefined });
  t.throws(() => interpret(m, 'spin', [], { maxSteps: 1000 }), { instanceOf: InterpLimit });
});

test('floats: f32 rounding, NaN compares, conversions', (t) => {
  const m = parseIr(`func export @f(f64) -> i32 {
b0(%x:f64):
  %s:f32 = fptrunc f64 %x
  %d:f64 = fpext f32 %s
  %c:i32 = fcmp une f64 %d, %x
  ret %c
}
`);
  t.is(interpret(m, 'f', [0.1]).value, 1n);
  t.is(interpret(m, 'f', [0.5]).value, 0n);
  t.is(interpret(m, 'f', [NaN]).value, 1n);
});

test('long double operations read and write the 80-bit extended format by default (computed in double precision)', (t) => {
  // @half holds 0.5 as an 80-bit image: significand 2^63, exponent 16382 (0x3ffe).
  const m = parseIr(`global local @half align 16 size 16 { i64 -9223372036854775808, i16 16382, i16 0, i32 0 }

func export @f(i32) -> i32 {
  slot $0 size 16 align 16
  slot $1 size 16 align 16
b0(%0:i32):
  %1:ptr = slotaddr $0
  %2:ptr = slotaddr $1
  store i32 %0, %1
  ldext i32 %1, %1
  ldmul %2, %1, @half
  ldneg %2, %2
  ldsub %2, %2, @half
  %3:i32 = ldcmp olt %2, @half
  ldtrunc i32 %1, %2
  %4:i32 = load %1
  %5:i32 = mul %4, 10
  %6:i32 = add %5, %3
  ret %6
}
`);
  // 7 * 0.5 = 3.5; -3.5 - 0.5 = -4; -4 < 0.5; trunc -4 → -40 + 1
  t.is(interpret(m, 'f', [7n]).value, -39n);
});

test('long double operations in binary128 when the interpreter is told so', (t) => {
  // @half holds 0.5 as binary128: exponent 16382 (0x3ffe) in the top 16 bits, no fraction.
  const m = parseIr(`global local @half align 16 size 16 { i64 0, i64 4611123068473966592 }

func export @f(i32) -> i32 {
  slot $0 size 16 align 16
  slot $1 size 16 align 16
b0(%0:i32):
  %1:ptr = slotaddr $0
  %2:ptr = slotaddr $1
  store i32 %0, %1
  ldext i32 %1, %1
  ldmul %2, %1, @half
  ldsub %2, %2, @half
  %3:i32 = ldcmp ogt %2, @half
  ldtrunc i32 %1, %2
  %4:i32 = load %1
  %5:i32 = mul %4, 10
  %6:i32 = add %5, %3
  ret %6
}
`);
  // 7 * 0.5 - 0.5 = 3 > 0.5 → 30 + 1; read as the 80-bit format the same bytes would be garbage.
  t.is(interpret(m, 'f', [7n], { longDouble: 'binary128' }).value, 31n);
});

test('stackalloc memory is aligned, distinct, and reused after stackrestore', (t) => {
  const m = parseIr(`func export @f(i64) -> i64 {
b0(%n:i64):
  %s:ptr = stacksave
  %p:ptr = stackalloc %n, align 64
  %q:ptr = stackalloc 8, align 16
  store i64 7, %p
  store i64 5, %q
  %a:i64 = load %p
  %b:i64 = load %q
  stackrestore %s
  %r:ptr = stackalloc %n, align 64
  %pi:i64 = ptrtoint ptr %p
  %ri:i64 = ptrtoint ptr %r
  %same:i64 = sub %pi, %ri
  %low:i64 = and %pi, 63
  %x:i64 = add %a, %b
  %y:i64 = add %x, %same
  %z:i64 = add %y, %low
  ret %z
}
`);
  t.is(interpret(m, 'f', [24n]).value, 12n);
});
