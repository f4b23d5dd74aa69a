/* stdarg.h: variable arguments (C11 7.16), written for jitcc.
 *
 * The va_list type and the macros map onto builtins that the parser and
 * code generator implement per ABI (psABI §3.5.7 register save area on
 * x86-64, AAPCS64 §B.4 on AArch64). glibc's stdio.h includes this with
 * __need___va_list defined to get only __gnuc_va_list. */

#ifndef __GNUC_VA_LIST
#define __GNUC_VA_LIST
typedef __builtin_va_list __gnuc_va_list;
#endif

#ifdef __need___va_list
#undef __need___va_list
#else

#ifndef __JITCC_STDARG_H
#define __JITCC_STDARG_H

#ifndef _VA_LIST_DEFINED
#define _VA_LIST_DEFINED
#define _VA_LIST
#define _VA_LIST_T_H
#define __va_list__
typedef __gnuc_va_list va_list;
#endif

#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dest, src) __builtin_va_copy(dest, src)
#define __va_copy(dest, src) __builtin_va_copy(dest, src)

#endif
#endif
