// The x86-64 opcode maps the decoder reads (decode.ts): for each opcode its
// mnemonic and operand specification, in the notation of the Intel SDM
// vol. 2, appendix A ("Opcode Map"), restricted to 64-bit mode.
//
// Operand codes (SDM A.2.1/A.2.2, lower-case size letters):
//   E  ModRM r/m: register or memory     G  ModRM reg: general register
//   M  ModRM r/m, memory only            I  immediate       J  relative offset
//   V  ModRM reg: xmm register           W  ModRM r/m: xmm register or memory
//   U  ModRM r/m: xmm register only      Z  register in the opcode's low 3 bits
//   O  absolute address (moffs)          S  ModRM reg: segment register
// Sizes: b byte, w word, d dword, q qword, v 16/32/64 by the operand-size
// attribute, z 16/32 (a v-sized instruction's immediate), y d or q by REX.W,
// x 128-bit xmm, t 80-bit; `Ibs` is an imm8 sign-extended to the operand
// size. Fixed registers are written out (AL, rAX, CL, DX), as is the
// constant `1` of the shift-by-one forms.
// Flags: d64 (operand size defaults to 64 bits: push, pop, near branches,
// indirect call/jmp).
//
// Entries are facts of the ISA; what our encoder emits (encode.ts, the
// inline assembler) is a subset, and tests compare the decoder's text with
// `objdump -d -M intel` on it.

export interface OpEntry {
  readonly m: string;
  /** Operand specifications, comma-separated ('' for none). */
  readonly o: string;
  readonly d64?: boolean;
}

/** An opcode whose meaning depends on the mandatory prefix (none, 66, F3, F2). */
export interface PrefixedEntry {
  readonly np?: OpEntry;
  readonly p66?: OpEntry;
  readonly pf3?: OpEntry;
  readonly pf2?: OpEntry;
}

/** An opcode whose meaning depends on ModRM.reg (a "group", SDM table A-6); `reg` is for mod = 11 when it differs. */
export interface GroupEntry {
  readonly group: readonly (OpEntry | null)[];
  readonly reg?: readonly (OpEntry | null)[];
}

export type MapEntry = OpEntry | PrefixedEntry | GroupEntry;

const e = (m: string, o = '', d64 = false): OpEntry => (d64 ? { m, o, d64 } : { m, o });

export const CC_SUFFIXES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFTS = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', null, 'sar'];

function shiftGroup(o: string): GroupEntry {
  return { group: SHIFTS.map((m) => (m === null ? null : e(m, o))) };
}

function buildOneByte(): (MapEntry | undefined)[] {
  const t: (MapEntry | undefined)[] = new Array(256);
  ALU.forEach((m, i) => {
    const b = i * 8;
    t[b] = e(m, 'Eb,Gb'); t[b + 1] = e(m, 'Ev,Gv'); t[b + 2] = e(m, 'Gb,Eb');
    t[b + 3] = e(m, 'Gv,Ev'); t[b + 4] = e(m, 'AL,Ib'); t[b + 5] = e(m, 'rAX,Iz');
  });
  for (let r = 0; r < 8; r++) {
    t[0x50 + r] = e('push', 'Zv', true);
    t[0x58 + r] = e('pop', 'Zv', true);
    t[0xb0 + r] = e('mov', 'Zb,Ib');
    t[0xb8 + r] = e('mov', 'Zv,Iv');
  }
  t[0x63] = e('movsxd', 'Gv,Ed');
  t[0x68] = e('push', 'Iz', true);
  t[0x69] = e('imul', 'Gv,Ev,Iz');
  t[0x6a] = e('push', 'Ibs', true);
  t[0x6b] = e('imul', 'Gv,Ev,Ibs');
  for (let c = 0; c < 16; c++) t[0x70 + c] = e(`j${CC_SUFFIXES[c]}`, 'Jb', true);
  t[0x80] = { group: ALU.map((m) => e(m, 'Eb,Ib')) };
  t[0x81] = { group: ALU.map((m) => e(m, 'Ev,Iz')) };
  t[0x83] = { group: ALU.map((m) => e(m, 'Ev,Ibs')) };
  t[0x84] = e('test', 'Eb,Gb'); t[0x85] = e('test', 'Ev,Gv');
  t[0x86] = e('xchg', 'Eb,Gb'); t[0x87] = e('xchg', 'Ev,Gv');
  t[0x88] = e('mov', 'Eb,Gb'); t[0x89] = e('mov', 'Ev,Gv'); t[0x8a] = e('mov', 'Gb,Eb'); t[0x8b] = e('mov', 'Gv,Ev');
  t[0x8c] = e('mov', 'Ev,Sw'); t[0x8d] = e('lea', 'Gv,M'); t[0x8e] = e('mov', 'Sw,Ew');
  t[0x8f] = { group: [e('pop', 'Ev', true), null, null, null, null, null, null, null] };
  // 90 is nop (decode.ts: xchg with REX.B, pause with F3); 91–97 exchange with rAX.
  for (let r = 1; r < 8; r++) t[0x90 + r] = e('xchg', 'Zv,rAX');
  t[0x9b] = e('fwait'); t[0x9c] = e('pushf', '', true); t[0x9d] = e('popf', '', true); t[0x9e] = e('sahf'); t[0x9f] = e('lahf');
  t[0xa0] = e('mov', 'AL,Ob'); t[0xa1] = e('mov', 'rAX,Ov'); t[0xa2] = e('mov', 'Ob,AL'); t[0xa3] = e('mov', 'Ov,rAX');
  t[0xa4] = e('movs', 'Yb,Xb'); t[0xa5] = e('movs', 'Yv,Xv'); t[0xa6] = e('cmps', 'Xb,Yb'); t[0xa7] = e('cmps', 'Xv,Yv');
  t[0xa8] = e('test', 'AL,Ib'); t[0xa9] = e('test', 'rAX,Iz');
  t[0xaa] = e('stos', 'Yb,AL'); t[0xab] = e('stos', 'Yv,rAX'); t[0xac] = e('lods', 'AL,Xb'); t[0xad] = e('lods', 'rAX,Xv');
  t[0xae] = e('scas', 'AL,Yb'); t[0xaf] = e('scas', 'rAX,Yv');
  t[0xc0] = shiftGroup('Eb,Ib'); t[0xc1] = shiftGroup('Ev,Ib');
  t[0xc2] = e('ret', 'Iw', true); t[0xc3] = e('ret', '', true);
  t[0xc6] = { group: [e('mov', 'Eb,Ib'), null, null, null, null, null, null, null] };
  t[0xc7] = { group: [e('mov', 'Ev,Iz'), null, null, null, null, null, null, null] };
  t[0xc8] = e('enter', 'Iw,Ib'); t[0xc9] = e('leave', '', true);
  t[0xcc] = e('int3'); t[0xcd] = e('int', 'Ib');
  t[0xd0] = shiftGroup('Eb,1'); t[0xd1] = shiftGroup('Ev,1'); t[0xd2] = shiftGroup('Eb,CL'); t[0xd3] = shiftGroup('Ev,CL');
  t[0xe0] = e('loopne', 'Jb', true); t[0xe1] = e('loope', 'Jb', true); t[0xe2] = e('loop', 'Jb', true); t[0xe3] = e('jrcxz', 'Jb', true);
  t[0xe4] = e('in', 'AL,Ib'); t[0xe5] = e('in', 'eAX,Ib'); t[0xe6] = e('out', 'Ib,AL'); t[0xe7] = e('out', 'Ib,eAX');
  t[0xe8] = e('call', 'Jz', true); t[0xe9] = e('jmp', 'Jz', true); t[0xeb] = e('jmp', 'Jb', true);
  t[0xec] = e('in', 'AL,DX'); t[0xed] = e('in', 'eAX,DX'); t[0xee] = e('out', 'DX,AL'); t[0xef] = e('out', 'DX,eAX');
  t[0xf1] = e('int1'); t[0xf4] = e('hlt'); t[0xf5] = e('cmc');
  t[0xf6] = { group: [e('test', 'Eb,Ib'), e('test', 'Eb,Ib'), e('not', 'Eb'), e('neg', 'Eb'), e('mul', 'Eb'), e('imul', 'Eb'), e('div', 'Eb'), e('idiv', 'Eb')] };
  t[0xf7] = { group: [e('test', 'Ev,Iz'), e('test', 'Ev,Iz'), e('not', 'Ev'), e('neg', 'Ev'), e('mul', 'Ev'), e('imul', 'Ev'), e('div', 'Ev'), e('idiv', 'Ev')] };
  t[0xf8] = e('clc'); t[0xf9] = e('stc'); t[0xfa] = e('cli'); t[0xfb] = e('sti'); t[0xfc] = e('cld'); t[0xfd] = e('std');
  t[0xfe] = { group: [e('inc', 'Eb'), e('dec', 'Eb'), null, null, null, null, null, null] };
  t[0xff] = { group: [e('inc', 'Ev'), e('dec', 'Ev'), e('call', 'Ev', true), e('call', 'Mp'), e('jmp', 'Ev', true), e('jmp', 'Mp'), e('push', 'Ev', true), null] };
  return t;
}

/** SSE forms `op xmm, xmm/m` in the four prefix variants (ps, pd, ss, sd) with their memory sizes. */
function sse4(name: string, hasScalar = true): PrefixedEntry {
  return {
    np: e(`${name}ps`, 'Vx,Wx'), p66: e(`${name}pd`, 'Vx,Wx'),
    ...(hasScalar ? { pf3: e(`${name}ss`, 'Vx,Wd'), pf2: e(`${name}sd`, 'Vx,Wq') } : {}),
  };
}

function buildTwoByte(): (MapEntry | undefined)[] {
  const t: (MapEntry | undefined)[] = new Array(256);
  t[0x05] = e('syscall'); t[0x0b] = e('ud2');
  t[0x0d] = { group: [e('prefetch', 'Mb'), e('prefetchw', 'Mb'), e('prefetchwt1', 'Mb'), null, null, null, null, null] };
  t[0x10] = { np: e('movups', 'Vx,Wx'), p66: e('movupd', 'Vx,Wx'), pf3: e('movss', 'Vx,Wd'), pf2: e('movsd', 'Vx,Wq') };
  t[0x11] = { np: e('movups', 'Wx,Vx'), p66: e('movupd', 'Wx,Vx'), pf3: e('movss', 'Wd,Vx'), pf2: e('movsd', 'Wq,Vx') };
  t[0x12] = { np: e('movlps', 'Vx,Mq'), p66: e('movlpd', 'Vx,Mq') };
  t[0x13] = { np: e('movlps', 'Mq,Vx'), p66: e('movlpd', 'Mq,Vx') };
  t[0x14] = { np: e('unpcklps', 'Vx,Wx'), p66: e('unpcklpd', 'Vx,Wx') };
  t[0x15] = { np: e('unpckhps', 'Vx,Wx'), p66: e('unpckhpd', 'Vx,Wx') };
  t[0x16] = { np: e('movhps', 'Vx,Mq'), p66: e('movhpd', 'Vx,Mq') };
  t[0x17] = { np: e('movhps', 'Mq,Vx'), p66: e('movhpd', 'Mq,Vx') };
  t[0x18] = { group: [e('prefetchnta', 'Mb'), e('prefetcht0', 'Mb'), e('prefetcht1', 'Mb'), e('prefetcht2', 'Mb'), null, null, null, null] };
  t[0x1f] = { group: [e('nop', 'Ev'), null, null, null, null, null, null, null] };
  t[0x28] = { np: e('movaps', 'Vx,Wx'), p66: e('movapd', 'Vx,Wx') };
  t[0x29] = { np: e('movaps', 'Wx,Vx'), p66: e('movapd', 'Wx,Vx') };
  t[0x2a] = { pf3: e('cvtsi2ss', 'Vx,Ey'), pf2: e('cvtsi2sd', 'Vx,Ey') };
  t[0x2c] = { pf3: e('cvttss2si', 'Gy,Wd'), pf2: e('cvttsd2si', 'Gy,Wq') };
  t[0x2d] = { pf3: e('cvtss2si', 'Gy,Wd'), pf2: e('cvtsd2si', 'Gy,Wq') };
  t[0x2e] = { np: e('ucomiss', 'Vx,Wd'), p66: e('ucomisd', 'Vx,Wq') };
  t[0x2f] = { np: e('comiss', 'Vx,Wd'), p66: e('comisd', 'Vx,Wq') };
  t[0x31] = e('rdtsc'); t[0x33] = e('rdpmc'); t[0xa2] = e('cpuid');
  for (let c = 0; c < 16; c++) {
    t[0x40 + c] = e(`cmov${CC_SUFFIXES[c]}`, 'Gv,Ev');
    t[0x80 + c] = e(`j${CC_SUFFIXES[c]}`, 'Jz', true);
    t[0x90 + c] = { group: Array.from({ length: 8 }, () => e(`set${CC_SUFFIXES[c]}`, 'Eb')) };
  }
  t[0x51] = sse4('sqrt');
  t[0x54] = sse4('and', false); t[0x55] = sse4('andn', false); t[0x56] = sse4('or', false); t[0x57] = sse4('xor', false);
  t[0x58] = sse4('add'); t[0x59] = sse4('mul'); t[0x5c] = sse4('sub'); t[0x5d] = sse4('min'); t[0x5e] = sse4('div'); t[0x5f] = sse4('max');
  t[0x5a] = { np: e('cvtps2pd', 'Vx,Wq'), p66: e('cvtpd2ps', 'Vx,Wx'), pf3: e('cvtss2sd', 'Vx,Wd'), pf2: e('cvtsd2ss', 'Vx,Wq') };
  t[0x5b] = { np: e('cvtdq2ps', 'Vx,Wx'), p66: e('cvtps2dq', 'Vx,Wx'), pf3: e('cvttps2dq', 'Vx,Wx') };
  t[0x60] = { p66: e('punpcklbw', 'Vx,Wx') }; t[0x61] = { p66: e('punpcklwd', 'Vx,Wx') }; t[0x62] = { p66: e('punpckldq', 'Vx,Wx') };
  t[0x6c] = { p66: e('punpcklqdq', 'Vx,Wx') }; t[0x6d] = { p66: e('punpckhqdq', 'Vx,Wx') };
  t[0x6e] = { p66: e('mov', 'Vx,Ey') }; // movd / movq by REX.W (decode.ts names it)
  t[0x6f] = { p66: e('movdqa', 'Vx,Wx'), pf3: e('movdqu', 'Vx,Wx') };
  t[0x70] = { p66: e('pshufd', 'Vx,Wx,Ib') };
  t[0x74] = { p66: e('pcmpeqb', 'Vx,Wx') }; t[0x75] = { p66: e('pcmpeqw', 'Vx,Wx') }; t[0x76] = { p66: e('pcmpeqd', 'Vx,Wx') };
  t[0x7e] = { p66: e('mov', 'Ey,Vx'), pf3: e('movq', 'Vx,Wq') };
  t[0x7f] = { p66: e('movdqa', 'Wx,Vx'), pf3: e('movdqu', 'Wx,Vx') };
  t[0xa3] = e('bt', 'Ev,Gv'); t[0xa4] = e('shld', 'Ev,Gv,Ib'); t[0xa5] = e('shld', 'Ev,Gv,CL');
  t[0xab] = e('bts', 'Ev,Gv'); t[0xac] = e('shrd', 'Ev,Gv,Ib'); t[0xad] = e('shrd', 'Ev,Gv,CL');
  t[0xae] = {
    group: [e('fxsave', 'M'), e('fxrstor', 'M'), e('ldmxcsr', 'Md'), e('stmxcsr', 'Md'), null, null, null, e('clflush', 'Mb')],
    reg: [null, null, null, null, null, e('lfence'), e('mfence'), e('sfence')],
  };
  t[0xaf] = e('imul', 'Gv,Ev');
  t[0xb0] = e('cmpxchg', 'Eb,Gb'); t[0xb1] = e('cmpxchg', 'Ev,Gv'); t[0xb3] = e('btr', 'Ev,Gv');
  t[0xb6] = e('movzx', 'Gv,Eb'); t[0xb7] = e('movzx', 'Gv,Ew'); t[0xbe] = e('movsx', 'Gv,Eb'); t[0xbf] = e('movsx', 'Gv,Ew');
  t[0xb8] = { pf3: e('popcnt', 'Gv,Ev') };
  t[0xba] = { group: [null, null, null, null, e('bt', 'Ev,Ib'), e('bts', 'Ev,Ib'), e('btr', 'Ev,Ib'), e('btc', 'Ev,Ib')] };
  t[0xbb] = e('btc', 'Ev,Gv');
  t[0xbc] = { np: e('bsf', 'Gv,Ev'), pf3: e('tzcnt', 'Gv,Ev') };
  t[0xbd] = { np: e('bsr', 'Gv,Ev'), pf3: e('lzcnt', 'Gv,Ev') };
  t[0xc0] = e('xadd', 'Eb,Gb'); t[0xc1] = e('xadd', 'Ev,Gv');
  t[0xc2] = { np: e('cmpps', 'Vx,Wx,Ib'), p66: e('cmppd', 'Vx,Wx,Ib'), pf3: e('cmpss', 'Vx,Wd,Ib'), pf2: e('cmpsd', 'Vx,Wq,Ib') };
  t[0xc6] = { np: e('shufps', 'Vx,Wx,Ib'), p66: e('shufpd', 'Vx,Wx,Ib') };
  for (let r = 0; r < 8; r++) t[0xc8 + r] = e('bswap', 'Zy');
  t[0xd4] = { p66: e('paddq', 'Vx,Wx') }; t[0xd6] = { p66: e('movq', 'Wq,Vx') };
  t[0xdb] = { p66: e('pand', 'Vx,Wx') }; t[0xdf] = { p66: e('pandn', 'Vx,Wx') };
  t[0xeb] = { p66: e('por', 'Vx,Wx') }; t[0xef] = { p66: e('pxor', 'Vx,Wx') };
  t[0xfa] = { p66: e('psubd', 'Vx,Wx') }; t[0xfb] = { p66: e('psubq', 'Vx,Wx') };
  t[0xfc] = { p66: e('paddb', 'Vx,Wx') }; t[0xfd] = { p66: e('paddw', 'Vx,Wx') }; t[0xfe] = { p66: e('paddd', 'Vx,Wx') };
  return t;
}

let oneByte: (MapEntry | undefined)[] | null = null;
let twoByte: (MapEntry | undefined)[] | null = null;

/** The one-byte opcode map (built on first use: nothing runs when the module is imported). */
export function oneByteMap(): readonly (MapEntry | undefined)[] {
  return (oneByte ??= buildOneByte());
}

/** The two-byte (0F xx) opcode map. */
export function twoByteMap(): readonly (MapEntry | undefined)[] {
  return (twoByte ??= buildTwoByte());
}

// x87 escapes D8–DF (SDM table A-7 … A-22): memory forms by ModRM.reg, with
// the memory operand's size, and register forms (mod = 11) by the ModRM byte.
type X87Mem = readonly (readonly [string, string] | null)[];
export const X87_MEMORY: Readonly<Record<number, X87Mem>> = {
  0xd8: ['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'].map((m) => [m, 'd'] as const),
  0xd9: [['fld', 'd'], null, ['fst', 'd'], ['fstp', 'd'], ['fldenv', ''], ['fldcw', 'w'], ['fnstenv', ''], ['fnstcw', 'w']],
  0xda: ['fiadd', 'fimul', 'ficom', 'ficomp', 'fisub', 'fisubr', 'fidiv', 'fidivr'].map((m) => [m, 'd'] as const),
  0xdb: [['fild', 'd'], ['fisttp', 'd'], ['fist', 'd'], ['fistp', 'd'], null, ['fld', 't'], null, ['fstp', 't']],
  0xdc: ['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'].map((m) => [m, 'q'] as const),
  0xdd: [['fld', 'q'], ['fisttp', 'q'], ['fst', 'q'], ['fstp', 'q'], ['frstor', ''], null, ['fnsave', ''], ['fnstsw', 'w']],
  0xde: ['fiadd', 'fimul', 'ficom', 'ficomp', 'fisub', 'fisubr', 'fidiv', 'fidivr'].map((m) => [m, 'w'] as const),
  0xdf: [['fild', 'w'], ['fisttp', 'w'], ['fist', 'w'], ['fistp', 'w'], ['fbld', 't'], ['fild', 'q'], ['fbstp', 't'], ['fistp', 'q']],
};

/**
 * Register forms: per escape byte, per ModRM.reg, the mnemonic and its
 * operands in Intel order ('st' = st(0), 'i' = st(i)); a string alone is a
 * whole-row table indexed by ModRM.rm (for D9 and the single forms).
 */
type X87Reg = readonly (readonly [string, string] | readonly (string | null)[] | null)[];
export const X87_REGISTER: Readonly<Record<number, X87Reg>> = {
  0xd8: [['fadd', 'st,i'], ['fmul', 'st,i'], ['fcom', 'i'], ['fcomp', 'i'], ['fsub', 'st,i'], ['fsubr', 'st,i'], ['fdiv', 'st,i'], ['fdivr', 'st,i']],
  0xd9: [['fld', 'i'], ['fxch', 'i'], ['fnop', null, null, null, null, null, null, null],
    null, ['fchs', 'fabs', null, null, 'ftst', 'fxam', null, null],
    ['fld1', 'fldl2t', 'fldl2e', 'fldpi', 'fldlg2', 'fldln2', 'fldz', null],
    ['f2xm1', 'fyl2x', 'fptan', 'fpatan', 'fxtract', 'fprem1', 'fdecstp', 'fincstp'],
    ['fprem', 'fyl2xp1', 'fsqrt', 'fsincos', 'frndint', 'fscale', 'fsin', 'fcos']],
  0xda: [['fcmovb', 'st,i'], ['fcmove', 'st,i'], ['fcmovbe', 'st,i'], ['fcmovu', 'st,i'], null, [null, 'fucompp', null, null, null, null, null, null], null, null],
  0xdb: [['fcmovnb', 'st,i'], ['fcmovne', 'st,i'], ['fcmovnbe', 'st,i'], ['fcmovnu', 'st,i'], [null, null, 'fnclex', 'fninit', null, null, null, null], ['fucomi', 'st,i'], ['fcomi', 'st,i'], null],
  0xdc: [['fadd', 'i,st'], ['fmul', 'i,st'], null, null, ['fsubr', 'i,st'], ['fsub', 'i,st'], ['fdivr', 'i,st'], ['fdiv', 'i,st']],
  0xdd: [['ffree', 'i'], null, ['fst', 'i'], ['fstp', 'i'], ['fucom', 'i'], ['fucomp', 'i'], null, null],
  0xde: [['faddp', 'i,st'], ['fmulp', 'i,st'], null, [null, 'fcompp', null, null, null, null, null, null], ['fsubrp', 'i,st'], ['fsubp', 'i,st'], ['fdivrp', 'i,st'], ['fdivp', 'i,st']],
  0xdf: [null, null, null, null, ['fnstsw ax', null, null, null, null, null, null, null], ['fucomip', 'st,i'], ['fcomip', 'st,i'], null],
};
