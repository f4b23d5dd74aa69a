/* Token pasting: building identifiers, numbers, operators, wide strings. */
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
#define CAT3(a, b, c) a ## b ## c
int CAT(var, 1) = CAT(0x, ff);
int XCAT(var, __LINE__);
double d = CAT3(1, ., 5) + CAT(1e, 3) + CAT(.,25);
#define OP(a, b) a CAT(<, <) b CAT(-, =) a CAT(|, |) b
OP(x, y)
#define WIDE(s) CAT(L, s)
const int *w = WIDE("wide");
#define VER_MAJOR 2
#define VER_MINOR 7
#define VERSION_NAME XCAT(XCAT(v, VER_MAJOR), XCAT(_, VER_MINOR))
int VERSION_NAME;
#define EMPTY_ARG(x) [x ## x]
EMPTY_ARG() EMPTY_ARG(a)
#define HASH_HASH # ## #
#define MKSTR(x) #x
#define INSTR(x) MKSTR(x)
char p[] = INSTR(x HASH_HASH y);
