// The IR parser: canonical text (as print.ts writes it) → IrModule.
//
// Input: IR text, e.g. hand-written test fixtures or a `--dump` output.
// Output: an IrModule; bad text throws IrParseError with file:line:col.
// The parser checks syntax and name resolution only (undefined values,
// blocks, slots, duplicate definitions); typing rules are verify.ts's job,
// so broken IR can still be read in to test the verifier.
//
// Grammar (whitespace and newlines are insignificant, `;` starts a comment
// to the end of the line — except that a comment on a `slot` line is the
// slot's name):
//
//   module   := (declare | global | func)*
//   declare  := 'declare' ['weak'] ['tls'] ['near'] GLOBAL
//   fileasm  := 'asm' STRING
//   global   := 'global' linkage GLOBAL 'align' INT 'size' INT ['rodata'] ['tls'] attrs
//               ('zero' | '{' [item (',' item)*] '}')
//   item     := inttype INT | floattype FLOAT | 'bytes' STRING | 'zero' INT | 'addr' GLOBAL
//             | 'labeldiff' inttype GLOBAL GLOBAL   (first minus second, plus the first's +offset)
//   func     := 'func' linkage GLOBAL '(' [params] ')' '->' (type | 'void') ['align' INT] attrs ['noinline' | 'alwaysinline'] '{' slot* label* block+ '}'
//   label    := 'label' GLOBAL LABEL   (a block whose address the code takes, named by a local symbol)
//   attrs    := ['weak'] ['hidden' | 'protected' | 'internal'] ['section' STRING] ['used']
//   alias    := 'alias' linkage GLOBAL attrs '=' GLOBAL
//   startup  := ('constructor' | 'destructor') GLOBAL ['priority' INT]
//   params   := type (',' type)* [',' '...'] | '...'
//   slot     := 'slot' SLOT 'size' INT 'align' INT [COMMENT]
//   (a block label may be followed by its parameters and `cold`: `b4(%x:i32) cold:`)
//   block    := LABEL ['(' VALUE ':' type (',' VALUE ':' type)* ')'] ':' inst* term
//   inst     := VALUE ':' type '=' rhs | 'store' ['volatile'] type operand ',' operand | call
//             | 'vastart' operand | 'stackrestore' operand
//   rhs      := binop operand ',' operand          (add sub … fdiv: operands of the result type)
//             | unop operand                       (neg not fneg copy)
//             | ('icmp'|'fcmp') COND type operand ',' operand
//             | convop type operand                (sext … bitcast: the source type)
//             | 'load' ['volatile'] operand
//             | 'select' type operand ',' operand ',' operand
//             | 'slotaddr' SLOT
//             | 'stackalloc' operand ',' 'align' INT | 'stacksave'
//             | call
//   call     := 'call' operand '(' [arg (',' arg)*] ')'   arg := type operand | '...'
//   term     := 'jmp' edge | 'br' operand ',' edge ',' edge
//             | 'switch' type operand ',' 'default' edge (',' INT ':' edge)*
//             | 'ijmp' operand (',' label)* | 'ret' [operand] | 'unreachable'
//   edge     := LABEL ['(' [operand (',' operand)*] ')']
//   operand  := VALUE | INT | FLOAT | GLOBAL
//
//   VALUE  = %[A-Za-z0-9_.]+   (`%12` is value id 12; other names get fresh ids)
//   GLOBAL = @[A-Za-z0-9_.$]+ optionally followed by +N or -N (a byte offset)
//   SLOT   = $N                LABEL = identifier (`b12` is block id 12)
//   INT    = -?[0-9]+ | -?0x[0-9a-fA-F]+
//   FLOAT  = decimal with '.' or exponent | inf | -inf | nan
//   STRING = "…" with \XX hex escapes

import type {
  ArgAbi, RegPiece, Block, BlockCall, DataItem, GlobalVar, Inst, IrFunction, IrModule, IrType, Linkage, Operand, StackSlot, SymbolAttrs, Terminator, ValueInfo,
} from './ir.js';
import { IR_TYPES, REG_PIECES } from './ir.js';
import type { CmpCond, FloatCond, Opcode } from './ops.js';
import { FLOAT_CONDS, INT_CONDS, LD_OPERANDS, OPS, isOpcode } from './ops.js';
import { KEYWORDS } from './print.js';
import type { AsmOperandSpec, AsmVia } from './asm.js';
import { IrParseError, parseFloatLiteral, parseIntLiteral, tokenize, type Tok, type TokKind } from './parse-tokens.js';

export { IrParseError } from './parse-tokens.js';

/** Parses a whole module. `file` names the text in error messages. */
export function parseIr(text: string, file = '<ir>'): IrModule {
  return new IrParser(tokenize(text, file), file).module();
}

class IrParser {
  private pos = 0;
  // Per-function state.
  private valueIds = new Map<string, number>();
  private values: ValueInfo[] = [];
  private definedValues = new Set<number>();
  private firstUse = new Map<number, Tok>();
  private nextValueId = 0;
  private blockIds = new Map<string, number>();
  private definedBlocks = new Set<number>();
  private blockFirstUse = new Map<number, Tok>();
  private nextBlockId = 0;

  constructor(private readonly toks: Tok[], private readonly file: string) {}

  // ---- token access (comments skipped unless asked for) ----

  private skipComments(): void {
    while (this.toks[this.pos].kind === 'comment') this.pos++;
  }
  private peek(): Tok {
    this.skipComments();
    return this.toks[this.pos];
  }
  private next(): Tok {
    this.skipComments();
    return this.toks[this.pos++];
  }
  private fail(tok: Tok, msg: string): never {
    throw new IrParseError(msg, this.file, tok.line, tok.col);
  }
  private describe(t: Tok): string {
    switch (t.kind) {
      case 'eof': return 'end of input';
      case 'value': return `'%${t.text}'`;
      case 'global': return `'@${t.text}'`;
      case 'slot': return `'$${t.text}'`;
      default: return `'${t.text}'`;
    }
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }
  private isWord(w: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text === w;
  }
  private eatPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }
  private eatWord(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.pos++;
    return true;
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) this.fail(t, `expected '${p}', saw ${this.describe(t)}`);
  }
  private expectWord(w: string): void {
    const t = this.next();
    if (t.kind !== 'ident' || t.text !== w) this.fail(t, `expected '${w}', saw ${this.describe(t)}`);
  }
  private expectKind(kind: TokKind, what: string): Tok {
    const t = this.next();
    if (t.kind !== kind) this.fail(t, `expected ${what}, saw ${this.describe(t)}`);
    return t;
  }
  private intLiteral(what = 'an integer'): bigint {
    return parseIntLiteral(this.expectKind('int', what).text);
  }
  private smallInt(what: string): number {
    const t = this.peek();
    const v = this.intLiteral(what);
    if (v < 0n || v > 0xffffffffffffn) this.fail(t, `${what} out of range`);
    return Number(v);
  }
  private type(): IrType {
    const t = this.next();
    if (t.kind !== 'ident' || !(IR_TYPES as readonly string[]).includes(t.text)) this.fail(t, `expected a type, saw ${this.describe(t)}`);
    return t.text as IrType;
  }
  private linkage(): Linkage {
    const t = this.next();
    if (t.kind !== 'ident' || (t.text !== 'export' && t.text !== 'local')) this.fail(t, `expected 'export' or 'local', saw ${this.describe(t)}`);
    return t.text as Linkage;
  }

  // ---- module level ----

  module(): IrModule {
    const m: IrModule = { functions: [], globals: [], externs: [], signatures: new Map() };
    const seen = new Set<string>();
    const claim = (t: Tok) => {
      if (seen.has(t.text)) this.fail(t, `redefinition of '@${t.text}'`);
      seen.add(t.text);
    };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return m;
      if (this.eatWord('declare')) {
        const isWeak = this.eatWord('weak');
        const isThreadLocal = this.eatWord('tls');
        const isNear = this.eatWord('near');
        const g = this.expectKind('global', 'a global name');
        claim(g);
        m.externs.push(g.text);
        if (isWeak) (m.weakExterns ??= []).push(g.text);
        if (isThreadLocal) (m.threadLocalExterns ??= []).push(g.text);
        if (isNear) (m.nearExterns ??= []).push(g.text);
      } else if (this.eatWord('global')) {
        m.globals.push(this.global(claim));
      } else if (this.eatWord('func')) {
        m.functions.push(this.func(claim));
      } else if (this.eatWord('asm')) {
        // File-scope asm: `asm "text"` (ir.ts IrModule.fileAsm).
        (m.fileAsm ??= []).push({ text: this.charString() });
      } else if (this.eatWord('alias')) {
        const linkage = this.linkage();
        const nameTok = this.expectKind('global', 'an alias name');
        claim(nameTok);
        const attrs = this.symbolAttrs();
        this.expectPunct('=');
        (m.aliases ??= []).push({ name: nameTok.text, linkage, ...attrs, target: this.expectKind('global', 'the aliased symbol').text });
      } else if (this.isWord('constructor') || this.isWord('destructor')) {
        const list = this.eatWord('constructor') ? (m.constructors ??= []) : (this.next(), m.destructors ??= []);
        const name = this.expectKind('global', 'a function name').text;
        list.push({ name, priority: this.eatWord('priority') ? this.smallInt('a priority') : null });
      } else {
        this.fail(t, `expected 'declare', 'global' or 'func', saw ${this.describe(t)}`);
      }
    }
  }

  private global(claim: (t: Tok) => void): GlobalVar {
    const linkage = this.linkage();
    const nameTok = this.expectKind('global', 'a global name');
    if (nameTok.offset) this.fail(nameTok, 'a global definition has no offset');
    claim(nameTok);
    this.expectWord('align');
    const align = this.smallInt('alignment');
    this.expectWord('size');
    const size = this.smallInt('size');
    const isConst = this.eatWord('rodata');
    const isThreadLocal = this.eatWord('tls');
    const attrs = this.symbolAttrs();
    let init: DataItem[] | null = null;
    if (!this.eatWord('zero')) {
      this.expectPunct('{');
      init = [];
      if (!this.eatPunct('}')) {
        do init.push(this.dataItem()); while (this.eatPunct(','));
        this.expectPunct('}');
      }
    }
    const g: GlobalVar = { name: nameTok.text, linkage, size, align, isConst, init, ...attrs };
    if (isThreadLocal) g.isThreadLocal = true;
    return g;
  }

  private dataItem(): DataItem {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(t, `expected a data item, saw ${this.describe(t)}`);
    switch (t.text) {
      case 'bytes': return { kind: 'bytes', bytes: this.expectKind('string', 'a string').bytes! };
      case 'zero': return { kind: 'zero', size: this.smallInt('size') };
      case 'addr': {
        const g = this.expectKind('global', 'a global name');
        return { kind: 'addr', name: g.text, offset: g.offset ?? 0 };
      }
      case 'labeldiff': {
        const ty = this.next();
        if (ty.kind !== 'ident' || (ty.text !== 'i8' && ty.text !== 'i16' && ty.text !== 'i32' && ty.text !== 'i64')) {
          return this.fail(ty, `expected i8, i16, i32 or i64, saw ${this.describe(ty)}`);
        }
        const plus = this.expectKind('global', 'a label symbol');
        const minus = this.expectKind('global', 'a label symbol');
        return { kind: 'labelDiff', ty: ty.text, plus: plus.text, minus: minus.text, offset: plus.offset ?? 0 };
      }
      case 'f32': case 'f64': {
        const v = this.expectKind('float', 'a float');
        return { kind: 'float', ty: t.text, value: parseFloatLiteral(v.text) };
      }
      case 'i8': case 'i16': case 'i32': case 'i64': case 'ptr':
        return { kind: 'int', ty: t.text, value: this.intLiteral() };
      default:
        return this.fail(t, `expected a data item, saw ${this.describe(t)}`);
    }
  }

  // ---- functions ----

  private resetFunctionState(bodyStart: number): void {
    this.valueIds = new Map();
    this.values = [];
    this.definedValues = new Set();
    this.firstUse = new Map();
    this.blockIds = new Map();
    this.definedBlocks = new Set();
    this.blockFirstUse = new Map();
    // `%N` and `bN` keep their numbers, so fresh ids for named values and
    // blocks start above the largest number used in this function body.
    let maxValue = -1;
    let maxBlock = -1;
    let depth = 0;
    for (let i = bodyStart; i < this.toks.length; i++) {
      const t = this.toks[i];
      if (t.kind === 'punct' && t.text === '{') depth++;
      if (t.kind === 'punct' && t.text === '}' && --depth === 0) break;
      if (t.kind === 'eof') break;
      if (t.kind === 'value' && /^[0-9]+$/.test(t.text)) maxValue = Math.max(maxValue, Number(t.text));
      if (t.kind === 'ident' && /^b[0-9]+$/.test(t.text)) maxBlock = Math.max(maxBlock, Number(t.text.slice(1)));
    }
    if (maxValue > 1_000_000) this.fail(this.toks[bodyStart], 'value number too large');
    if (maxBlock > 1_000_000) this.fail(this.toks[bodyStart], 'block number too large');
    this.nextValueId = maxValue + 1;
    this.nextBlockId = maxBlock + 1;
  }

  private func(claim: (t: Tok) => void): IrFunction {
    const linkage = this.linkage();
    const nameTok = this.expectKind('global', 'a function name');
    if (nameTok.offset) this.fail(nameTok, 'a function definition has no offset');
    claim(nameTok);
    this.expectPunct('(');
    const params: IrType[] = [];
    const paramAbi: (ArgAbi | null)[] = [];
    let isVariadic = false;
    if (!this.eatPunct(')')) {
      do {
        if (this.eatPunct('...')) { isVariadic = true; break; }
        const abi = this.argAbi();
        if (abi?.kind === 'retbuf') this.fail(this.toks[this.pos - 1]!, "'retbuf' is for call arguments only");
        paramAbi.push(abi);
        params.push(this.type());
      } while (this.eatPunct(','));
      this.expectPunct(')');
    }
    this.expectPunct('->');
    const retAbi = this.eatWord('regs') ? this.regPieces() : undefined;
    const ret: IrType | 'void' = this.eatWord('void') ? 'void' : this.type();
    const align = this.eatWord('align') ? this.smallInt('an alignment') : undefined;
    const attrs = this.symbolAttrs();
    const inlining = this.eatWord('noinline') ? 'never' : this.eatWord('alwaysinline') ? 'always' : undefined;
    this.skipComments();
    const bodyStart = this.pos;
    this.expectPunct('{');
    this.resetFunctionState(bodyStart);
    const slots: StackSlot[] = [];
    while (this.isWord('slot')) slots.push(this.slot(slots.length));
    const labelAddresses: { name: string; block: number }[] = [];
    while (this.eatWord('label')) {
      const name = this.expectKind('global', 'a label symbol').text;
      labelAddresses.push({ name, block: this.blockRef(this.next()) });
    }
    const blocks: Block[] = [];
    while (!this.isPunct('}')) blocks.push(this.block(slots.length));
    const close = this.next();
    if (blocks.length === 0) this.fail(close, `function '@${nameTok.text}' has no blocks`);
    for (const [id, tok] of this.firstUse) {
      if (!this.definedValues.has(id)) this.fail(tok, `use of undefined value '%${tok.text}'`);
    }
    for (const [id, tok] of this.blockFirstUse) {
      if (!this.definedBlocks.has(id)) this.fail(tok, `use of undefined block '${tok.text}'`);
    }
    // Ids skipped by the text (`%0`, `%5`) still need an entry; unused ids
    // are what dead-code removal leaves behind too.
    const values: ValueInfo[] = [];
    for (let id = 0; id < this.nextValueId; id++) values.push(this.values[id] ?? { ty: 'i64' });
    const fn: IrFunction = { name: nameTok.text, linkage, params, ret, isVariadic, slots, blocks, values, ...attrs };
    if (paramAbi.some((a) => a !== null)) fn.paramAbi = paramAbi;
    if (retAbi) fn.retAbi = retAbi;
    if (align !== undefined) fn.align = align;
    if (inlining !== undefined) fn.inlining = inlining;
    if (labelAddresses.length > 0) fn.labelAddresses = labelAddresses;
    return fn;
  }

  /** `[weak] [hidden|protected|internal] [section "…"] [used]` after a definition's header. */
  private symbolAttrs(): SymbolAttrs {
    const attrs: SymbolAttrs = {};
    if (this.eatWord('weak')) attrs.isWeak = true;
    for (const v of ['hidden', 'protected', 'internal'] as const) if (this.eatWord(v)) attrs.visibility = v;
    if (this.eatWord('section')) attrs.section = this.charString();
    if (this.eatWord('used')) attrs.isUsed = true;
    return attrs;
  }

  /** An optional passing annotation before a parameter or argument type (see ArgAbi). */
  private argAbi(): ArgAbi | null {
    if (this.eatWord('part')) {
      const index = this.smallInt('a piece index');
      this.expectWord('of');
      const count = this.smallInt('a piece count');
      const isUpper = this.eatWord('up');
      const align = this.eatWord('align') ? this.smallInt('an alignment') : undefined;
      return { kind: 'part', index, count, ...(isUpper ? { isUpper } : {}), ...(align !== undefined ? { align } : {}) };
    }
    if (this.eatWord('byval')) {
      const size = this.smallInt('a size');
      this.expectWord('align');
      const align = this.smallInt('an alignment');
      return { kind: 'byval', size, align };
    }
    if (this.eatWord('sret')) return { kind: 'sret' };
    if (this.eatWord('retbuf')) return { kind: 'retbuf', pieces: this.regPieces() };
    return null;
  }

  /** Register pieces (ir.ts RegPiece) up to the type that follows them. */
  private regPieces(): RegPiece[] {
    const pieces: RegPiece[] = [];
    const isPiece = (t: Tok | undefined): boolean => t?.kind === 'ident' && (REG_PIECES as readonly string[]).includes(t.text);
    const isType = (t: Tok | undefined): boolean => t?.kind === 'ident' && (IR_TYPES as readonly string[]).includes(t.text);
    // 'i64' and 'f64' are types too: a word is a piece while a piece or a type follows it (the list ends before the type).
    while (isPiece(this.peek()) && (isPiece(this.toks[this.pos + 1]) || isType(this.toks[this.pos + 1]))) pieces.push(this.next().text as RegPiece);
    if (pieces.length === 0) this.fail(this.peek(), `expected a register piece (${REG_PIECES.join(', ')}), saw ${this.describe(this.peek())}`);
    return pieces;
  }

  private slot(index: number): StackSlot {
    this.expectWord('slot');
    const t = this.expectKind('slot', 'a slot');
    if (t.text !== String(index)) this.fail(t, `expected slot '$${index}', saw '$${t.text}'`);
    this.expectWord('size');
    const size = this.smallInt('size');
    this.expectWord('align');
    const align = this.smallInt('alignment');
    const slot: StackSlot = { size, align };
    // The comment on the slot line names the C variable (see the header).
    const c = this.toks[this.pos];
    if (c.kind === 'comment' && c.line === t.line) {
      slot.name = c.text;
      this.pos++;
    }
    return slot;
  }

  private valueRef(t: Tok): number {
    let id = this.valueIds.get(t.text);
    if (id === undefined) {
      id = /^[0-9]+$/.test(t.text) ? Number(t.text) : this.nextValueId++;
      this.valueIds.set(t.text, id);
    }
    if (!this.firstUse.has(id)) this.firstUse.set(id, t);
    return id;
  }

  private defineValue(t: Tok, ty: IrType): number {
    const id = this.valueRef(t);
    if (this.definedValues.has(id)) this.fail(t, `redefinition of value '%${t.text}'`);
    this.definedValues.add(id);
    const info: ValueInfo = { ty };
    if (!/^[0-9]+$/.test(t.text)) info.name = t.text;
    this.values[id] = info;
    return id;
  }

  private blockRef(t: Tok): number {
    if (t.kind !== 'ident' || KEYWORDS.has(t.text)) this.fail(t, `expected a block label, saw ${this.describe(t)}`);
    let id = this.blockIds.get(t.text);
    if (id === undefined) {
      id = /^b[0-9]+$/.test(t.text) ? Number(t.text.slice(1)) : this.nextBlockId++;
      this.blockIds.set(t.text, id);
    }
    if (!this.blockFirstUse.has(id)) this.blockFirstUse.set(id, t);
    return id;
  }

  private block(slotCount: number): Block {
    const labelTok = this.next();
    const id = this.blockRef(labelTok);
    if (this.definedBlocks.has(id)) this.fail(labelTok, `redefinition of block '${labelTok.text}'`);
    this.definedBlocks.add(id);
    const params: number[] = [];
    if (this.eatPunct('(')) {
      do {
        const v = this.expectKind('value', 'a value');
        this.expectPunct(':');
        params.push(this.defineValue(v, this.type()));
      } while (this.eatPunct(','));
      this.expectPunct(')');
    }
    const isCold = this.eatWord('cold');
    this.expectPunct(':');
    const insts: Inst[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'ident' && (t.text === 'jmp' || t.text === 'br' || t.text === 'switch' || t.text === 'ijmp' || t.text === 'ret' || t.text === 'unreachable')) {
        const blk: Block = { id, params, insts, term: this.terminator() };
        if (!/^b[0-9]+$/.test(labelTok.text)) blk.name = labelTok.text;
        if (isCold) blk.isCold = true;
        return blk;
      }
      insts.push(this.inst(slotCount));
    }
  }

  private operand(): Operand {
    const t = this.next();
    switch (t.kind) {
      case 'value': return { kind: 'value', id: this.valueRef(t) };
      case 'int': return { kind: 'int', value: parseIntLiteral(t.text) };
      case 'float': return { kind: 'float', value: parseFloatLiteral(t.text) };
      case 'global': return { kind: 'global', name: t.text, offset: t.offset ?? 0 };
      default: return this.fail(t, `expected an operand, saw ${this.describe(t)}`);
    }
  }

  private inst(slotCount: number): Inst {
    const t = this.peek();
    if (this.eatWord('store')) {
      const isVolatile = this.eatWord('volatile');
      const ty = this.type();
      const v = this.operand();
      this.expectPunct(',');
      const inst: Inst = { op: 'store', result: null, ty, args: [v, this.operand()] };
      if (isVolatile) inst.isVolatile = true;
      return inst;
    }
    if (this.isWord('call')) {
      this.pos++;
      return this.call(null, null);
    }
    if (this.eatWord('vastart')) return { op: 'vastart', result: null, ty: null, args: [this.operand()] };
    if (this.eatWord('asm')) return this.asm(null, null);
    if (t.kind === 'ident' && isOpcode(t.text) && OPS[t.text].shape === 'ldmem') return this.ldMem(t.text);
    if (this.eatWord('stackrestore')) return { op: 'stackrestore', result: null, ty: null, args: [this.operand()] };
    if (t.kind !== 'value') this.fail(t, `expected an instruction or terminator, saw ${this.describe(t)}`);
    this.pos++;
    this.expectPunct(':');
    const ty = this.type();
    this.expectPunct('=');
    const result = this.defineValue(t, ty);
    const opTok = this.next();
    if (opTok.kind !== 'ident' || !isOpcode(opTok.text) || opTok.text === 'store' || opTok.text === 'vastart' || opTok.text === 'stackrestore') this.fail(opTok, `unknown opcode ${this.describe(opTok)}`);
    const op = opTok.text;
    const info = OPS[op];
    switch (info.shape) {
      case 'binary': {
        const a = this.operand();
        this.expectPunct(',');
        return { op, result, ty, args: [a, this.operand()] };
      }
      case 'unary': case 'copy':
        return { op, result, ty, args: [this.operand()] };
      case 'compare': {
        const c = this.next();
        const conds: readonly string[] = op === 'icmp' ? INT_CONDS : FLOAT_CONDS;
        if (c.kind !== 'ident' || !conds.includes(c.text)) this.fail(c, `expected a condition for '${op}', saw ${this.describe(c)}`);
        const opTy = this.type();
        const a = this.operand();
        this.expectPunct(',');
        return { op, result, ty, opTy, cond: c.text as CmpCond, args: [a, this.operand()] };
      }
      case 'convert': {
        const opTy = this.type();
        return { op, result, ty, opTy, args: [this.operand()] };
      }
      case 'load': {
        const isVolatile = this.eatWord('volatile');
        const inst: Inst = { op, result, ty, args: [this.operand()] };
        if (isVolatile) inst.isVolatile = true;
        return inst;
      }
      case 'select': {
        const opTy = this.type();
        const c = this.operand();
        this.expectPunct(',');
        const a = this.operand();
        this.expectPunct(',');
        return { op, result, ty, opTy, args: [c, a, this.operand()] };
      }
      case 'slotaddr': {
        const s = this.expectKind('slot', 'a slot');
        const slot = /^[0-9]+$/.test(s.text) ? Number(s.text) : -1;
        if (slot < 0 || slot >= slotCount) this.fail(s, `use of undefined slot '$${s.text}'`);
        return { op, result, ty, args: [], slot };
      }
      case 'call':
        return this.call(result, ty);
      case 'asm':
        return this.asm(result, ty);
      case 'ldcmp': {
        const c = this.next();
        if (c.kind !== 'ident' || !FLOAT_CONDS.includes(c.text as FloatCond)) this.fail(c, `expected a condition for '${op}', saw ${this.describe(c)}`);
        const a = this.operand();
        this.expectPunct(',');
        return { op, result, ty, cond: c.text as CmpCond, args: [a, this.operand()] };
      }
      case 'stackalloc': {
        const size = this.operand();
        this.expectPunct(',');
        this.expectWord('align');
        return { op, result, ty, args: [size], align: Number(this.intLiteral('an alignment')) };
      }
      case 'stacksave':
        return { op, result, ty, args: [] };
      case 'store': case 'vastart': case 'ldmem': case 'stackrestore':
        return this.fail(opTok, `'${op}' has no result`);
    }
  }

  /** asm := 'asm' ['volatile'] ['basic'] STRING '(' [asmop (',' asmop)*] ')' ['clobber' STRING (',' STRING)*] */
  private asm(result: number | null, ty: IrType | null): Inst {
    const isVolatile = this.eatWord('volatile');
    const isBasic = this.eatWord('basic');
    const template = this.charString();
    const operands: AsmOperandSpec[] = [];
    const args: Operand[] = [];
    this.expectPunct('(');
    if (!this.eatPunct(')')) {
      do {
        // asmop := ('out' | 'in') ['name' IDENT] STRING ('result' | ('value' | 'mem' | 'store') type operand)
        const dir = this.next();
        if (dir.kind !== 'ident' || (dir.text !== 'out' && dir.text !== 'in')) this.fail(dir, `expected 'out' or 'in', saw ${this.describe(dir)}`);
        const name = this.eatWord('name') ? this.expectKind('ident', 'an operand name').text : null;
        const constraint = this.charString();
        const viaTok = this.next();
        const via = viaTok.text as AsmVia;
        if (viaTok.kind !== 'ident' || !['result', 'value', 'mem', 'store'].includes(via)) this.fail(viaTok, `expected 'result', 'value', 'mem' or 'store', saw ${this.describe(viaTok)}`);
        let opTy: IrType | null = ty;
        if (via !== 'result') {
          opTy = this.type();
          args.push(this.operand());
        }
        if (opTy === null) return this.fail(viaTok, 'an asm without a result type has no result operand');
        operands.push({ isOutput: dir.text === 'out', constraint, name, via, ty: opTy });
      } while (this.eatPunct(','));
      this.expectPunct(')');
    }
    const clobbers: string[] = [];
    if (this.eatWord('clobber')) {
      do clobbers.push(this.charString()); while (this.eatPunct(','));
    }
    return { op: 'asm', result, ty, args, asm: { template, isBasic, isVolatile, operands, clobbers } };
  }

  /** A string token as a byte string held in char codes. */
  private charString(): string {
    return String.fromCharCode(...this.expectKind('string', 'a string').bytes!);
  }

  /** `ldadd %d, %a, %b`, `ldext i32 %d, %s` (ops.ts LD_OPERANDS). */
  private ldMem(op: Opcode): Inst {
    this.pos++;
    const shape = LD_OPERANDS[op]!;
    const inst: Inst = { op, result: null, ty: null, args: [] };
    if (shape.hasMemTy) inst.opTy = this.type();
    for (let k = 0; k < shape.count; k++) {
      if (k > 0) this.expectPunct(',');
      inst.args.push(this.operand());
    }
    return inst;
  }

  private call(result: number | null, ty: IrType | null): Inst {
    const callee = this.operand();
    this.expectPunct('(');
    const args: Operand[] = [callee];
    const argTys: IrType[] = [];
    const argAbi: (ArgAbi | null)[] = [];
    let fixedArgs: number | undefined;
    if (!this.eatPunct(')')) {
      do {
        if (this.isPunct('...')) {
          const t = this.next();
          if (fixedArgs !== undefined) this.fail(t, "'...' appears twice");
          fixedArgs = argTys.length;
          continue;
        }
        argAbi.push(this.argAbi());
        argTys.push(this.type());
        args.push(this.operand());
      } while (this.eatPunct(','));
      this.expectPunct(')');
    }
    const inst: Inst = { op: 'call', result, ty, args, argTys };
    if (fixedArgs !== undefined) inst.fixedArgs = fixedArgs;
    if (argAbi.some((a) => a !== null)) inst.argAbi = argAbi;
    return inst;
  }

  private edge(): BlockCall {
    const block = this.blockRef(this.next());
    const args: Operand[] = [];
    if (this.eatPunct('(')) {
      if (!this.eatPunct(')')) {
        do args.push(this.operand()); while (this.eatPunct(','));
        this.expectPunct(')');
      }
    }
    return { block, args };
  }

  private terminator(): Terminator {
    const t = this.next();
    switch (t.text) {
      case 'jmp': return { kind: 'jmp', target: this.edge() };
      case 'br': {
        const cond = this.operand();
        this.expectPunct(',');
        const then = this.edge();
        this.expectPunct(',');
        return { kind: 'br', cond, then, else: this.edge() };
      }
      case 'switch': {
        const ty = this.type();
        const value = this.operand();
        this.expectPunct(',');
        this.expectWord('default');
        const dflt = this.edge();
        const cases: { value: bigint; target: BlockCall }[] = [];
        while (this.eatPunct(',')) {
          const v = this.intLiteral('a case value');
          this.expectPunct(':');
          cases.push({ value: v, target: this.edge() });
        }
        return { kind: 'switch', ty, value, cases, default: dflt };
      }
      case 'ret': {
        const n = this.peek();
        const startsOperand = n.kind === 'value' || n.kind === 'int' || n.kind === 'float' || n.kind === 'global';
        return { kind: 'ret', value: startsOperand ? this.operand() : null };
      }
      case 'ijmp': {
        const value = this.operand();
        const targets: BlockCall[] = [];
        while (this.eatPunct(',')) targets.push(this.edge());
        return { kind: 'ijmp', value, targets };
      }
      case 'unreachable': return { kind: 'unreachable' };
      default: return this.fail(t, `expected a terminator, saw ${this.describe(t)}`);
    }
  }
}
