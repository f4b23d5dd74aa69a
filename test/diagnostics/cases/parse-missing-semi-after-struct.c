/* The closing brace of a struct definition without its semicolon. */
struct point { int x, y; }

int main(void) {
  return 0;
}
