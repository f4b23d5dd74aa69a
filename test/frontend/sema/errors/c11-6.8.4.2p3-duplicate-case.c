int f(int x) {
  switch (x) {
  case 3: return 1;
  case 1 + 2: return 2;
  }
  return 0;
}
