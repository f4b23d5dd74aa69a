int f(char *s) {
  return s;
}
