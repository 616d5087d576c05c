/* chdir.c - chdir(path, path_len) -> errno: change the process's working
 * directory; the target must be a directory reachable through the
 * preopens (ENOENT, ENOTDIR otherwise). */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasix_chdir(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL, *abs;
	int ret;
	ret = wx_guest_path(p, wx_arg32(args, 0), wx_arg32(args, 1), &name);
	if (ret != 0) {
		args[0] = (uint32_t)ret;
		return 0;
	}
	abs = wx_proc_abspath(p, name);
	free(name);
	if (abs == NULL) {
		args[0] = WX_WASI_ENOMEM;
		return 0;
	}
	ret = wx_proc_check_dir(p, abs);
	if (ret != 0) {
		free(abs);
		args[0] = (uint32_t)ret;
		return 0;
	}
	free(p->cwd);
	p->cwd = abs;
	args[0] = 0;
	return 0;
}
