int sum(int n) {
  __builtin_va_list ap;
  __builtin_va_start(ap, n);
  return __builtin_va_arg(n, int);
}
