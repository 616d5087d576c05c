/*
 * spawn.h - the shared body of proc_spawn2 and proc_spawn3 (wasix-abi.md
 * 3.7): posix_spawn with fd operations, in a new host process.
 */
#ifndef WX_WASIX_SPAWN_H
#define WX_WASIX_SPAWN_H

#include "../internal.h"

/* Takes ownership of name, argv, envp, path.  Guest errno. */
int wx_spawn_common(struct wx_thread *t, struct wx_proc *p, char *name,
		    char **argv, char **envp, uint32_t fd_ops,
		    uint32_t nops, bool search, char *path, uint32_t ret_pid,
		    uint32_t sigdisp, uint32_t ndisp);
/* proc_spawn2 and proc_spawn3: decode, then spawn.  Returns a VM status;
 * the guest errno is in args[0]. */
int wx_spawn_call(struct wx_thread *t, struct wx_proc *p, uint64_t *args,
		  bool ptr_form);

#endif
