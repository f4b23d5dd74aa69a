int f(void) {
  int count = 1;
  return cuont + count;
}
