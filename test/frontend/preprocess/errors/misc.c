/* #error, #warning, #line, #pragma, _Pragma and unknown directives (6.10.4–6.10.9). */
#error this is an error  with   spaces
#warning just a warning
#line
#line abc
#line 10 notastring
#frobnicate
#pragma push_macro(X)
#pragma GCC warning "from pragma"
#pragma GCC error "error from pragma"
_Pragma(1)
_Pragma("GCC warning \"from _Pragma\"")
#undef
#undef 3
#undef defined
#undef X junk
#ifndef A
#endif junk
#else junk
#line 20 "renamed.c"
#error reported at the presumed location renamed.c:20
