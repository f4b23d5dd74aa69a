/* Non-ASCII characters in a UTF-8 source file: narrow and u8 strings keep
   the bytes, u/U/L strings and character constants hold code points. */
#include <stdio.h>
#include <string.h>
#include <uchar.h>
#include <wchar.h>

int main(void) {
  const char *plain = "héllo €";
  const char *u8s = u8"é€";
  char16_t s16[] = u"hé€";
  char32_t s32[] = U"x€😀";
  wchar_t w[] = L"ñ€";
  printf("%s %zu %zu\n", plain, strlen(plain), strlen(u8s));
  printf("%zu %x %x\n", sizeof s16, (unsigned)s16[1], (unsigned)s16[2]);
  printf("%zu %x %x\n", sizeof s32, (unsigned)s32[1], (unsigned)s32[2]);
  printf("%zu %x %x\n", wcslen(w), (unsigned)w[0], (unsigned)w[1]);
  printf("%x %x %x\n", (unsigned)u'é', (unsigned)U'😀', (unsigned)L'€');
  printf("%d\n", "é"[0]);
  return 0;
}
