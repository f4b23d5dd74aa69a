#include <no_such_system_header.h>
int x;
