/*
 * path_rename.c - path_rename(old_dirfd, old_path, old_len, new_dirfd,
 * new_path, new_len) -> errno (wasix-abi.md 2a): renameat with both paths
 * resolved beneath their directories (final symlinks not followed: the
 * link itself is renamed).  Needs PATH_RENAME_SOURCE on old_dirfd and
 * PATH_RENAME_TARGET on new_dirfd.  A trailing slash on either side
 * requires the source to be a directory (ENOTDIR).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#include "../internal.h"

int wx_wasi_path_rename(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_path op = { .dirfd = -1 }, np = { .dirfd = -1 };
	struct wx_fdref oref = { 0 }, nref = { 0 };
	struct stat st;
	int ret;

	ret = wx_path_begin(ctx, wx_arg32(args, 0),
			    WX_RIGHT_PATH_RENAME_SOURCE, wx_arg32(args, 1),
			    wx_arg32(args, 2), false, &oref, &op);
	if (ret != 0)
		goto fail;
	ret = wx_path_begin(ctx, wx_arg32(args, 3),
			    WX_RIGHT_PATH_RENAME_TARGET, wx_arg32(args, 4),
			    wx_arg32(args, 5), false, &nref, &np);
	if (ret != 0)
		goto fail;
	if ((op.trailing_slash || np.trailing_slash) &&
	    fstatat(op.dirfd, op.name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISDIR(st.st_mode)) {
		ret = WX_WASI_ENOTDIR;
		goto fail;
	}
	if (renameat(op.dirfd, op.name, np.dirfd, np.name) != 0)
		ret = wx_wasi_errno(errno);
fail:
	wx_path_fini(&op);
	wx_path_fini(&np);
	wx_fdref_release(&oref);
	wx_fdref_release(&nref);
	return wx_wasi_result(args, ret);
}
