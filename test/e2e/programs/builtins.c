// The floating-point classification builtins behind <math.h>'s macros
// (isnan, isinf, isfinite, isnormal, fpclassify, signbit), INFINITY/NAN,
// and __builtin_fabs/__builtin_copysign, on float and double; library
// builtins (__builtin_memcpy, …), __builtin_constant_p, __builtin_choose_expr.
int printf(const char *fmt, ...);

int main(void) {
  double inf = __builtin_inf(), nan = __builtin_nan(""), tiny = 1e-310, one = 1.0, nzero = -0.0;
  float finf = __builtin_inff();
  printf("%d %d %d %d\n", __builtin_isnan(nan), __builtin_isnan(one), __builtin_isinf(-inf), __builtin_isinf(finf));
  printf("%d %d %d\n", __builtin_isinf_sign(-inf), __builtin_isinf_sign(inf), __builtin_isinf_sign(one));
  printf("%d %d %d\n", __builtin_isfinite(one), __builtin_isfinite(inf), __builtin_isfinite(nan));
  printf("%d %d %d\n", __builtin_isnormal(one), __builtin_isnormal(tiny), __builtin_isnormal(0.0));
  printf("%d %d %d %d %d\n", __builtin_fpclassify(0, 1, 2, 3, 4, nan), __builtin_fpclassify(0, 1, 2, 3, 4, inf),
         __builtin_fpclassify(0, 1, 2, 3, 4, one), __builtin_fpclassify(0, 1, 2, 3, 4, tiny), __builtin_fpclassify(0, 1, 2, 3, 4, nzero));
  printf("%d %d %d\n", __builtin_signbit(nzero) != 0, __builtin_signbit(one) != 0, __builtin_signbitf(-2.0f) != 0);
  printf("%g %g %g\n", __builtin_fabs(-2.5), __builtin_fabs(nzero), __builtin_copysign(3.0, -1.0));
  printf("%g %g\n", __builtin_fabsf(-1.5f), __builtin_copysignf(2.0f, nzero));
  char buf[16], dst[16];
  __builtin_memset(buf, 'a', 15);
  buf[15] = 0;
  __builtin_memcpy(dst, buf, sizeof buf);
  printf("%lu %d %d %d\n", __builtin_strlen(dst), __builtin_constant_p(3 + 4), __builtin_constant_p(buf[0]),
         __builtin_choose_expr(sizeof(int) == 4, 10, 20));
  return 0;
}
