/* stddef.h: common definitions (C11 7.19), written for jitcc.
 *
 * glibc headers include this with __need_size_t, __need_NULL, __need_wchar_t,
 * __need_ptrdiff_t or __need_wint_t defined to get just that one name; with
 * none of them defined, everything is declared. Each typedef has its own guard
 * so repeated partial inclusions do not redeclare it. Types come from the
 * predefined __SIZE_TYPE__ etc., which the preprocessor sets per target. */

#if !defined(__need_size_t) && !defined(__need_ptrdiff_t) && !defined(__need_wchar_t) \
    && !defined(__need_NULL) && !defined(__need_wint_t) && !defined(__need_max_align_t)
#define __JITCC_STDDEF_ALL 1
#endif

#if defined(__JITCC_STDDEF_ALL) || defined(__need_size_t)
#ifndef __JITCC_SIZE_T
#define __JITCC_SIZE_T
#define _SIZE_T
#define __size_t__
typedef __SIZE_TYPE__ size_t;
#endif
#endif

#if defined(__JITCC_STDDEF_ALL) || defined(__need_ptrdiff_t)
#ifndef __JITCC_PTRDIFF_T
#define __JITCC_PTRDIFF_T
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#endif

#if defined(__JITCC_STDDEF_ALL) || defined(__need_wchar_t)
#ifndef __JITCC_WCHAR_T
#define __JITCC_WCHAR_T
#define _WCHAR_T
#define __wchar_t__
typedef __WCHAR_TYPE__ wchar_t;
#endif
#endif

#if defined(__need_wint_t)
#ifndef __JITCC_WINT_T
#define __JITCC_WINT_T
#define _WINT_T
typedef __WINT_TYPE__ wint_t;
#endif
#endif

#if defined(__JITCC_STDDEF_ALL) || defined(__need_NULL)
#undef NULL
#define NULL ((void *)0)
#endif

#if defined(__JITCC_STDDEF_ALL) || defined(__need_max_align_t)
#ifndef __JITCC_MAX_ALIGN_T
#define __JITCC_MAX_ALIGN_T
/* The most-aligned scalar types of the ABI (psABI §3.1.2, AAPCS64 §5.1): 16 bytes via long double. */
typedef struct {
  _Alignas(long long) long long __max_align_ll;
  _Alignas(long double) long double __max_align_ld;
} max_align_t;
#endif
#endif

#if defined(__JITCC_STDDEF_ALL)
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#endif

#undef __JITCC_STDDEF_ALL
#undef __need_size_t
#undef __need_ptrdiff_t
#undef __need_wchar_t
#undef __need_NULL
#undef __need_wint_t
#undef __need_max_align_t
