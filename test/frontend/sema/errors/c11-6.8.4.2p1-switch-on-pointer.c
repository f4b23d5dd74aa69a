void f(char *p) {
  switch (p) { default: break; }
}
