// A generator of one large function in -O0 shape (many locals in slots,
// if/else diamonds and loops), for measuring that the pipeline scales.

export function bigFunction(statements: number, locals = 64): string {
  const lines: string[] = ['func export @big(i32, i32) -> i32 {'];
  for (let s = 0; s < locals; s++) lines.push(`  slot $${s} size 4 align 4`);
  lines.push('b0(%p0:i32, %p1:i32):');
  for (let s = 0; s < locals; s++) lines.push(`  %a${s}:ptr = slotaddr $${s}`);
  for (let s = 0; s < locals; s++) lines.push(`  store i32 ${s % 2 === 0 ? '%p0' : '%p1'}, %a${s}`);
  let v = 0;
  let b = 1;
  lines.push(`  jmp b${b}`);
  const slot = (k: number) => `%a${(k * 7 + 3) % locals}`;
  for (let k = 0; k < statements; k++) {
    // Each statement: a loop header, a body with a diamond, a latch.
    const head = b, body = b + 1, then = b + 2, join = b + 3, exit = b + 4;
    b += 4;
    lines.push(`b${head}:`);
    const c = `%v${v++}`, cl = `%v${v++}`;
    lines.push(`  ${cl}:i32 = load ${slot(k)}`, `  ${c}:i32 = icmp slt i32 ${cl}, ${k % 5}`, `  br ${c}, b${body}, b${exit}`);
    lines.push(`b${body}:`);
    const x = `%v${v++}`, y = `%v${v++}`, z = `%v${v++}`, w = `%v${v++}`;
    lines.push(`  ${x}:i32 = load ${slot(k + 1)}`, `  ${y}:i32 = load ${slot(k + 2)}`, `  ${z}:i32 = mul ${x}, ${y}`, `  ${w}:i32 = add ${z}, ${k}`);
    lines.push(`  store i32 ${w}, ${slot(k + 3)}`, `  br ${z}, b${then}, b${join}`);
    lines.push(`b${then}:`);
    const t1 = `%v${v++}`, t2 = `%v${v++}`;
    lines.push(`  ${t1}:i32 = load ${slot(k + 4)}`, `  ${t2}:i32 = xor ${t1}, ${w}`, `  store i32 ${t2}, ${slot(k + 5)}`, `  jmp b${join}`);
    lines.push(`b${join}:`);
    const i1 = `%v${v++}`, i2 = `%v${v++}`;
    lines.push(`  ${i1}:i32 = load ${slot(k)}`, `  ${i2}:i32 = add ${i1}, 1`, `  store i32 ${i2}, ${slot(k)}`, `  jmp b${head}`);
  }
  lines.push(`b${b}:`);
  lines.push(`  %v${v}:i32 = load %a0`, `  ret %v${v}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Instructions (not counting terminators) in a function's text. */
export function countInstructions(text: string): number {
  return text.split('\n').filter((l) => /^ {2}(%|store|call)/.test(l)).length;
}
