// Hidesets: the macro names a token may no longer expand (C11 6.10.3.4p2,
// "painted blue"), following Prosser's algorithm as described in the
// X3J11 notes: an expansion of M gives each produced token
// HS(invocation) ∪ {M}.
//
// Hidesets are interned and immutable, so equal sets are the same object,
// most tokens share one, and `with` / `union` / `intersect` are memoized
// per set. The empty set is `null` on the token to keep tokens small.

export class Hideset {
  private static readonly interned = new Map<string, Hideset>();
  private readonly withCache = new Map<string, Hideset>();

  private constructor(
    /** Sorted, distinct names. */
    readonly names: readonly string[],
    private readonly key: string,
    private readonly set: ReadonlySet<string>,
  ) {}

  private static of(names: string[]): Hideset {
    const sorted = [...new Set(names)].sort();
    const key = sorted.join(' ');
    let hs = Hideset.interned.get(key);
    if (hs === undefined) {
      hs = new Hideset(sorted, key, new Set(sorted));
      Hideset.interned.set(key, hs);
    }
    return hs;
  }

  static single(name: string): Hideset {
    return Hideset.of([name]);
  }

  has(name: string): boolean {
    return this.set.has(name);
  }

  with(name: string): Hideset {
    let hs = this.withCache.get(name);
    if (hs === undefined) {
      hs = this.set.has(name) ? this : Hideset.of([...this.names, name]);
      this.withCache.set(name, hs);
    }
    return hs;
  }

  toString(): string {
    return `{${this.key}}`;
  }
}

export function hidesetHas(hs: Hideset | null, name: string): boolean {
  return hs !== null && hs.has(name);
}

export function hidesetWith(hs: Hideset | null, name: string): Hideset {
  return hs === null ? Hideset.single(name) : hs.with(name);
}

export function hidesetUnion(a: Hideset | null, b: Hideset | null): Hideset | null {
  if (a === null || a === b) return b;
  if (b === null) return a;
  let out: Hideset = a;
  for (const n of b.names) out = out.with(n);
  return out;
}

export function hidesetIntersect(a: Hideset | null, b: Hideset | null): Hideset | null {
  if (a === null || b === null) return null;
  if (a === b) return a;
  let out: Hideset | null = null;
  for (const n of a.names) if (b.has(n)) out = hidesetWith(out, n);
  return out;
}
