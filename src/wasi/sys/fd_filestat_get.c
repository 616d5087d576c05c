/*
 * fd_filestat_get.c - fd_filestat_get(fd, ret_filestat) -> errno
 * (wasix-abi.md 2a): fstat.  preview1 writes the 64-byte filestat;
 * wasi_unstable the 56-byte snapshot0 one (nlink is u32 there).
 */
#include <errno.h>

#include "../internal.h"

static int wx_fd_filestat_get(struct wx_wasi *w, uint64_t *args, bool old)
{
	uint8_t b[WX_FILESTAT_SIZE];
	struct wx_fdref ref;
	struct stat st;
	uint8_t type;
	size_t n;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0),
			     WX_RIGHT_FD_FILESTAT_GET, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->vdir != NULL)
		wx_vroot_stat(ref.obj->vdir, &st);
	else if (ref.obj->devfs)
		ret = wx_devfs_stat(w, ".", &st);
	else if (fstat(ref.obj->host_fd, &st) != 0)
		ret = wx_wasi_errno(errno);
	/* Read before the release: the reference may be the last one (a
	 * concurrent close) and `ref.obj` is cleared by the release. */
	type = ref.obj->filetype;
	wx_fdref_release(&ref);
	if (ret != 0)
		goto fail;
	n = wx_wasi_filestat_encode(b, &st, old);
	/* A tty or pipe reports its own type, as fdstat does. */
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		wx_put8(b + 16, type);
	ret = wx_wasi_copyout(w, wx_arg32(args, 1), b, n);
fail:
	return wx_wasi_result(args, ret);
}

int wx_wasi_fd_filestat_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_fd_filestat_get(ctx, args, false);
}

int wx_wasi_unstable_fd_filestat_get(struct wx_thread *t, void *ctx,
				     uint64_t *args)
{
	return wx_fd_filestat_get(ctx, args, true);
}
