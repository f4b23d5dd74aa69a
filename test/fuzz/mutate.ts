// Mutators for the fuzzing harness (harness.ts), driven by a seeded PRNG so
// every mutant can be rebuilt from (seed, index).
//
// C sources: truncation, splicing two programs, inserting the tokens that
// most disturb a C front end, deleting and duplicating ranges, swapping
// identifiers and numbers for extreme ones. Object files: flipped bits,
// overwritten bytes and words (with 0, -1, huge values), truncation, and
// writes aimed at the ELF header and the section header table, where one
// wrong field decides how everything else is read.

/** mulberry32: small and deterministic. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  '{', '}', '(', ')', '[', ']', ';', ',', '"', "'", '\\', '#', '##', '/*', '*/', '//', '\n', '\n#', '@', '$', '`', '\x00', '\xff',
  '0x', '1e', '...', 'int', 'struct', 'union', 'sizeof', '__VA_ARGS__', 'defined(', '#if', '#endif', '#define X(a) a##a\n',
  'static', 'register', '_Atomic', '_Complex', 'long double', '__int128', 'goto l;', 'l:', 'case 1:', 'default:', '= {', '.x =', '[3] =',
  '[0 ... 9] =', '__attribute__((aligned(64)))', '__builtin_va_arg(', 'asm("nop");', '_Generic(', '_Static_assert(0, "");', '(void)',
  '9223372036854775807', '0xffffffffffffffff', '1e999', '0.0/0.0', '-2147483648', '\'\\777\'', '"\\x"', 'L"', 'u8"',
];

export function mutateSource(random: () => number, corpus: readonly { name: string; text: string }[]): { how: string; from: string; text: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const base = pick(corpus);
  const a = base.text;
  const at = (s: string) => Math.floor(random() * (s.length + 1));
  switch (Math.floor(random() * 7)) {
    case 0: { const n = at(a); return { how: `truncated at ${n}`, from: base.name, text: a.slice(0, n) }; }
    case 1: {
      const b = pick(corpus).text;
      const i = at(a), j = at(b);
      return { how: `spliced at ${i}/${j}`, from: base.name, text: a.slice(0, i) + b.slice(j) };
    }
    case 2: {
      let s = a;
      const n = 1 + Math.floor(random() * 4);
      for (let k = 0; k < n; k++) { const i = at(s); s = s.slice(0, i) + pick(NOISE) + s.slice(i); }
      return { how: `${n} insertions`, from: base.name, text: s };
    }
    case 3: {
      const i = at(a), len = Math.floor(random() * 40);
      return { how: `deleted ${len} at ${i}`, from: base.name, text: a.slice(0, i) + a.slice(i + len) };
    }
    case 4: {
      const i = at(a), len = Math.floor(random() * 80), j = at(a);
      return { how: `duplicated ${len} at ${i} to ${j}`, from: base.name, text: a.slice(0, j) + a.slice(i, i + len) + a.slice(j) };
    }
    case 5: {
      // Every occurrence of one number becomes an extreme one (array sizes, shifts, case labels…).
      const numbers = a.match(/\b\d+\b/g) ?? ['0'];
      const n = pick(numbers);
      const to = pick(['0', '-1', '4294967296', '9223372036854775807', '1000000000', '65']);
      return { how: `number ${n} → ${to}`, from: base.name, text: a.replace(new RegExp(`\\b${n}\\b`, 'g'), to) };
    }
    default: {
      // One identifier renamed to another: types and values, functions and variables trade places.
      const ids = a.match(/\b[A-Za-z_]\w*\b/g) ?? ['x'];
      const from = pick(ids), to = pick(ids);
      return { how: `identifier ${from} → ${to}`, from: base.name, text: a.replace(new RegExp(`\\b${from}\\b`, 'g'), to) };
    }
  }
}

export function mutateBytes(random: () => number, valid: Uint8Array): { how: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(valid);
  const view = new DataView(bytes.buffer);
  const edits: string[] = [];
  const n = 1 + Math.floor(random() * 3);
  for (let k = 0; k < n; k++) {
    // Aim at the ELF header (64 bytes) one time in six, the section header table one in three.
    const shoff = bytes.length >= 64 ? Number(view.getBigUint64(40, true)) : 0;
    const r = random();
    const region = r < 1 / 6 ? 0 : r < 0.5 ? 1 : 2;
    const at = region === 0 ? Math.floor(random() * Math.min(64, bytes.length))
      : region === 1 && shoff > 0 && shoff < bytes.length ? shoff + Math.floor(random() * (bytes.length - shoff))
        : Math.floor(random() * bytes.length);
    switch (Math.floor(random() * 5)) {
      case 0: bytes[at] = bytes[at]! ^ (1 << Math.floor(random() * 8)); edits.push(`bit at ${at}`); break;
      case 1: bytes[at] = Math.floor(random() * 256); edits.push(`byte at ${at}`); break;
      case 2: {
        if (at + 8 > bytes.length) break;
        const v = [0n, 0xffffffffffffffffn, 0x7fffffffn, 1n << 40n, BigInt(bytes.length), BigInt(Math.floor(random() * 1000))][Math.floor(random() * 6)]!;
        if (random() < 0.5) view.setBigUint64(at, v, true); else view.setUint32(at, Number(v & 0xffffffffn), true);
        edits.push(`word at ${at} = ${v}`);
        break;
      }
      case 3: {
        const len = Math.floor(random() * bytes.length);
        edits.push(`truncated to ${len}`);
        return { how: edits.join(', '), bytes: bytes.slice(0, len) };
      }
      default: {
        const from = Math.floor(random() * bytes.length), len = Math.floor(random() * 64);
        bytes.copyWithin(at, from, Math.min(bytes.length, from + len));
        edits.push(`copied ${len} from ${from} to ${at}`);
      }
    }
  }
  return { how: edits.join(', ') || 'unchanged', bytes };
}
