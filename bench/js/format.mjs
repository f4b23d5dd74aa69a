// printf conversions the kernels' mains use, so the JS versions print the
// same bytes as the C ones: %.17g, %.9f, %.9e, %08x (glibc's rules: %g drops
// trailing zeros and switches to exponent form below 1e-4 or at 1e<precision>;
// exponents have at least two digits).

export function g17(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toExponential(16)))));
  if (exp < -4 || exp >= 17) return expForm(x.toExponential(16).replace(/\.?0+e/, 'e'));
  const s = x.toFixed(Math.max(0, 16 - exp));
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function f9(x) {
  return x.toFixed(9);
}

export function e9(x) {
  return expForm(x.toExponential(9));
}

function expForm(s) {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

export function hex8(u) {
  return (u >>> 0).toString(16).padStart(8, '0');
}

/** atoi of argv[i] or the default, as the C mains read their arguments. */
export function arg(i, dflt) {
  const s = process.argv[2 + i];
  return s === undefined ? dflt : parseInt(s, 10) | 0;
}
