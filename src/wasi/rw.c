/*
 * rw.c - the data path shared by fd_read, fd_write, fd_pread, fd_pwrite
 * (wasix-abi.md 2a; POSIX readv/writev semantics).
 *
 * Guest iovec arrays are checked completely first (every buffer in range,
 * else EFAULT before any byte moves), then handed to the host in chunks of
 * WX_IOV_CHUNK from a fixed array: no allocation or VLA sized by the guest.
 *
 * Writes loop over short host writes until every byte is written or an
 * error occurs; an error after some progress returns the progress (like
 * POSIX).  Reads stop at the first short read; they continue to the next
 * chunk only when the previous one was filled completely, and only for
 * regular files, where another read cannot block.
 */
#include <errno.h>
#include <unistd.h>

#include "internal.h"

#define WX_IOV_CHUNK 64

int wx_wasi_rw(struct wx_wasi *w, struct wx_fdobj *o, uint32_t iovs,
	       uint32_t n, bool write, bool positioned, uint64_t offset,
	       uint32_t *donep)
{
	struct iovec iov[WX_IOV_CHUNK];
	uint64_t total, done = 0;
	uint32_t first = 0;
	size_t k, idx, chunk;
	ssize_t r;
	int ret;

	*donep = 0;
	ret = wx_wasi_iovs_check(w, iovs, n, &total);
	if (ret != 0)
		return ret;
	/* The result is a u32 and POSIX caps a transfer at SSIZE_MAX. */
	if (total > UINT32_MAX)
		return WX_WASI_EINVAL;
	if (positioned && offset > INT64_MAX - total)
		return WX_WASI_EINVAL;
	while (first < n) {
		k = wx_wasi_iovs_load(w, iovs, n, first, iov, WX_IOV_CHUNK);
		if (k == 0)
			break;
		first += (uint32_t)k;
		chunk = 0;
		for (idx = 0; idx < k; idx++)
			chunk += iov[idx].iov_len;
		idx = 0;
		while (idx < k && (chunk != 0 || !write)) {
			if (write)
				r = positioned ? pwritev(o->host_fd, iov + idx,
							 (int)(k - idx),
							 (off_t)(offset + done))
					       : writev(o->host_fd, iov + idx,
							(int)(k - idx));
			else
				r = positioned ? preadv(o->host_fd, iov + idx,
							(int)(k - idx),
							(off_t)(offset + done))
					       : readv(o->host_fd, iov + idx,
						       (int)(k - idx));
			if (r < 0 && errno == ECONNRESET &&
			    o->filetype == WX_FILETYPE_UNKNOWN) {
				/* A WASIX pipe is a socketpair (fd_pipe.c):
				 * an end closed with data still unread
				 * resets the pair, where a pipe gives its
				 * writer EPIPE (and SIGPIPE) and its reader
				 * end of file. */
				if (write)
					errno = EPIPE;
				else
					r = 0;
			}
			if (r < 0) {
				/* Retry unless a signal for the guest is
				 * pending: then the guest sees EINTR. */
				if (errno == EINTR && !wx_interrupt_pending())
					continue;
				if (errno == EPIPE && write && w->on_epipe)
					w->on_epipe(w->on_epipe_ctx);
				ret = done ? 0 : wx_wasi_errno(errno);
				goto out;
			}
			done += (uint64_t)r;
			if (!write) {
				if ((size_t)r < chunk ||
				    o->filetype != WX_FILETYPE_REGULAR_FILE)
					goto out;
				break;
			}
			if (r == 0)
				goto out; /* no progress possible */
			/* Short write: skip what went out, retry the rest. */
			chunk -= (size_t)r;
			while (idx < k && (size_t)r >= iov[idx].iov_len) {
				r -= (ssize_t)iov[idx].iov_len;
				idx++;
			}
			if (idx < k) {
				iov[idx].iov_base = (uint8_t *)iov[idx].iov_base + r;
				iov[idx].iov_len -= (size_t)r;
			}
		}
	}
out:
	*donep = (uint32_t)done;
	return ret;
}

int wx_wasi_rw_call(struct wx_wasi *w, uint64_t *args, bool write,
		    bool positioned)
{
	struct wx_fdref ref;
	uint32_t done = 0;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0),
			     write ? WX_RIGHT_FD_WRITE : WX_RIGHT_FD_READ, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->filetype == WX_FILETYPE_DIRECTORY)
		ret = WX_WASI_EISDIR;
	else
		ret = wx_wasi_rw(w, ref.obj, wx_arg32(args, 1),
				 wx_arg32(args, 2), write, positioned,
				 positioned ? wx_arg64(args, 3) : 0, &done);
	wx_fdref_release(&ref);
	if (ret == WX_WASI_EINTR && wx_restart_pending())
		return WX_ERESTART; /* nothing done: made again */
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, positioned ? 4 : 3),
				    done);
fail:
	return wx_wasi_result(args, ret);
}
