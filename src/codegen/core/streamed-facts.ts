// Module facts for functions compiled while the unit is still being lowered
// (build.ts at -O0: each function is selected, allocated and encoded as soon
// as the frontend lowers it, so its IR is garbage before the next one).
//
// Instruction selection asks whether a name is defined here, reached
// directly and thread-local (driver.ts ModuleFacts). Before the module
// exists these come from the unit's outline: every definition sema checked,
// with the linkage and visibility lowering gives it (frontend/lower/lower.ts
// UnitOutline), plus what appears while lowering — string literals (`.str.N`,
// no C identifier starts with a dot) and taken label addresses. The outline
// holds definitions that are never lowered, but code names only reachable
// ones, which are. Every answer is remembered, and `agreesWith` compares
// them with the finished module's facts: the caller builds the object the
// whole-module way when any differs, so the object never depends on this
// prediction (test/driver/streamed-object.test.ts).

import type { IrFunction, IrModule } from '../../ir/ir.js';
import { moduleFacts, type ModuleFacts } from './driver.js';

/** The outline of a unit: what moduleFacts reads (frontend/lower/lower.ts UnitOutline has this shape). */
export interface FactsOutline {
  readonly functions: readonly Pick<IrFunction, 'name' | 'linkage' | 'visibility'>[];
  readonly globals: readonly Pick<IrModule['globals'][number], 'name' | 'linkage' | 'visibility' | 'isThreadLocal'>[];
  readonly aliases?: IrModule['aliases'];
  readonly signatures: IrModule['signatures'];
  readonly threadLocalExterns: readonly string[];
}

const DEFINED = 1;
const DIRECT = 2;
const TLS = 4;

export class StreamedFacts implements ModuleFacts {
  private readonly predicted: ModuleFacts;
  private readonly labels = new Set<string>();
  /** Per name asked: which questions (mask) and the answers given (bits). */
  private readonly asked = new Map<string, { mask: number; bits: number }>();
  readonly signatures: IrModule['signatures'];

  constructor(outline: FactsOutline, private readonly pic: boolean, readonly omitFramePointer: boolean) {
    // moduleFacts reads only the fields an outline has.
    this.predicted = moduleFacts(outline as unknown as IrModule, pic, omitFramePointer);
    this.signatures = outline.signatures;
  }

  /** A lowered function about to be compiled: the symbols of its taken labels are defined here. */
  noteFunction(fn: IrFunction): void {
    for (const l of fn.labelAddresses ?? []) this.labels.add(l.name);
  }

  private appears(name: string): boolean {
    return name.startsWith('.str.') || this.labels.has(name);
  }

  private record(name: string, question: number, answer: boolean): boolean {
    let a = this.asked.get(name);
    if (a === undefined) {
      a = { mask: 0, bits: 0 };
      this.asked.set(name, a);
    }
    a.mask |= question;
    if (answer) a.bits |= question;
    return answer;
  }

  isDefined(name: string): boolean {
    return this.record(name, DEFINED, this.appears(name) || this.predicted.isDefined(name));
  }

  isDirect(name: string): boolean {
    return this.record(name, DIRECT, this.appears(name) || this.predicted.isDirect(name));
  }

  isThreadLocal(name: string): boolean {
    return this.record(name, TLS, !this.appears(name) && this.predicted.isThreadLocal(name));
  }

  /** True when every answer given equals that of the finished module's facts. */
  agreesWith(module: IrModule): boolean {
    const final = moduleFacts(module, this.pic, this.omitFramePointer);
    for (const [name, { mask, bits }] of this.asked) {
      if ((mask & DEFINED) !== 0 && final.isDefined(name) !== ((bits & DEFINED) !== 0)) return false;
      if ((mask & DIRECT) !== 0 && final.isDirect(name) !== ((bits & DIRECT) !== 0)) return false;
      if ((mask & TLS) !== 0 && final.isThreadLocal(name) !== ((bits & TLS) !== 0)) return false;
    }
    return true;
  }
}
