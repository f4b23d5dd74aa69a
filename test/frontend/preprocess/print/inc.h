/* included */
int from_header;
#include "inner.h"
int back_in_header;
