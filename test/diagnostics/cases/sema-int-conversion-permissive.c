// flags: -fpermissive
// Old code: gcc 14 errors that -fpermissive demotes to the warnings gcc 12 gave.
int *f(long address, char *text) {
  int *p = address;
  int n = text;
  p = text;
  return n;
}
