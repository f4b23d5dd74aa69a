/* GNU symbol attributes as the linker sees them: constructor/destructor order
   with priorities, aliases of a function and of an object, a weak definition,
   a weak reference nobody defines, objects and functions in a named section
   (found through ld's __start_/__stop_ symbols), hidden visibility. */
#include <stdio.h>

static void trace(const char *what) { printf("%s\n", what); }

__attribute__((constructor(200))) static void init_late(void) { trace("constructor 200"); }
__attribute__((constructor(101))) static void init_early(void) { trace("constructor 101"); }
__attribute__((constructor)) static void init_default(void) { trace("constructor (default)"); }
__attribute__((destructor(150))) static void fini_150(void) { trace("destructor 150"); }
__attribute__((destructor)) static void fini_default(void) { trace("destructor (default)"); }

int real_answer(void) { return 42; }
int answer(void) __attribute__((alias("real_answer")));
static int hidden_answer(void) __attribute__((alias("real_answer")));

int storage = 7;
extern int storage_alias __attribute__((alias("storage")));

__attribute__((weak)) int tunable(void) { return 1; }
extern int missing_hook(void) __attribute__((weak));

__attribute__((section("jitcc_items"))) int item_a = 10;
__attribute__((section("jitcc_items"))) int item_b = 20;
__attribute__((section("jitcc_items"))) int item_c = 30;
extern int __start_jitcc_items[], __stop_jitcc_items[];

__attribute__((section(".text.jitcc_cold"), noinline)) int cold_path(int x) { return x * 3; }

__attribute__((visibility("hidden"))) int hidden_counter = 5;

int main(void) {
  trace("main");
  printf("answer %d %d %d\n", answer(), hidden_answer(), answer == real_answer);
  storage_alias += 1;
  printf("storage %d %d\n", storage, &storage == &storage_alias);
  printf("tunable %d, missing_hook %s\n", tunable(), missing_hook ? "defined" : "null");
  int sum = 0;
  for (int *p = __start_jitcc_items; p < __stop_jitcc_items; p++) sum += *p;
  printf("section items %d sum %d\n", (int)(__stop_jitcc_items - __start_jitcc_items), sum);
  printf("cold %d hidden %d\n", cold_path(5), ++hidden_counter);
  return 0;
}
