/*
 * native_stack.h - the runtime's stack for native guest code, one per
 * host thread (native_stack.c).
 */
#ifndef WX_NATIVE_STACK_H
#define WX_NATIVE_STACK_H

#include <stdbool.h>
#include <stddef.h>

/* Room left below the guest's deepest frame for host functions (and the
 * sanitizers' larger frames) and signal handlers. */
#define WX_NSTACK_MARGIN (256u << 10)

/* The size of each thread's native stack. */
size_t wx_nstack_size(void);
/* Run fn(arg) on this thread's native stack (mapped at the first call)
 * and return when it returns: 0, or ENOMEM (or another errno) when the
 * stack cannot be had - then fn has not run.  Not while on it. */
int wx_nstack_run(void (*fn)(void *), void *arg);
/* Whether this thread runs on its native stack now, and its lowest
 * usable address (NULL when not on it). */
bool wx_nstack_on(void);
char *wx_nstack_lo(void);

#endif
