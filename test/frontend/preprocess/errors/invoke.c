/* Errors when invoking macros (6.10.3p4, 6.10.3.3p3). */
#define F(a, b) a + b
#define G(a) a
#define Z() z
#define CAT(a, b) a ## b
F(1)
G(1, 2)
Z(1)
CAT(x, +) CAT(/, /) CAT("a", "b") CAT(1, 2)
G((1, 2), 3)
G(
