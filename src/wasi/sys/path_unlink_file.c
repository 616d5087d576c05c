/*
 * path_unlink_file.c - path_unlink_file(dirfd, path, path_len) -> errno
 * (wasix-abi.md 2a): unlinkat beneath dirfd; a symlink is removed, not
 * its target.  Needs PATH_UNLINK_FILE.  A directory is EISDIR; "file/"
 * is ENOTDIR.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_path_unlink_file(struct wx_thread *t, void *ctx,
			     uint64_t *args)
{
	struct wx_path p;
	struct wx_fdref ref;
	struct stat st;
	int ret;

	ret = wx_path_begin(ctx, wx_arg32(args, 0), WX_RIGHT_PATH_UNLINK_FILE,
			    wx_arg32(args, 1), wx_arg32(args, 2), false, &ref,
			    &p);
	if (ret != 0)
		goto fail;
	ret = wx_path_check_trailing(&p);
	if (ret == 0 && p.trailing_slash &&
	    fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		ret = WX_WASI_EISDIR;
	if (ret == 0 && unlinkat(p.dirfd, p.name, 0) != 0)
		ret = wx_wasi_errno(errno);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
