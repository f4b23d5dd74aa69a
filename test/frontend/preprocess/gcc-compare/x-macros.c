/* X-macros, token pasting into identifiers, stringized enum names. */
#define COLORS(X) X(RED, 1) X(GREEN, 2) X(BLUE, 4)
#define AS_ENUM(name, value) COLOR_##name = value,
#define AS_STRING(name, value) [COLOR_##name] = #name,
#define AS_CASE(name, value) case COLOR_##name: return value * 10;
enum color { COLORS(AS_ENUM) COLOR_COUNT };
static const char *names[] = { COLORS(AS_STRING) };
int weight(enum color c) { switch (c) { COLORS(AS_CASE) default: return 0; } }
#define FIELD_LIST(F) F(int, id) F(double, score) F(char *, label)
#define DECLARE(type, name) type name;
#define PRINT(type, name) print_##name(r->name);
struct record { FIELD_LIST(DECLARE) };
void dump(struct record *r) { FIELD_LIST(PRINT) }
