/*
 * proc_spawn3.c - proc_spawn3(name, name_len, args, args_len, envs,
 * envs_len, fd_ops, fd_ops_len, sigdisp, sigdisp_len, search_path, path,
 * path_len, ret_pid) -> errno: posix_spawn with argv/envp as arrays of string pointers
 * (wasix-abi.md 3.7).
 */
#include "spawn.h"

int wx_wasix_proc_spawn3(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_spawn_call(t, ctx, args, true);
}
