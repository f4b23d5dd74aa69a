/* __builtin_return_address(0) is the address a function returns to (inside
   its caller); __builtin_frame_address(N) walks the frame chain: a callee's
   frame lies below its caller's (the stack grows down). */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) void *where_from(void) { return __builtin_return_address(0); }
__attribute__((noinline)) void *my_frame(void) { return __builtin_frame_address(0); }
__attribute__((noinline)) void *callers_frame(void) { return __builtin_frame_address(1); }

int main(void) {
  void *ra = where_from();
  uintptr_t lo = (uintptr_t)main, hi = (uintptr_t)main + 4096;
  printf("return address inside main: %d\n", (uintptr_t)ra > lo && (uintptr_t)ra < hi);
  void *inner = my_frame();
  void *outer = __builtin_frame_address(0);
  printf("callee frame below caller frame: %d\n", (uintptr_t)inner < (uintptr_t)outer);
  printf("frame(1) of a callee is the caller's frame: %d\n", callers_frame() == outer);
  return 0;
}
