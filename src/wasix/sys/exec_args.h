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

/* The decoded arguments of exec3/exec4/spawn2/spawn3. */
struct wx_exec_args {
	char *name;
	char **argv; /* never empty: argv[0] defaults to the name */
	char **envp; /* NULL: inherit */
	bool search;
	char *path;  /* PATH for the search, or NULL */
};

/* Decode name (args[0], args[1]), argv (args[2], args[3]), envp
 * (args[4], args[5]), search flag (args[search_idx]) and path
 * (args[search_idx + 1], args[search_idx + 2]); `ptr_form` selects the
 * exec4/spawn3 pointer arrays over newline-separated strings.  Guest
 * errno; on failure nothing is left allocated. */
int wx_exec_args_decode(struct wx_proc *p, const uint64_t *args,
			bool ptr_form, int search_idx,
			struct wx_exec_args *out);
void wx_exec_args_fini(struct wx_exec_args *a);
/* exec3 and exec4: decode, then exec (exec_common).  Returns a VM
 * status; the guest errno is in args[0]. */
int wx_exec_call(struct wx_thread *t, struct wx_proc *p, uint64_t *args,
		 bool ptr_form);

#endif
