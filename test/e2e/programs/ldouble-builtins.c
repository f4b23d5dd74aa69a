/* long double builtins and <float.h> limits against gcc's. */
#include <float.h>
#include <stdio.h>

int main(void) {
  long double inf = __builtin_infl(), hv = __builtin_huge_vall(), nan = __builtin_nanl("");
  long double m = -3.25L, z = -0.0L;
  printf("%Lg %Lg %d %d %d\n", inf, hv, __builtin_isinf(inf), __builtin_isinfl(-inf), __builtin_isinf(m));
  printf("%d %d %d %d\n", __builtin_isnan(nan), __builtin_isnan(m), __builtin_isnanl(nan), nan != nan);
  printf("%Lg %Lg %Lg %Lg\n", __builtin_fabsl(m), __builtin_fabsl(z), __builtin_copysignl(2.0L, m), __builtin_copysignl(m, 1.0L));
  printf("%d %d %d\n", __builtin_signbit(m) != 0, __builtin_signbit(z) != 0, __builtin_signbit(inf) != 0);
  printf("%d %d %d %d %d\n", LDBL_MANT_DIG, LDBL_DIG, LDBL_MAX_EXP, LDBL_MIN_EXP, (int)sizeof(long double));
  printf("%.21Lg %.21Lg %.21Lg\n", LDBL_MAX, LDBL_MIN, LDBL_EPSILON);
  printf("%d %d\n", __builtin_isfinite(LDBL_MAX), __builtin_isnormal(LDBL_MIN));
  return 0;
}
