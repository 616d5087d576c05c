/*
 * path_link.c - path_link(old_dirfd, old_lookupflags, old_path, old_len,
 * new_dirfd, new_path, new_len) -> errno (wasix-abi.md 2a): linkat with
 * both paths resolved beneath their directories.  Needs PATH_LINK_SOURCE
 * on old_dirfd and PATH_LINK_TARGET on new_dirfd.  With SYMLINK_FOLLOW the
 * link's target is linked, else the symlink itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_path_link(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_path op = { .dirfd = -1 }, np = { .dirfd = -1 };
	struct wx_fdref oref = { 0 }, nref = { 0 };
	struct stat st;
	int ret;

	ret = wx_path_begin(ctx, wx_arg32(args, 0), WX_RIGHT_PATH_LINK_SOURCE,
			    wx_arg32(args, 2), wx_arg32(args, 3),
			    wx_arg32(args, 1) & WX_LOOKUP_SYMLINK_FOLLOW,
			    &oref, &op);
	if (ret != 0)
		goto fail;
	ret = wx_path_begin(ctx, wx_arg32(args, 4), WX_RIGHT_PATH_LINK_TARGET,
			    wx_arg32(args, 5), wx_arg32(args, 6), false, &nref,
			    &np);
	if (ret != 0)
		goto fail;
	if (op.trailing_slash || np.trailing_slash) {
		/* Only a directory could match "x/", and directories
		 * cannot be hard-linked.  A new name "x/" that does not
		 * exist is ENOENT (what Linux and the wasi-testsuite say),
		 * one that exists EEXIST. */
		if (fstatat(op.dirfd, op.name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			ret = wx_wasi_errno(errno);
		else if (S_ISDIR(st.st_mode))
			ret = WX_WASI_EPERM;
		else if (op.trailing_slash)
			ret = WX_WASI_ENOTDIR;
		else
			ret = fstatat(np.dirfd, np.name, &st,
				      AT_SYMLINK_NOFOLLOW) == 0
				      ? WX_WASI_EEXIST
				      : WX_WASI_ENOENT;
		goto fail;
	}
	if (linkat(op.dirfd, op.name, np.dirfd, np.name, 0) != 0)
		ret = wx_wasi_errno(errno);
fail:
	wx_path_fini(&op);
	wx_path_fini(&np);
	wx_fdref_release(&oref);
	wx_fdref_release(&nref);
	return wx_wasi_result(args, ret);
}
