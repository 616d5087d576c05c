/*
 * fd_seek.c - fd_seek(fd, offset:i64, whence, ret_newoffset) -> errno
 * (wasix-abi.md 2a): lseek.  preview1 whence: SET 0, CUR 1, END 2;
 * wasi_unstable: CUR 0, END 1, SET 2.  Needs FD_SEEK, or only FD_TELL
 * for the pure query (offset 0 from CUR).  Pipes: ESPIPE.
 */
#include <errno.h>
#include <unistd.h>

#include "../internal.h"

static int wx_fd_seek(struct wx_wasi *w, uint64_t *args, int whence)
{
	int64_t off = (int64_t)wx_arg64(args, 1);
	struct wx_fdref ref;
	uint64_t need;
	off_t pos;
	int ret;

	if (whence < 0)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	need = (off == 0 && whence == SEEK_CUR) ? WX_RIGHT_FD_TELL
						: WX_RIGHT_FD_SEEK;
	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), need, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->filetype == WX_FILETYPE_DIRECTORY) {
		/* Seeking a directory fd would desync fd_readdir. */
		ret = WX_WASI_EBADF;
		goto out;
	}
	pos = lseek(ref.obj->host_fd, (off_t)off, whence);
	if (pos < 0)
		ret = wx_wasi_errno(errno);
	else
		ret = wx_wasi_put64(w, wx_arg32(args, 3), (uint64_t)pos);
out:
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}

int wx_wasi_fd_seek(struct wx_thread *t, void *ctx, uint64_t *args)
{
	static const int map[] = { SEEK_SET, SEEK_CUR, SEEK_END };
	uint32_t wh = wx_arg32(args, 2);

	return wx_fd_seek(ctx, args, wh < 3 ? map[wh] : -1);
}

int wx_wasi_unstable_fd_seek(struct wx_thread *t, void *ctx, uint64_t *args)
{
	static const int map[] = { SEEK_CUR, SEEK_END, SEEK_SET };
	uint32_t wh = wx_arg32(args, 2);

	return wx_fd_seek(ctx, args, wh < 3 ? map[wh] : -1);
}
