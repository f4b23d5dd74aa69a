// Every token type of C11 (§6.4) plus the GNU spellings glibc headers use.
//
// The lexer produces *preprocessing tokens* (C11 6.4p1): numbers are lexed as
// pp-numbers (6.4.8) and classified into integer or floating constants after
// preprocessing, because `##` and macros may build them. Keywords are
// ordinary tokens (with `longer_alt: Identifier`) so the preprocessor can
// treat them as identifiers: `isIdentifierLike` says which tokens may name a
// macro.
//
// GNU alternative spellings (`__inline__`, `__restrict`, `__signed__`, …)
// lex as the same token type as the standard keyword; the token's image keeps
// the spelling.
//
// Order matters: Chevrotain tries patterns in array order, so longer
// punctuators come before their prefixes and keywords before Identifier.

import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { SourceLoc } from '../../diagnostics.js';

/**
 * A token as the preprocessor hands it to the parser: a Chevrotain token
 * plus its source location (file, line, column, and the macro expansion it
 * came from). Parser nodes take their `loc` from here, never from
 * startLine/startColumn, which are positions in whatever text was lexed.
 */
export type CToken = IToken & { loc: SourceLoc };

// Every pattern states the characters it can start with (`start_chars_hint`):
// Chevrotain would otherwise work them out by parsing each regular expression
// when the lexer is built, the larger part of building it. The lexer's tests
// build it with `ensureOptimizations`, which checks the hints are complete.

const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

// ---------------------------------------------------------------- trivia

/** Spaces and tabs, form feeds, vertical tabs (6.4p3). */
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\f\v]+/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t', '\f', '\v'] });
/** A line end; the preprocessor needs these (directives end at the line's end, 6.10p2). */
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true, start_chars_hint: ['\r', '\n'] });
/** Backslash-newline (translation phase 2) splices lines; outside tokens it is just a gap. */
export const LineSplice = createToken({ name: 'LineSplice', pattern: /\\\r?\n/, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: ['\\'] });
/** Comments become one space (6.4.9). */
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: ['/'] });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/(?:\\\r?\n|[^\n])*/, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: ['/'] });

// ---------------------------------------------------------------- identifiers and keywords (6.4.1, 6.4.2)

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_$][A-Za-z0-9_$]*/, start_chars_hint: [...letters, '_', '$'] });

/** Every keyword token is in this category. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
/** Keywords that start a type specifier or qualifier (helps the parser decide declaration vs statement). */
export const TypeKeyword = createToken({ name: 'TypeKeyword', pattern: Lexer.NA });

const keywordShortest = new Map<TokenType, number>();

/** Every keyword spelling (GNU alternatives included) → its token type, for the scanner. */
export const keywordBySpelling = new Map<string, TokenType>();

function keyword(name: string, spellings: string[], extraCategories: TokenType[] = []): TokenType {
  // Longest spelling first so `__inline__` is not cut at `__inline`.
  const sorted = [...spellings].sort((a, b) => b.length - a.length);
  const token = createToken({
    name,
    pattern: new RegExp(sorted.map((s) => s.replace(/[$]/g, '\\$')).join('|')),
    longer_alt: Identifier,
    categories: [Keyword, ...extraCategories],
    start_chars_hint: [...new Set(spellings.map((sp) => sp[0]!))],
  });
  keywordShortest.set(token, Math.min(...spellings.map((sp) => sp.length)));
  for (const sp of spellings) keywordBySpelling.set(sp, token);
  return token;
}

export const Auto = keyword('Auto', ['auto']);
export const Break = keyword('Break', ['break']);
export const Case = keyword('Case', ['case']);
export const Char = keyword('Char', ['char'], [TypeKeyword]);
export const Const = keyword('Const', ['const', '__const', '__const__'], [TypeKeyword]);
export const Continue = keyword('Continue', ['continue']);
export const Default = keyword('Default', ['default']);
export const Do = keyword('Do', ['do']);
export const Double = keyword('Double', ['double'], [TypeKeyword]);
export const Else = keyword('Else', ['else']);
export const Enum = keyword('Enum', ['enum'], [TypeKeyword]);
export const Extern = keyword('Extern', ['extern']);
export const Float = keyword('Float', ['float'], [TypeKeyword]);
export const For = keyword('For', ['for']);
export const Goto = keyword('Goto', ['goto']);
export const If = keyword('If', ['if']);
export const Inline = keyword('Inline', ['inline', '__inline', '__inline__']);
export const Int = keyword('Int', ['int'], [TypeKeyword]);
export const Long = keyword('Long', ['long'], [TypeKeyword]);
export const Register = keyword('Register', ['register']);
export const Restrict = keyword('Restrict', ['restrict', '__restrict', '__restrict__'], [TypeKeyword]);
export const Return = keyword('Return', ['return']);
export const Short = keyword('Short', ['short'], [TypeKeyword]);
export const Signed = keyword('Signed', ['signed', '__signed', '__signed__'], [TypeKeyword]);
export const Sizeof = keyword('Sizeof', ['sizeof']);
export const Static = keyword('Static', ['static']);
export const Struct = keyword('Struct', ['struct'], [TypeKeyword]);
export const Switch = keyword('Switch', ['switch']);
export const Typedef = keyword('Typedef', ['typedef']);
export const Union = keyword('Union', ['union'], [TypeKeyword]);
export const Unsigned = keyword('Unsigned', ['unsigned'], [TypeKeyword]);
export const Void = keyword('Void', ['void'], [TypeKeyword]);
export const Volatile = keyword('Volatile', ['volatile', '__volatile', '__volatile__'], [TypeKeyword]);
export const While = keyword('While', ['while']);
export const Alignas = keyword('Alignas', ['_Alignas']);
export const Alignof = keyword('Alignof', ['_Alignof', '__alignof__', '__alignof']);
export const Atomic = keyword('Atomic', ['_Atomic'], [TypeKeyword]);
export const Bool = keyword('Bool', ['_Bool'], [TypeKeyword]);
export const Complex = keyword('Complex', ['_Complex', '__complex__', '__complex'], [TypeKeyword]);
export const Generic = keyword('Generic', ['_Generic']);
export const Imaginary = keyword('Imaginary', ['_Imaginary']);
export const Noreturn = keyword('Noreturn', ['_Noreturn']);
export const StaticAssert = keyword('StaticAssert', ['_Static_assert']);
export const ThreadLocal = keyword('ThreadLocal', ['_Thread_local', '__thread']);
// GNU extensions
export const Attribute = keyword('Attribute', ['__attribute__', '__attribute']);
export const Extension = keyword('Extension', ['__extension__']);
export const Asm = keyword('Asm', ['__asm__', '__asm', 'asm']);
export const Typeof = keyword('Typeof', ['typeof', '__typeof__', '__typeof'], [TypeKeyword]);
export const Int128 = keyword('Int128', ['__int128'], [TypeKeyword]);
export const BuiltinVaList = keyword('BuiltinVaList', ['__builtin_va_list'], [TypeKeyword]);
export const BuiltinVaArg = keyword('BuiltinVaArg', ['__builtin_va_arg']);
export const BuiltinOffsetof = keyword('BuiltinOffsetof', ['__builtin_offsetof']);
export const BuiltinTypesCompatible = keyword('BuiltinTypesCompatible', ['__builtin_types_compatible_p']);
export const BuiltinConvertVector = keyword('BuiltinConvertVector', ['__builtin_convertvector']);
export const Label = keyword('Label', ['__label__']);
export const Real = keyword('Real', ['__real__', '__real']);
export const Imag = keyword('Imag', ['__imag__', '__imag']);

// ---------------------------------------------------------------- constants (6.4.4, 6.4.8)

/**
 * A preprocessing number (6.4.8): digits, letters, `_`, `.`, and signs after
 * e/E/p/P. Classified as an integer or floating constant after preprocessing.
 */
export const Number = createToken({
  name: 'Number',
  pattern: /\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*/,
  start_chars_hint: ['.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});
/** Character constant with optional prefix (6.4.4.4). */
export const CharLiteral = createToken({ name: 'CharLiteral', pattern: /(?:u8|[uUL])?'(?:[^'\\\n]|\\.)*'/, start_chars_hint: ['u', 'U', 'L', "'"] });
/** String literal with optional prefix (6.4.5). */
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*"/, start_chars_hint: ['u', 'U', 'L', '"'] });

// ---------------------------------------------------------------- punctuators (6.4.6), longest first

function punct(name: string, pattern: RegExp): TokenType {
  // Each alternative (split at the unescaped `|`s) is a literal spelling, its first character maybe escaped.
  const firstChars = pattern.source.split(/(?<!\\)\|/).map((alt) => (alt[0] === '\\' ? alt[1]! : alt[0]!));
  return createToken({ name, pattern, start_chars_hint: [...new Set(firstChars)] });
}

export const Ellipsis = punct('Ellipsis', /\.\.\./);
export const ShlAssign = punct('ShlAssign', /<<=/);
export const ShrAssign = punct('ShrAssign', />>=/);
export const HashHash = punct('HashHash', /##|%:%:/);
export const Arrow = punct('Arrow', /->/);
export const PlusPlus = punct('PlusPlus', /\+\+/);
export const MinusMinus = punct('MinusMinus', /--/);
export const Shl = punct('Shl', /<</);
export const Shr = punct('Shr', />>/);
export const LessEq = punct('LessEq', /<=/);
export const GreaterEq = punct('GreaterEq', />=/);
export const EqEq = punct('EqEq', /==/);
export const NotEq = punct('NotEq', /!=/);
export const AndAnd = punct('AndAnd', /&&/);
export const OrOr = punct('OrOr', /\|\|/);
export const MulAssign = punct('MulAssign', /\*=/);
export const DivAssign = punct('DivAssign', /\/=/);
export const ModAssign = punct('ModAssign', /%=/);
export const AddAssign = punct('AddAssign', /\+=/);
export const SubAssign = punct('SubAssign', /-=/);
export const AndAssign = punct('AndAssign', /&=/);
export const XorAssign = punct('XorAssign', /\^=/);
export const OrAssign = punct('OrAssign', /\|=/);
// Digraphs (6.4.6p3) lex as the token they stand for.
export const LBracket = punct('LBracket', /\[|<:/);
export const RBracket = punct('RBracket', /\]|:>/);
export const LBrace = punct('LBrace', /\{|<%/);
export const RBrace = punct('RBrace', /\}|%>/);
export const Hash = punct('Hash', /#|%:/);
export const LParen = punct('LParen', /\(/);
export const RParen = punct('RParen', /\)/);
export const Dot = punct('Dot', /\./);
export const Amp = punct('Amp', /&/);
export const Star = punct('Star', /\*/);
export const Plus = punct('Plus', /\+/);
export const Minus = punct('Minus', /-/);
export const Tilde = punct('Tilde', /~/);
export const Bang = punct('Bang', /!/);
export const Slash = punct('Slash', /\//);
export const Percent = punct('Percent', /%/);
export const Less = punct('Less', /</);
export const Greater = punct('Greater', />/);
export const Caret = punct('Caret', /\^/);
export const Pipe = punct('Pipe', /\|/);
export const Question = punct('Question', /\?/);
export const Colon = punct('Colon', /:/);
export const Semicolon = punct('Semicolon', /;/);
export const Assign = punct('Assign', /=/);
export const Comma = punct('Comma', /,/);
/**
 * A quote with no closing quote on its line (6.4p3: "If a ' or a " character
 * matches the last category, the behavior is undefined"). Lexed as one token
 * to the end of the line so the preprocessor can report it only in lines that
 * are not skipped (`#if 0` blocks often hold apostrophes in prose).
 */
export const UnterminatedLiteral = createToken({ name: 'UnterminatedLiteral', pattern: /(?:u8|[uUL])?["'](?:[^\\\n]|\\.)*/, start_chars_hint: ['u', 'U', 'L', '"', "'"] });
/** `/*` with no closing `*\/`: an error, lexed to the end of the file so lexing stops cleanly. */
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, line_breaks: true, start_chars_hint: ['/'] });
/** A lone backslash or other stray character: kept so the preprocessor can pass it through and the parser can report it. */
export const Stray = createToken({ name: 'Stray', pattern: /[\\@`]/, start_chars_hint: ['\\', '@', '`'] });

export const keywords: TokenType[] = [
  Auto, Break, Case, Char, Const, Continue, Default, Do, Double, Else, Enum, Extern, Float, For, Goto, If,
  Inline, Int, Long, Register, Restrict, Return, Short, Signed, Sizeof, Static, Struct, Switch, Typedef,
  Union, Unsigned, Void, Volatile, While, Alignas, Alignof, Atomic, Bool, Complex, Generic, Imaginary,
  Noreturn, StaticAssert, ThreadLocal, Attribute, Extension, Asm, Typeof, Int128, BuiltinVaList,
  BuiltinVaArg, BuiltinOffsetof, BuiltinTypesCompatible, BuiltinConvertVector, Label, Real, Imag,
];

/** Keywords in lexing order: a keyword that is a prefix of another (`do`, `double`) must come after it. */
const keywordsLexOrder = [...keywords].sort((a, b) => keywordShortest.get(b)! - keywordShortest.get(a)!);

export const punctuators: TokenType[] = [
  Ellipsis, ShlAssign, ShrAssign, HashHash, Arrow, PlusPlus, MinusMinus, Shl, Shr, LessEq, GreaterEq, EqEq,
  NotEq, AndAnd, OrOr, MulAssign, DivAssign, ModAssign, AddAssign, SubAssign, AndAssign, XorAssign, OrAssign,
  LBracket, RBracket, LBrace, RBrace, Hash, LParen, RParen, Dot, Amp, Star, Plus, Minus, Tilde, Bang, Slash,
  Percent, Less, Greater, Caret, Pipe, Question, Colon, Semicolon, Assign, Comma,
];

/** Trivia first (comments before `/`), literals before identifiers (prefixes `u8"`, `L'`), keywords before Identifier. */
export const triviaTokens: TokenType[] = [Whitespace, LineSplice, Newline, BlockComment, LineComment];

/** The token types the parser sees, in lexing order (trivia excluded). Categories are not lexed. */
export const cTokens: TokenType[] = [
  CharLiteral, StringLiteral, Number, ...keywordsLexOrder, Identifier, ...punctuators, Stray,
];

/** Every token type including categories, as the parser's vocabulary. */
export const vocabulary: TokenType[] = [...triviaTokens, Keyword, TypeKeyword, ...cTokens];
