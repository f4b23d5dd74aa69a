int f(int a) {
  else return a;
}
