int f(int n, int k) {
  switch (k) {
    int a[n];
  case 1:
    a[0] = 1;
    return a[0];
  }
  return 0;
}
