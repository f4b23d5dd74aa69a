// warnings: all
int f(int a) {
  int x = a;
  {
    int x = 2;
    return x;
  }
}
