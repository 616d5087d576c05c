/*
 * path_filestat_get.c - path_filestat_get(dirfd, lookupflags, path,
 * path_len, ret_filestat) -> errno (wasix-abi.md 2a): fstatat beneath
 * dirfd, following a final symlink only with SYMLINK_FOLLOW.  Needs
 * PATH_FILESTAT_GET.  wasi_unstable writes the 56-byte snapshot0 layout.
 */
#include <errno.h>
#include <fcntl.h>

#include "../internal.h"

static int wx_path_filestat_get(struct wx_wasi *w, uint64_t *args, bool old)
{
	uint8_t b[WX_FILESTAT_SIZE];
	struct wx_path p;
	struct wx_fdref ref;
	struct stat st;
	int ret;

	ret = wx_path_begin(w, wx_arg32(args, 0), WX_RIGHT_PATH_FILESTAT_GET,
			    wx_arg32(args, 2), wx_arg32(args, 3),
			    wx_arg32(args, 1) & WX_LOOKUP_SYMLINK_FOLLOW, &ref,
			    &p);
	if (ret != 0)
		goto fail;
	if (p.vdir != NULL)
		wx_vroot_stat(p.vdir, &st);
	else if (p.devdir != NULL)
		ret = wx_devfs_stat(w, p.name, &st);
	else if (fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		ret = wx_wasi_errno(errno);
	if (ret == 0 && p.trailing_slash && !S_ISDIR(st.st_mode))
		ret = WX_WASI_ENOTDIR;
	wx_path_fini(&p);
	wx_fdref_release(&ref);
	if (ret == 0)
		ret = wx_wasi_copyout(w, wx_arg32(args, 4), b,
				      wx_wasi_filestat_encode(b, &st, old));
fail:
	return wx_wasi_result(args, ret);
}

int wx_wasi_path_filestat_get(struct wx_thread *t, void *ctx,
			      uint64_t *args)
{
	return wx_path_filestat_get(ctx, args, false);
}

int wx_wasi_unstable_path_filestat_get(struct wx_thread *t, void *ctx,
				       uint64_t *args)
{
	return wx_path_filestat_get(ctx, args, true);
}
