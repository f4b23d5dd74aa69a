/* stdnoreturn.h: the noreturn macro (C11 7.23), written for jitcc. */
#ifndef __JITCC_STDNORETURN_H
#define __JITCC_STDNORETURN_H

#define noreturn _Noreturn

#endif
