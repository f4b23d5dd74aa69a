// flags: -Wshadow
int f(int x) {
  {
    int x = 2;
    return x;
  }
}
