/*
 * path_filestat_set_times.c - path_filestat_set_times(dirfd, lookupflags,
 * path, path_len, atim:i64, mtim:i64, fstflags) -> errno (wasix-abi.md
 * 2a): utimensat beneath dirfd (AT_SYMLINK_NOFOLLOW after our own
 * resolution).  Needs PATH_FILESTAT_SET_TIMES.
 */
#include <errno.h>
#include <fcntl.h>

#include "../internal.h"

int wx_wasi_path_filestat_set_times(struct wx_thread *t, void *ctx,
				    uint64_t *args)
{
	struct timespec ts[2];
	struct wx_path p;
	struct wx_fdref ref;
	int ret;

	ret = wx_wasi_times(wx_arg64(args, 4), wx_arg64(args, 5),
			    wx_arg32(args, 6), ts);
	if (ret != 0)
		goto fail;
	ret = wx_path_begin(ctx, wx_arg32(args, 0),
			    WX_RIGHT_PATH_FILESTAT_SET_TIMES, wx_arg32(args, 2),
			    wx_arg32(args, 3),
			    wx_arg32(args, 1) & WX_LOOKUP_SYMLINK_FOLLOW, &ref,
			    &p);
	if (ret != 0)
		goto fail;
	ret = wx_path_check_trailing(&p);
	if (ret == 0 &&
	    utimensat(p.dirfd, p.name, ts, AT_SYMLINK_NOFOLLOW) != 0)
		ret = wx_wasi_errno(errno);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
