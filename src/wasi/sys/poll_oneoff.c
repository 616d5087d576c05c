/*
 * poll_oneoff.c - poll_oneoff(in, out, nsubscriptions, ret_nevents) ->
 * errno (wasix-abi.md 2a).
 *
 * Waits until at least one subscription fires: a clock reaching its
 * timeout (relative, or absolute with SUBSCRIPTION_CLOCK_ABSTIME) or an fd
 * becoming readable/writable.  All fd subscriptions go to one ppoll(2),
 * whose timeout is the earliest clock deadline; every subscription that
 * is ready when it returns produces an event (32 bytes each: userdata @0,
 * error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24 (HANGUP)).
 * A subscription that is invalid by itself (a bad fd, an unknown clock)
 * fires at once with its error in the event, as wasmtime does; errors of
 * the call (nsubscriptions 0, bad pointers) are the function's result.
 *
 * Layouts: preview1 subscriptions are 48 bytes; wasi_unstable's are 56
 * because their clock arm starts with an extra u64 identifier.
 *
 * Memory: at most WX_POLL_MAX subscriptions (EINVAL beyond), so the
 * host-side arrays are bounded whatever the guest asks.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../internal.h"

#define WX_POLL_MAX 4096u

struct wx_sub {
	uint64_t userdata;
	uint8_t type;
	uint16_t error;     /* set: fires at once with this error */
	bool ready;
	/* clock */
	uint64_t deadline;  /* CLOCK_MONOTONIC ns */
	/* fd */
	struct wx_fdref ref;
	int pollidx;
	uint16_t flags;     /* HANGUP */
	uint64_t nbytes;
};

static uint64_t wx_now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Parse one clock arm into s->deadline (monotonic) or s->error. */
static void wx_sub_clock(struct wx_sub *s, uint32_t id, uint64_t timeout,
			 uint16_t flags)
{
	uint64_t now_mono = wx_now(CLOCK_MONOTONIC), now;

	if (flags & ~(uint16_t)WX_SUBCLOCK_ABSTIME) {
		s->error = WX_WASI_EINVAL;
		return;
	}
	switch (id) {
	case WX_CLOCK_REALTIME:
		now = wx_now(CLOCK_REALTIME);
		break;
	case WX_CLOCK_MONOTONIC:
		now = now_mono;
		break;
	case WX_CLOCK_PROCESS_CPUTIME:
	case WX_CLOCK_THREAD_CPUTIME:
		/* CPU-time clocks cannot be waited for (wasmtime: same). */
		s->error = WX_WASI_ENOTSUP;
		return;
	default:
		s->error = WX_WASI_EINVAL;
		return;
	}
	if (flags & WX_SUBCLOCK_ABSTIME)
		timeout = timeout > now ? timeout - now : 0;
	s->deadline = timeout > UINT64_MAX - now_mono ? UINT64_MAX
						       : now_mono + timeout;
}

static int wx_poll_oneoff(struct wx_wasi *w, uint64_t *args, bool old)
{
	uint32_t in = wx_arg32(args, 0), out = wx_arg32(args, 1);
	uint32_t nsubs = wx_arg32(args, 2), i, nev = 0;
	size_t subsize = old ? WX_SUBSCRIPTION0_SIZE : WX_SUBSCRIPTION_SIZE;
	struct wx_sub *subs = NULL;
	struct pollfd *pfds = NULL;
	const uint8_t *src;
	uint8_t *dst;
	int npoll = 0, ret = 0, n, avail;
	uint64_t deadline, now;
	struct timespec ts;
	bool any;

	if (nsubs == 0)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	src = wx_wasi_mem(w, in, (uint64_t)nsubs * subsize);
	if (src == NULL ||
	    wx_wasi_mem(w, out, (uint64_t)nsubs * WX_EVENT_SIZE) == NULL ||
	    wx_wasi_mem(w, wx_arg32(args, 3), 4) == NULL)
		return wx_wasi_result(args, WX_WASI_EFAULT);
	if (nsubs > WX_POLL_MAX)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	subs = calloc(nsubs, sizeof(*subs));
	pfds = calloc(nsubs, sizeof(*pfds));
	if (subs == NULL || pfds == NULL) {
		ret = WX_WASI_ENOMEM;
		goto fail;
	}
	for (i = 0; i < nsubs; i++) {
		const uint8_t *p = src + (size_t)i * subsize;
		struct wx_sub *s = &subs[i];
		s->userdata = wx_get64(p);
		s->type = p[8];
		s->pollidx = -1;
		s->deadline = UINT64_MAX;
		switch (s->type) {
		case WX_EVENTTYPE_CLOCK:
			if (old)
				wx_sub_clock(s, wx_get32(p + 24),
					     wx_get64(p + 32),
					     wx_get16(p + 48));
			else
				wx_sub_clock(s, wx_get32(p + 16),
					     wx_get64(p + 24),
					     wx_get16(p + 40));
			break;
		case WX_EVENTTYPE_FD_READ:
		case WX_EVENTTYPE_FD_WRITE:
			s->error = (uint16_t)wx_fdtable_get(&w->fds,
				wx_get32(p + 16), WX_RIGHT_POLL_FD_READWRITE,
				&s->ref);
			if (s->error != 0)
				break;
			s->pollidx = npoll;
			pfds[npoll].fd = s->ref.obj->host_fd;
			pfds[npoll].events = s->type == WX_EVENTTYPE_FD_READ
						     ? POLLIN
						     : POLLOUT;
			npoll++;
			break;
		default:
			ret = WX_WASI_EINVAL;
			goto fail;
		}
	}
	for (;;) {
		deadline = UINT64_MAX;
		any = false;
		for (i = 0; i < nsubs; i++) {
			if (subs[i].error != 0)
				any = true;
			if (subs[i].deadline < deadline)
				deadline = subs[i].deadline;
		}
		now = wx_now(CLOCK_MONOTONIC);
		if (any || deadline <= now) {
			ts.tv_sec = 0;
			ts.tv_nsec = 0;
		} else if (deadline != UINT64_MAX) {
			ts.tv_sec = (time_t)((deadline - now) / 1000000000u);
			ts.tv_nsec = (long)((deadline - now) % 1000000000u);
		}
		n = ppoll(pfds, (nfds_t)npoll,
			  deadline == UINT64_MAX && !any ? NULL : &ts, NULL);
		if (n < 0) {
			if (errno == EINTR && !wx_interrupt_pending())
				continue;
			ret = wx_wasi_errno(errno);
			goto fail;
		}
		now = wx_now(CLOCK_MONOTONIC);
		for (i = 0; i < nsubs; i++) {
			struct wx_sub *s = &subs[i];
			if (s->error != 0) {
				s->ready = true;
			} else if (s->type == WX_EVENTTYPE_CLOCK) {
				s->ready = s->deadline <= now;
			} else {
				short re = pfds[s->pollidx].revents;
				if (re & POLLNVAL) {
					s->error = WX_WASI_EBADF;
					s->ready = true;
					continue;
				}
				if (re & POLLHUP)
					s->flags = WX_EVENTRW_HANGUP;
				if (re & (POLLERR | POLLHUP | POLLIN | POLLOUT))
					s->ready = true;
			}
		}
		for (i = 0; i < nsubs && !subs[i].ready; i++)
			;
		if (i < nsubs)
			break;
	}
	dst = wx_wasi_mem(w, out, (uint64_t)nsubs * WX_EVENT_SIZE);
	if (dst == NULL) {
		ret = WX_WASI_EFAULT;
		goto fail;
	}
	for (i = 0; i < nsubs; i++) {
		struct wx_sub *s = &subs[i];
		uint8_t *e = dst + (size_t)nev * WX_EVENT_SIZE;
		if (!s->ready)
			continue;
		if (s->type == WX_EVENTTYPE_FD_READ && s->error == 0) {
			struct stat st;
			off_t pos;
			/* Bytes available: the rest of a regular file, else
			 * what FIONREAD says. */
			if (fstat(s->ref.obj->host_fd, &st) == 0 &&
			    S_ISREG(st.st_mode)) {
				pos = lseek(s->ref.obj->host_fd, 0, SEEK_CUR);
				if (pos >= 0 && st.st_size > pos)
					s->nbytes = (uint64_t)(st.st_size - pos);
			} else if (ioctl(s->ref.obj->host_fd, FIONREAD,
					 &avail) == 0 && avail > 0) {
				s->nbytes = (uint64_t)avail;
			}
		}
		memset(e, 0, WX_EVENT_SIZE);
		wx_put64(e, s->userdata);
		wx_put16(e + 8, s->error);
		wx_put8(e + 10, s->type);
		if (s->type != WX_EVENTTYPE_CLOCK) {
			wx_put64(e + 16, s->nbytes);
			wx_put16(e + 24, s->flags);
		}
		nev++;
	}
	ret = wx_wasi_put32(w, wx_arg32(args, 3), nev);
fail:
	if (subs != NULL)
		for (i = 0; i < nsubs; i++)
			wx_fdref_release(&subs[i].ref);
	free(subs);
	free(pfds);
	return wx_wasi_result(args, ret);
}

int wx_wasi_poll_oneoff(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_poll_oneoff(ctx, args, false);
}

int wx_wasi_unstable_poll_oneoff(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	return wx_poll_oneoff(ctx, args, true);
}
