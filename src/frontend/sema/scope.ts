// Scopes (C11 6.2.1) and the name spaces inside them (6.2.3): ordinary
// identifiers (objects, functions, typedef names, enumeration constants) and
// tags live apart; labels live per function (see context.ts).
//
// Input: declarations as sema meets them. Output: lookups from inner to outer
// scopes. Invariant: the innermost scope is the last pushed; the file scope is
// the root and is never popped.

import type { SourceLoc } from '../../diagnostics.js';
import type { CType } from './types.js';
import type { FuncSym, VarSym } from './typed.js';

export type OrdinaryEntity =
  | VarSym
  | FuncSym
  | { readonly kind: 'typedef'; readonly name: string; readonly type: CType; readonly loc: SourceLoc }
  | { readonly kind: 'enumConst'; readonly name: string; readonly value: bigint; readonly type: CType; readonly loc: SourceLoc };

export interface TagEntry {
  readonly type: CType;
  readonly loc: SourceLoc;
}

export class Scope {
  readonly ordinary = new Map<string, OrdinaryEntity>();
  readonly tags = new Map<string, TagEntry>();
  constructor(
    readonly parent: Scope | null,
    readonly kind: 'file' | 'block' | 'prototype',
  ) {}

  lookup(name: string): OrdinaryEntity | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const e = s.ordinary.get(name);
      if (e) return e;
    }
    return undefined;
  }

  lookupTag(name: string): TagEntry | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const e = s.tags.get(name);
      if (e) return e;
    }
    return undefined;
  }

  /** The scope that holds `name` (for -Wshadow and redeclaration checks). */
  ownerOf(name: string): Scope | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.ordinary.has(name)) return s;
    }
    return undefined;
  }
}
