int f(void) {
  int y = undefined_thing * 2 + undefined_thing;
  return y + (undefined_thing->m).q;
}
