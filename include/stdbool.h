/* stdbool.h: boolean type and values (C11 7.18), written for jitcc. */
#ifndef __JITCC_STDBOOL_H
#define __JITCC_STDBOOL_H

#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
