/*
 * exec_args.h - decoding the argument forms of the exec/spawn family
 * (wasix-abi.md 3.5): '\n'-separated strings (exec, exec2, exec3,
 * spawn2) and arrays of pointers to NUL-terminated strings (exec4,
 * spawn3).
 */
#ifndef WX_WASIX_EXEC_ARGS_H
#define WX_WASIX_EXEC_ARGS_H

#include "../internal.h"

/* A '\n'-separated list at (ptr, len); a NULL pointer gives NULL with
 * errno 0 (for envs: inherit).  Guest errno. */
int wx_exec_lines(struct wx_proc *p, uint32_t ptr, uint32_t len,
		  char ***out);
/* `n` pointers at `ptr` to NUL-terminated strings.  Guest errno. */
int wx_exec_ptrs(struct wx_proc *p, uint32_t ptr, uint32_t n, char ***out);

#endif
