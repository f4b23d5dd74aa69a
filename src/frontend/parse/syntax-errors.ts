// How syntax errors are worded: gcc's phrasing ("expected ';' before '}'
// token", "expected expression before ')' token") built from Chevrotain's
// recognition exceptions.
//
// Input: a Chevrotain recognition exception whose message is one of our
// ERR_MSG strings ("expected ';'"), or Chevrotain's own text when a rule has
// none. Output: the final message and the token it points at.
//
// The parser passes `ERR_MSG` to CONSUME and OR, and the message provider
// below turns Chevrotain's default messages into the same "expected X" shape,
// so every message the user sees reads like gcc's.

import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from '../lex/tokens.js';

/** The spelling of a punctuator or keyword token type, e.g. `;` for Semicolon. */
export function spellingOf(type: TokenType): string {
  if (type === EOF) return 'end of input';
  const pattern = type.PATTERN;
  if (pattern instanceof RegExp) {
    const first = pattern.source.split('|')[0]!;
    return first.replace(/\\/g, '');
  }
  return type.name;
}

const isWordToken = (type: TokenType): boolean =>
  type === T.Identifier || (type.CATEGORIES ?? []).includes(T.Keyword);

/** gcc's way of naming the token an error points at: `'x'`, `';' token`, `numeric constant`. */
export function describeToken(token: IToken): string {
  const type = token.tokenType;
  if (type === EOF) return 'end of input';
  if (type === T.Number) return 'numeric constant';
  if (type === T.StringLiteral) return 'string constant';
  if (type === T.CharLiteral) return 'character constant';
  if (isWordToken(type)) return `'${token.image}'`;
  if (type === T.Stray) return `stray '${token.image}' in program`;
  return `'${token.image}' token`;
}

/** "expected ';'" + " before '}' token"; messages already saying where ("after …") are kept. */
export function syntaxErrorMessage(expected: string, token: IToken): string {
  if (token.tokenType === T.Stray) return `stray '${token.image}' in program`;
  if (/ (after|at|in) /.test(expected)) return expected;
  if (token.tokenType === EOF) return `${expected} at end of input`;
  return `${expected} before ${describeToken(token)}`;
}

/** Chevrotain's messages, reshaped to "expected X" so `syntaxErrorMessage` can finish them. */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected }) {
    return `expected '${spellingOf(expected)}'`;
  },
  buildNotAllInputParsedMessage() {
    return 'expected declaration';
  },
  buildNoViableAltMessage({ customUserDescription }) {
    return customUserDescription ?? 'expected expression';
  },
  buildEarlyExitMessage({ customUserDescription }) {
    return customUserDescription ?? 'expected expression';
  },
};

const recognitionExceptionNames = new Set([
  'MismatchedTokenException',
  'NoViableAltException',
  'EarlyExitException',
  'NotAllInputParsedException',
]);

/** Chevrotain's recognition exceptions carry the offending token. */
export interface RecognitionError {
  readonly name: string;
  readonly message: string;
  readonly token: IToken;
  readonly previousToken?: IToken;
}

export function isRecognitionError(e: unknown): e is RecognitionError {
  return e instanceof Error && recognitionExceptionNames.has(e.name) && 'token' in e;
}
