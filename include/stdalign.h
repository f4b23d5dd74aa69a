/* stdalign.h: alignment (C11 7.15), written for jitcc. */
#ifndef __JITCC_STDALIGN_H
#define __JITCC_STDALIGN_H

#define alignas _Alignas
#define alignof _Alignof
#define __alignas_is_defined 1
#define __alignof_is_defined 1

#endif
