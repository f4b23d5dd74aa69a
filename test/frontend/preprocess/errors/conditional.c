/* Errors in #if expressions and conditional structure (6.10.1). */
#if
#endif
#if 1 +
#endif
#if (1
#endif
#if 1 2
#endif
#if 1 ? 2
#endif
#if 1 / 0
#endif
#if 0 && 1 / 0
#endif
#if 1.5
#endif
#if 12abc
#endif
#if 99999999999999999999
#endif
#if ''
#endif
#if "str"
#endif
#if 1 = 2
#endif
#if defined
#endif
#if defined(X
#endif
#if f(1)
#endif
#ifdef
#endif
#ifdef 1
#endif
#ifdef X junk
#endif
#elif 1
#else
#endif
#if 1
#else
#else
#elif 1
#endif
#if 1
#elif
