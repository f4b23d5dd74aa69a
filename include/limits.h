/* limits.h: sizes of integer types (C11 7.10, 5.2.4.2.1), written for jitcc.
 *
 * Hosted, glibc's own limits.h adds the POSIX limits (PATH_MAX, …): we
 * include it with #include_next first. _GCC_LIMITS_H_ tells it that a
 * compiler limits.h is in charge, so it does not include us back. Then we
 * set the C limits from the predefined macros, which the preprocessor sets
 * per target (char is signed on x86-64, unsigned on AArch64). */

#ifndef _GCC_LIMITS_H_
#define _GCC_LIMITS_H_

#if __STDC_HOSTED__ && defined(__has_include_next)
#if __has_include_next(<limits.h>)
#include_next <limits.h>
#endif
#endif

#undef CHAR_BIT
#define CHAR_BIT __CHAR_BIT__

#undef MB_LEN_MAX
#define MB_LEN_MAX 16

#undef SCHAR_MIN
#undef SCHAR_MAX
#undef UCHAR_MAX
#define SCHAR_MAX __SCHAR_MAX__
#define SCHAR_MIN (-SCHAR_MAX - 1)
#define UCHAR_MAX (SCHAR_MAX * 2 + 1)

#undef CHAR_MIN
#undef CHAR_MAX
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#endif

#undef SHRT_MIN
#undef SHRT_MAX
#undef USHRT_MAX
#define SHRT_MAX __SHRT_MAX__
#define SHRT_MIN (-SHRT_MAX - 1)
#define USHRT_MAX (SHRT_MAX * 2 + 1)

#undef INT_MIN
#undef INT_MAX
#undef UINT_MAX
#define INT_MAX __INT_MAX__
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (INT_MAX * 2U + 1U)

#undef LONG_MIN
#undef LONG_MAX
#undef ULONG_MAX
#define LONG_MAX __LONG_MAX__
#define LONG_MIN (-LONG_MAX - 1L)
#define ULONG_MAX (LONG_MAX * 2UL + 1UL)

#undef LLONG_MIN
#undef LLONG_MAX
#undef ULLONG_MAX
#define LLONG_MAX __LONG_LONG_MAX__
#define LLONG_MIN (-LLONG_MAX - 1LL)
#define ULLONG_MAX (LLONG_MAX * 2ULL + 1ULL)

#endif
