struct opaque;
int f(void) {
  struct opaque o;
  return 0;
}
