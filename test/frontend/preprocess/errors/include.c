/* Errors in #include (6.10.2) and __has_include. */
#include
#include <unterminated.h
#include "missing.h"
#include <missing.h>
#include ""
#include "ok.h" junk
#define NOT_A_NAME 42
#include NOT_A_NAME
#include_next "ok.h"
#if __has_include
#endif
#if __has_include(
#endif
#if __has_include(42)
#endif
#include "unterminated-if.h"
after_include
