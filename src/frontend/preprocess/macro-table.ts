// The macros defined at a point of preprocessing, by name.
//
// A translation unit starts from the state its prelude left (the ~420
// predefined macros, preprocess.ts), and most small ones never define or
// undefine a macro of their own. So the table starts by reading the saved
// map itself and copies it only on the first change (copy on write): a
// compile of a 25-line function no longer copies 420 entries before its
// first token. The saved map is never changed through a table.
//
// Behaves as a Map would, order of iteration included (`-dM` lists macros
// in definition order).

import type { Macro } from './macro.js';

export class MacroTable {
  /** The map being read; `shared` while it is a saved state's and must not be changed. */
  private map: Map<string, Macro> = new Map();
  private isShared = false;

  /** Starts over from `saved`, which stays untouched. */
  startFrom(saved: ReadonlyMap<string, Macro>): void {
    this.map = saved as Map<string, Macro>;
    this.isShared = true;
  }

  get(name: string): Macro | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  set(name: string, m: Macro): void {
    this.own().set(name, m);
  }

  delete(name: string): void {
    if (this.map.has(name)) this.own().delete(name);
  }

  values(): IterableIterator<Macro> {
    return this.map.values();
  }

  /** A copy that later changes to this table do not touch (a state to save). */
  snapshot(): ReadonlyMap<string, Macro> {
    return copy(this.map);
  }

  private own(): Map<string, Macro> {
    if (this.isShared) {
      this.map = copy(this.map);
      this.isShared = false;
    }
    return this.map;
  }
}

/** Entry by entry: faster than `new Map(map)` in V8 (which goes through the iterator protocol). */
function copy(map: ReadonlyMap<string, Macro>): Map<string, Macro> {
  const out = new Map<string, Macro>();
  for (const [name, m] of map) out.set(name, m);
  return out;
}
