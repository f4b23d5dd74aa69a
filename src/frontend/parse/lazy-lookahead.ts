// Chevrotain's LL(k) lookahead, built on first use instead of at start-up.
//
// `performSelfAnalysis` computes a lookahead function for every OR, OPTION
// and MANY of the grammar before the first token is parsed: about half of
// building the parser, and most of it for constructs a given program never
// reaches (a 25-line function uses a small part of C's grammar). This
// strategy hands Chevrotain a stub per production that computes the real
// function from the recorded grammar the first time the parser asks, and
// calls it from then on. The functions are the ones the eager strategy
// would build (same inputs, same builder), so parsing is unchanged; the
// grammar validations (`validate`) are the inherited ones, run by the
// parse tests with `{ validate: true }`.

import { LLkLookaheadStrategy, type ILookaheadStrategy, type IOrAlt } from 'chevrotain';

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type AlternationLookahead = (this: unknown, orAlts?: IOrAlt<unknown>[]) => number | undefined;
type OptionalLookahead = (this: unknown) => boolean;

export class LazyLookaheadStrategy extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    let real: AlternationLookahead | null = null;
    const build = (): AlternationLookahead => super.buildLookaheadForAlternation(options) as AlternationLookahead;
    return function lazyAlternation(this: unknown, orAlts?: IOrAlt<unknown>[]) {
      real ??= build();
      return real.call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    let real: OptionalLookahead | null = null;
    const build = (): OptionalLookahead => super.buildLookaheadForOptional(options) as OptionalLookahead;
    return function lazyOptional(this: unknown) {
      real ??= build();
      return real.call(this);
    };
  }
}
