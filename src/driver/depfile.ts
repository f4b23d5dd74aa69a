// Make rules for the -M family, in the form gcc writes them:
//
//   target: main.c /usr/include/stdc-predef.h a.h \
//    b.h
//   a.h:           (one per header with -MP)
//
// Input: the targets (already quoted for -MQ), the main file (omitted for
// standard input), and the headers in the order the preprocessor first
// opened them with their system-header flag. Output: the rule text.
// Paths are quoted for make (blanks, `$`, `#`); lines are continued with
// ` \` before they grow past gcc's width.

import { quoteForMake } from './args.js';

export interface Dependency {
  readonly path: string;
  readonly isSystem: boolean;
}

/** Lines are continued before they would pass this column (gcc's rules look the same). */
const maxColumn = 76;

export function formatMakeRule(targets: readonly string[], mainFile: string | null, deps: readonly Dependency[], opts: { skipSystem: boolean; phony: boolean }): string {
  const headers = deps.filter((d) => !(opts.skipSystem && d.isSystem)).map((d) => quoteForMake(d.path));
  const prereqs = [...(mainFile === null ? [] : [quoteForMake(mainFile)]), ...headers];
  let out = targets.join(' ') + ':';
  let column = out.length;
  for (const p of prereqs) {
    if (column + 1 + p.length > maxColumn && column > 1) {
      out += ' \\\n';
      column = 0;
    }
    out += ' ' + p;
    column += 1 + p.length;
  }
  out += '\n';
  if (opts.phony) for (const h of headers) out += `${h}:\n`;
  return out;
}
