/*
 * proc_exec4.c - proc_exec4(name, name_len, args, args_len, envs,
 * envs_len, search_path, path, path_len) -> errno (wasix-abi.md 3.5):
 * execve/execvp with argv/envp as arrays of string pointers (counts).  A failing exec returns its errno and the
 * caller goes on; success does not return (or, in a proc_fork_env vfork
 * child, returns 0 in the parent, which then longjmps itself).
 */
#include <stdlib.h>
#include <string.h>

#include "exec_args.h"

int wx_wasix_proc_exec4(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL, **argv = NULL, **envp = NULL, *path = NULL;
	bool search = wx_arg32(args, 6) != 0;
	int ret = wx_guest_string(p, wx_arg32(args, 0), wx_arg32(args, 1),
				  &name);
	if (ret == 0)
		ret = wx_exec_ptrs(p, wx_arg32(args, 2), wx_arg32(args, 3), &argv);
	if (ret == 0)
		ret = wx_exec_ptrs(p, wx_arg32(args, 4), wx_arg32(args, 5), &envp);
	if (ret == 0 && search && wx_arg32(args, 7) != 0)
		ret = wx_guest_string(p, wx_arg32(args, 7), wx_arg32(args, 8),
				      &path);
	if (ret == 0 && (argv == NULL || argv[0] == NULL)) {
		/* An empty argv gets the program name as argv[0]. */
		wx_wasix_strv_free(argv);
		argv = calloc(2, sizeof(*argv));
		if (argv == NULL || (argv[0] = strdup(name)) == NULL)
			ret = WX_WASI_ENOMEM;
	}
	if (ret == 0) {
		ret = wx_exec_common(t, p, name, argv, envp, search, path);
		name = NULL;
		argv = envp = NULL;
	}
	free(name);
	free(path);
	wx_wasix_strv_free(argv);
	wx_wasix_strv_free(envp);
	if (ret >= 0)
		args[0] = (uint32_t)ret;
	return ret > 0 ? 0 : ret;
}
