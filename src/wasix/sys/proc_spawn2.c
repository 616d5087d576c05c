/*
 * proc_spawn2.c - proc_spawn2(name, name_len, args, args_len, envs,
 * envs_len, fd_ops, fd_ops_len, sigdisp, sigdisp_len, search_path, path,
 * path_len, ret_pid) -> errno: posix_spawn with newline-separated args and envs
 * (wasix-abi.md 3.7).
 */
#include <stdlib.h>

#include "exec_args.h"
#include "spawn.h"

int wx_wasix_proc_spawn2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL, **argv = NULL, **envp = NULL, *path = NULL;
	bool search = wx_arg32(args, 10) != 0;
	int ret = wx_guest_string(p, wx_arg32(args, 0), wx_arg32(args, 1),
				  &name);
	if (ret == 0)
		ret = wx_exec_lines(p, wx_arg32(args, 2), wx_arg32(args, 3), &argv);
	if (ret == 0)
		ret = wx_exec_lines(p, wx_arg32(args, 4), wx_arg32(args, 5), &envp);
	if (ret == 0 && search && wx_arg32(args, 11) != 0)
		ret = wx_guest_string(p, wx_arg32(args, 11),
				      wx_arg32(args, 12), &path);
	if (ret != 0) {
		free(name);
		free(path);
		wx_wasix_strv_free(argv);
		wx_wasix_strv_free(envp);
	} else {
		ret = wx_spawn_common(t, p, name, argv, envp, wx_arg32(args, 6),
				      wx_arg32(args, 7), search, path,
				      wx_arg32(args, 13));
	}
	if (ret >= 0)
		args[0] = (uint32_t)ret;
	return ret > 0 ? 0 : ret;
}
