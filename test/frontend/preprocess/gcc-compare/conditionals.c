/* Conditional inclusion with macros in the expressions. */
#define VERSION 3
#define AT_LEAST(v) (VERSION >= (v))
#define FLAG_A 0x1
#define FLAG_B 0x4
#define FLAGS (FLAG_A | FLAG_B)
#if AT_LEAST(2) && (FLAGS & FLAG_B)
int has_b;
#endif
#if AT_LEAST(4) || !(FLAGS & 0x2)
int no_2;
#else
int has_2;
#endif
#if -1 > 0u
int unsigned_compare;
#endif
#if (0x7fffffffffffffff + 0) / -1 < 0
int negative;
#endif
#if 'z' - 'a' == 25 && '\x41' == 65 && '\0' == 0
int chars;
#endif
#ifdef VERSION
# if VERSION == 3
int three;
# elif VERSION == 4
int four;
# endif
#endif
#if defined(UNDEFINED_THING) || UNDEFINED_THING
int never;
#elif !defined UNDEFINED_THING
int elif_taken;
#endif
#define ZERO 0
#if ZERO
#elif ZERO + 1 == 1
int zero_plus_one;
#endif
