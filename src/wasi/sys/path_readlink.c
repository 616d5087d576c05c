/*
 * path_readlink.c - path_readlink(dirfd, path, path_len, buf, buf_len,
 * ret_bufused) -> errno (wasix-abi.md 2a): readlinkat beneath dirfd.
 * Needs PATH_READLINK.  Like POSIX readlink, a short buffer gets a
 * truncated target (bufused == buf_len) and no NUL is written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_path_readlink(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint32_t len = wx_arg32(args, 4);
	struct wx_path p = { .dirfd = -1 };
	struct wx_fdref ref = { 0 };
	char *tmp = NULL;
	ssize_t n;
	int ret;

	if (wx_wasi_mem(ctx, wx_arg32(args, 3), len) == NULL) {
		ret = WX_WASI_EFAULT;
		goto fail;
	}
	ret = wx_path_begin(ctx, wx_arg32(args, 0), WX_RIGHT_PATH_READLINK,
			    wx_arg32(args, 1), wx_arg32(args, 2), false, &ref,
			    &p);
	if (ret != 0)
		goto fail;
	/* A directory of the virtual root, or anything in /dev: no link. */
	if (p.vdir != NULL || p.devdir != NULL) {
		ret = WX_WASI_EINVAL;
		goto fail;
	}
	tmp = malloc(WX_PATH_MAX);
	if (tmp == NULL) {
		ret = WX_WASI_ENOMEM;
		goto fail;
	}
	n = readlinkat(p.dirfd, p.name, tmp, WX_PATH_MAX);
	if (n < 0) {
		ret = wx_wasi_errno(errno);
		goto fail;
	}
	if ((size_t)n > len)
		n = len;
	ret = wx_wasi_copyout(ctx, wx_arg32(args, 3), tmp, (uint64_t)n);
	if (ret == 0)
		ret = wx_wasi_put32(ctx, wx_arg32(args, 5), (uint32_t)n);
fail:
	free(tmp);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
