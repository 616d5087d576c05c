/*
 * path_remove_directory.c - path_remove_directory(dirfd, path, path_len)
 * -> errno (wasix-abi.md 2a): unlinkat(AT_REMOVEDIR) beneath dirfd.
 * Needs PATH_REMOVE_DIRECTORY.  A file is ENOTDIR, "." EINVAL (POSIX).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_path_remove_directory(struct wx_thread *t, void *ctx,
				  uint64_t *args)
{
	struct wx_path p;
	struct wx_fdref ref;
	int ret;

	ret = wx_path_begin(ctx, wx_arg32(args, 0),
			    WX_RIGHT_PATH_REMOVE_DIRECTORY, wx_arg32(args, 1),
			    wx_arg32(args, 2), false, &ref, &p);
	if (ret != 0)
		goto fail;
	if (unlinkat(p.dirfd, p.name, AT_REMOVEDIR) != 0)
		ret = wx_wasi_errno(errno);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
