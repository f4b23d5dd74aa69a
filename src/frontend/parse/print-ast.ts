// A readable, stable text form of the AST for golden tests and
// `jitcc --dump=ast`.
//
// Declarations and statements print one per line, children indented by two
// spaces. Expressions print as one-line S-expressions: `(+ a (* b c))`.
// Declarators print in cdecl order, from the name outward, ending with the
// specifiers: `int (*f)(int)` is `f: pointer to function(int) returning int`.
// That makes nesting mistakes visible at a glance.
//
// The output depends only on the tree (no locations, no object identity).

import { unreachable } from '../../diagnostics.js';
import type {
  Attribute, BlockItem, Declaration, DeclSpecs, Declarator, Designator, Expr, ExternalDecl,
  FunctionDef, Initializer, OffsetofDesignator, ParamDecl, RecordMember, StaticAssert, Stmt, StringLit,
  TranslationUnit, TypeName, TypeSpec,
} from './ast.js';

export function printAst(node: TranslationUnit): string {
  const out: string[] = [];
  for (const d of node.decls) printExternal(d, 0, out);
  return out.join('\n') + '\n';
}

const pad = (n: number) => '  '.repeat(n);

function printExternal(d: ExternalDecl, depth: number, out: string[]): void {
  switch (d.kind) {
    case 'declaration': return printDeclaration(d, depth, out);
    case 'functionDef': return printFunction(d, depth, out);
    case 'staticAssert': out.push(pad(depth) + staticAssertText(d)); return;
    case 'fileAsm': out.push(`${pad(depth)}asm ${JSON.stringify(d.template)}`); return;
    default: unreachable(d, 'external declaration');
  }
}

function staticAssertText(s: StaticAssert): string {
  return `_Static_assert ${exprText(s.cond)}${s.message ? ' ' + stringText(s.message) : ''}`;
}

function printFunction(f: FunctionDef, depth: number, out: string[]): void {
  out.push(`${pad(depth)}function ${declaratorText(f.declarator, f.specs)}${f.asmLabel ? ` asm("${f.asmLabel}")` : ''}`);
  printRecordBodies(f.specs, depth + 1, out);
  for (const d of f.oldStyleDecls) printDeclaration(d, depth + 1, out);
  printStmt(f.body, depth + 1, out);
}

function printDeclaration(d: Declaration, depth: number, out: string[]): void {
  if (d.declarators.length === 0) {
    out.push(`${pad(depth)}declare ${specsText(d.specs)}`);
  }
  for (const id of d.declarators) {
    let line = `${pad(depth)}declare ${declaratorText(id.declarator, d.specs)}`;
    if (id.asmLabel !== null) line += ` asm("${id.asmLabel}")`;
    if (id.attributes.length > 0) line += ' ' + attributesText(id.attributes);
    if (id.init !== null) line += ' = ' + initText(id.init, depth);
    out.push(line);
  }
  printRecordBodies(d.specs, depth + 1, out);
}

/** Struct/union/enum bodies defined in the specifiers, printed once below the declaration. */
function printRecordBodies(specs: DeclSpecs, depth: number, out: string[]): void {
  for (const ts of specs.typeSpecs) {
    if (ts.kind === 'record' && ts.members !== null) {
      out.push(`${pad(depth)}${ts.isUnion ? 'union' : 'struct'} ${ts.tag ?? '<anonymous>'} {`);
      for (const m of ts.members) printMember(m, depth + 1, out);
      out.push(`${pad(depth)}}`);
    } else if (ts.kind === 'enum' && ts.enumerators !== null) {
      out.push(`${pad(depth)}enum ${ts.tag ?? '<anonymous>'} {`);
      for (const e of ts.enumerators) out.push(`${pad(depth + 1)}${e.name}${e.value ? ' = ' + exprText(e.value) : ''}`);
      out.push(`${pad(depth)}}`);
    }
  }
}

function printMember(m: RecordMember | StaticAssert, depth: number, out: string[]): void {
  if (m.kind === 'staticAssert') {
    out.push(pad(depth) + staticAssertText(m));
    return;
  }
  if (m.declarators.length === 0) out.push(`${pad(depth)}member ${specsText(m.specs)}`);
  for (const md of m.declarators) {
    const name = md.declarator ? declaratorText(md.declarator, m.specs) : `<unnamed>: ${specsText(m.specs)}`;
    let line = `${pad(depth)}member ${name}`;
    if (md.bitWidth !== null) line += ` : ${exprText(md.bitWidth)}`;
    if (md.attributes.length > 0) line += ' ' + attributesText(md.attributes);
    out.push(line);
  }
  printRecordBodies(m.specs, depth + 1, out);
}

// ---------------------------------------------------------------- specifiers and declarators

function specsText(s: DeclSpecs): string {
  const parts: string[] = [...s.storage, ...s.functionSpecs, ...s.qualifiers];
  for (const a of s.alignas) parts.push(`_Alignas(${a.kind === 'typeName' ? typeNameText(a) : exprText(a)})`);
  for (const t of s.typeSpecs) parts.push(typeSpecText(t));
  if (s.attributes.length > 0) parts.push(attributesText(s.attributes));
  return parts.join(' ') || '<no type>';
}

function typeSpecText(t: TypeSpec): string {
  switch (t.kind) {
    case 'keyword': return t.name;
    case 'typedefName': return `typedef-name ${t.name}`;
    case 'record': {
      const kw = t.isUnion ? 'union' : 'struct';
      const attrs = t.attributes.length > 0 ? ' ' + attributesText(t.attributes) : '';
      return `${kw} ${t.tag ?? '<anonymous>'}${t.members !== null ? ' {…}' : ''}${attrs}`;
    }
    case 'enum': return `enum ${t.tag ?? '<anonymous>'}${t.enumerators !== null ? ' {…}' : ''}`;
    case 'typeof': return `typeof(${t.arg.kind === 'typeName' ? typeNameText(t.arg) : exprText(t.arg)})`;
    case 'atomic': return `_Atomic(${typeNameText(t.type)})`;
    default: return unreachable(t, 'type specifier');
  }
}

function attributesText(attrs: readonly Attribute[]): string {
  return `__attribute__(${attrs.map((a) => (a.args.length > 0 ? `${a.name}(${a.args.map(exprText).join(', ')})` : a.name)).join(', ')})`;
}

/** `name: <from the name outward> <specifiers>`, or without `name:` when abstract. */
function declaratorText(d: Declarator, specs: DeclSpecs): string {
  const chain: string[] = [];
  // Collect nodes outermost first, then describe them innermost first (cdecl order).
  const nodes: Declarator[] = [];
  let cur = d;
  while (cur.kind !== 'ident') {
    nodes.push(cur);
    cur = cur.inner;
  }
  for (let i = nodes.length - 1; i >= 0; i--) chain.push(declaratorStep(nodes[i]!));
  chain.push(specsText(specs));
  const prefix = cur.name !== null ? `${cur.name}: ` : '';
  return prefix + chain.join(' ');
}

function declaratorStep(d: Declarator): string {
  switch (d.kind) {
    case 'pointer': {
      const q = [...d.qualifiers, ...(d.attributes.length > 0 ? [attributesText(d.attributes)] : [])];
      return `${q.length > 0 ? q.join(' ') + ' ' : ''}pointer to`;
    }
    case 'array': {
      const inside = [d.isStatic ? 'static' : '', ...d.qualifiers, d.isStar ? '*' : d.size ? exprText(d.size) : '']
        .filter((s) => s !== '')
        .join(' ');
      return `array[${inside}] of`;
    }
    case 'function': {
      let params: string;
      if (!d.hasPrototype) params = d.identifiers.length > 0 ? `identifiers ${d.identifiers.map((i) => i.name).join(', ')}` : 'unspecified';
      else params = [...d.params.map(paramText), ...(d.isVariadic ? ['...'] : [])].join(', ') || 'void';
      return `function(${params}) returning`;
    }
    case 'ident': return '';
    default: return unreachable(d, 'declarator');
  }
}

function paramText(p: ParamDecl): string {
  return declaratorText(p.declarator, p.specs);
}

function typeNameText(t: TypeName): string {
  return declaratorText(t.declarator, t.specs);
}

// ---------------------------------------------------------------- initializers

function initText(i: Initializer, depth = 0): string {
  switch (i.kind) {
    case 'initExpr': return exprText(i.expr, depth);
    case 'initList':
      return `{${i.items.map((it) => it.designators.map(designatorText).join('') + (it.designators.length > 0 ? '=' : '') + initText(it.init, depth)).join(', ')}}`;
    default: return unreachable(i, 'initializer');
  }
}

function designatorText(d: Designator): string {
  switch (d.kind) {
    case 'field': return `.${d.name}`;
    case 'index': return `[${exprText(d.index)}${d.high ? ' ... ' + exprText(d.high) : ''}]`;
    default: return unreachable(d, 'designator');
  }
}

// ---------------------------------------------------------------- statements

function printItem(item: BlockItem, depth: number, out: string[]): void {
  if (item.kind === 'declaration') printDeclaration(item, depth, out);
  else if (item.kind === 'staticAssert') out.push(pad(depth) + staticAssertText(item));
  else printStmt(item, depth, out);
}

function printStmt(s: Stmt, depth: number, out: string[]): void {
  const p = pad(depth);
  switch (s.kind) {
    case 'compound':
      out.push(`${p}{`);
      for (const item of s.items) printItem(item, depth + 1, out);
      out.push(`${p}}`);
      return;
    case 'exprStmt': out.push(s.expr ? `${p}${exprText(s.expr, depth)}` : `${p};`); return;
    case 'if':
      out.push(`${p}if ${exprText(s.cond, depth)}`);
      printStmt(s.then, depth + 1, out);
      if (s.else) {
        out.push(`${p}else`);
        printStmt(s.else, depth + 1, out);
      }
      return;
    case 'while':
      out.push(`${p}while ${exprText(s.cond, depth)}`);
      printStmt(s.body, depth + 1, out);
      return;
    case 'doWhile':
      out.push(`${p}do`);
      printStmt(s.body, depth + 1, out);
      out.push(`${p}while ${exprText(s.cond, depth)}`);
      return;
    case 'for': {
      out.push(`${p}for`);
      if (s.init === null) out.push(`${p}  init: ;`);
      else if (s.init.kind === 'declaration') {
        out.push(`${p}  init:`);
        printDeclaration(s.init, depth + 2, out);
      } else out.push(`${p}  init: ${exprText(s.init, depth)}`);
      out.push(`${p}  cond: ${s.cond ? exprText(s.cond, depth) : ';'}`);
      out.push(`${p}  step: ${s.step ? exprText(s.step, depth) : ';'}`);
      printStmt(s.body, depth + 1, out);
      return;
    }
    case 'switch':
      out.push(`${p}switch ${exprText(s.value, depth)}`);
      printStmt(s.body, depth + 1, out);
      return;
    case 'case':
      out.push(`${p}case ${exprText(s.value, depth)}${s.high ? ' ... ' + exprText(s.high, depth) : ''}:`);
      printStmt(s.body, depth + 1, out);
      return;
    case 'default':
      out.push(`${p}default:`);
      printStmt(s.body, depth + 1, out);
      return;
    case 'label':
      out.push(`${p}${s.name}:`);
      printStmt(s.body, depth + 1, out);
      return;
    case 'goto': out.push(`${p}goto ${s.label}`); return;
    case 'gotoExpr': out.push(`${p}goto *${exprText(s.target, depth)}`); return;
    case 'break': out.push(`${p}break`); return;
    case 'continue': out.push(`${p}continue`); return;
    case 'return': out.push(`${p}return${s.value ? ' ' + exprText(s.value, depth) : ''}`); return;
    case 'asm': {
      const ops = (list: typeof s.outputs): string => list.map((o) => `${o.name !== null ? `[${o.name}] ` : ''}${JSON.stringify(o.constraint)}(${exprText(o.expr, depth)})`).join(', ');
      const quals = `${s.isVolatile ? ' volatile' : ''}${s.isGoto ? ' goto' : ''}`;
      const tail = s.isBasic ? '' : ` : ${ops(s.outputs)} : ${ops(s.inputs)} : ${s.clobbers.map((c) => JSON.stringify(c.text)).join(', ')}${s.labels.length > 0 ? ` : ${s.labels.map((l) => l.name).join(', ')}` : ''}`;
      out.push(`${p}asm${quals} ${JSON.stringify(s.template)}${tail}`);
      return;
    }
    default: unreachable(s, 'statement');
  }
}

// ---------------------------------------------------------------- expressions

function stringText(s: StringLit): string {
  let body = '';
  for (const u of s.units) {
    if (u === 0x22 || u === 0x5c) body += '\\' + String.fromCharCode(u);
    else if (u >= 0x20 && u < 0x7f) body += String.fromCharCode(u);
    else body += `\\x{${u.toString(16)}}`;
  }
  return `${s.prefix}"${body}"`;
}

/** One-line S-expression; `depth` is only used by statement expressions, which print their block inline. */
export function exprText(e: Expr, depth = 0): string {
  const x = (sub: Expr) => exprText(sub, depth);
  switch (e.kind) {
    case 'intLit': {
      const suffix = (e.isUnsigned ? 'u' : '') + 'l'.repeat(e.longs);
      return `${e.value}${suffix}${e.isDecimal || e.text === '0' ? '' : ' /*' + e.text + '*/'}`;
    }
    case 'floatLit': return `${Object.is(e.value, -0) ? '-0' : String(e.value)}${e.suffix === '' ? '' : e.suffix === 'f' ? 'f' : 'L'}`;
    case 'charLit': return `(char${e.prefix ? ' ' + e.prefix : ''} ${e.value})`;
    case 'string': return stringText(e);
    case 'ident': return e.name;
    case 'binary': return `(${e.op} ${x(e.left)} ${x(e.right)})`;
    case 'assign': return `(${e.op} ${x(e.target)} ${x(e.value)})`;
    case 'unary': return `(u${e.op} ${x(e.operand)})`;
    case 'incDec': return `(${e.isPrefix ? 'pre' : 'post'}${e.op} ${x(e.operand)})`;
    case 'cond': return `(? ${x(e.cond)} ${x(e.then)} ${x(e.else)})`;
    case 'cast': return `(cast [${typeNameText(e.type)}] ${x(e.operand)})`;
    case 'sizeofExpr': return `(sizeof ${x(e.operand)})`;
    case 'sizeofType': return `(sizeof [${typeNameText(e.type)}])`;
    case 'alignof': return `(alignof ${e.type.kind === 'typeName' ? `[${typeNameText(e.type)}]` : x(e.type)})`;
    case 'call': return `(call ${[e.callee, ...e.args].map(x).join(' ')})`;
    case 'index': return `(index ${x(e.base)} ${x(e.index)})`;
    case 'member': return `(${e.isArrow ? '->' : '.'} ${x(e.base)} ${e.member})`;
    case 'compoundLiteral': return `(compound-literal [${typeNameText(e.type)}] ${initText(e.init)})`;
    case 'generic':
      return `(_Generic ${x(e.control)} ${e.assocs.map((a) => `[${a.type ? typeNameText(a.type) : 'default'}]: ${x(a.expr)}`).join(', ')})`;
    case 'stmtExpr': {
      const lines: string[] = [];
      printStmt(e.body, depth + 1, lines);
      return `(stmt-expr\n${lines.join('\n')}\n${pad(depth)})`;
    }
    case 'builtin':
      return `(${e.name} ${e.args.map((a) => (a.kind === 'typeName' ? `[${typeNameText(a)}]` : a.kind === 'offsetofDesignator' ? offsetofText(a) : x(a))).join(' ')})`;
    case 'labelAddr': return `(&& ${e.label})`;
    default: return unreachable(e, 'expression');
  }
}

function offsetofText(d: OffsetofDesignator): string {
  return d.path.map((p, i) => (p.kind === 'field' ? (i === 0 ? p.name : '.' + p.name) : `[${exprText(p.index)}]`)).join('');
}
