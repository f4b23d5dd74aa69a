int f(int v) {
  return v.x;
}
