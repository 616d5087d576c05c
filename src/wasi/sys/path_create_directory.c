/*
 * path_create_directory.c - path_create_directory(dirfd, path, path_len)
 * -> errno (wasix-abi.md 2a): mkdirat beneath dirfd.  Needs
 * PATH_CREATE_DIRECTORY.  A final symlink is not followed (EEXIST).
 */
#include <errno.h>

#include "../internal.h"

int wx_wasi_path_create_directory(struct wx_thread *t, void *ctx,
				  uint64_t *args)
{
	struct wx_path p;
	struct wx_fdref ref;
	int ret;

	ret = wx_path_begin(ctx, wx_arg32(args, 0),
			    WX_RIGHT_PATH_CREATE_DIRECTORY, wx_arg32(args, 1),
			    wx_arg32(args, 2), false, &ref, &p);
	if (ret != 0)
		goto fail;
	ret = wx_path_check_trailing(&p);
	if (ret == 0 && mkdirat(p.dirfd, p.name, 0777) != 0)
		ret = wx_wasi_errno(errno);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
