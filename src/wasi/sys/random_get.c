/*
 * random_get.c - random_get(buf, buf_len) -> errno (wasix-abi.md 2a).
 * Fills the guest buffer from getrandom(2) directly (after the bounds
 * check), in chunks because getrandom returns at most 32 MiB per call.
 */
#include <errno.h>
#include <sys/random.h>

#include "../internal.h"

int wx_wasi_random_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint32_t len = wx_arg32(args, 1);
	uint8_t *p = wx_wasi_mem(ctx, wx_arg32(args, 0), len);
	size_t done = 0;
	ssize_t n;

	if (p == NULL)
		return wx_wasi_result(args, WX_WASI_EFAULT);
	while (done < len) {
		n = getrandom(p + done, len - done, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return wx_wasi_result(args, wx_wasi_errno(errno));
		}
		done += (size_t)n;
	}
	return wx_wasi_result(args, 0);
}
