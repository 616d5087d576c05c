/*
 * fd_advise.c - fd_advise(fd, offset:i64, len:i64, advice) -> errno
 * (wasix-abi.md 2a): posix_fadvise.  Advice 0-5 = NORMAL, SEQUENTIAL,
 * RANDOM, WILLNEED, DONTNEED, NOREUSE; others EINVAL.
 */
#include <errno.h>
#include <fcntl.h>

#include "../internal.h"

int wx_wasi_fd_advise(struct wx_thread *t, void *ctx, uint64_t *args)
{
	static const int advice[] = { POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL,
				      POSIX_FADV_RANDOM, POSIX_FADV_WILLNEED,
				      POSIX_FADV_DONTNEED,
				      POSIX_FADV_NOREUSE };
	struct wx_wasi *w = ctx;
	uint64_t off = wx_arg64(args, 1), len = wx_arg64(args, 2);
	uint32_t adv = wx_arg32(args, 3);
	struct wx_fdref ref;
	int ret, e;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), WX_RIGHT_FD_ADVISE,
			     &ref);
	if (ret != 0)
		goto fail;
	if (adv >= WX_ARRAY_LEN(advice) || off > INT64_MAX || len > INT64_MAX) {
		ret = WX_WASI_EINVAL;
	} else if (ref.obj->filetype == WX_FILETYPE_DIRECTORY) {
		ret = WX_WASI_EBADF;
	} else {
		e = posix_fadvise(ref.obj->host_fd, (off_t)off, (off_t)len,
				  advice[adv]);
		/* Advice is only a hint: pipes and ttys ignore it. */
		if (e == ESPIPE)
			e = 0;
		ret = wx_wasi_errno(e);
	}
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
