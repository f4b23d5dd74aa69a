/* The "application" half: calls a function and reads a variable that only
 * the linked module lib.c defines. As PIE (gcc's default), the variable is
 * read with R_X86_64_PC32, so the loader must place this module within
 * 2 GiB of lib's data. */
extern int shared_counter;
int twice(int x);
int use_lib(int x) { shared_counter += 1; return twice(x) + shared_counter; }
