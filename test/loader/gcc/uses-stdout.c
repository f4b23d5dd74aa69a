/* Reads libc's `stdout`: with gcc's default -fPIE this is an R_X86_64_PC32
 * to a symbol in libc, which only fits if the loader maps the module within
 * 2 GiB of libc; with -fPIC it goes through the GOT. */
#include <stdio.h>

int stdout_fileno(void) { return fileno(stdout); }
