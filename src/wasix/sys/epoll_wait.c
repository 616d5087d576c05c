/*
 * epoll_wait.c - epoll_wait(epfd, events_ptr, maxevents, timeout_ns u64,
 * ret_nevents) -> errno (wasix-abi.md 2b, 4.5).  The timeout is in
 * nanoseconds (all ones: forever; wasix-libc passes ms x 10^6) and is
 * kept to the nanosecond with epoll_pwait2.  A guest signal interrupts
 * the wait (EINTR); host signals that are not for the guest do not.
 * maxevents <= 0 is EINVAL; at most WX_EPOLL_BATCH events are returned per
 * call (the rest stay ready for the next).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../epoll.h"

#define WX_EPOLL_BATCH 1024

static uint64_t wx_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* epoll_pwait2 (Linux 5.11), falling back to millisecond epoll_wait
 * (rounded up, so a short timeout never becomes a busy poll). */
static int wx_epoll_pwait2(int epfd, struct epoll_event *ev, int max,
			   const struct timespec *ts)
{
#ifdef SYS_epoll_pwait2
	static int missing;
	if (!__atomic_load_n(&missing, __ATOMIC_RELAXED)) {
		long r = syscall(SYS_epoll_pwait2, epfd, ev, max, ts, NULL,
				 (size_t)8);
		if (r >= 0 || errno != ENOSYS)
			return (int)r;
		__atomic_store_n(&missing, 1, __ATOMIC_RELAXED);
	}
#endif
	if (ts == NULL)
		return epoll_wait(epfd, ev, max, -1);
	uint64_t ms = ((uint64_t)ts->tv_sec * 1000000000u +
		       (uint64_t)ts->tv_nsec + 999999u) / 1000000u;
	return epoll_wait(epfd, ev, max, ms > 0x7fffffff ? 0x7fffffff
							 : (int)ms);
}

int wx_wasix_epoll_wait(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t out = wx_arg32(args, 1), ret_n = wx_arg32(args, 4);
	int32_t max = (int32_t)wx_arg32(args, 2);
	uint64_t timeout = wx_arg64(args, 3), deadline = 0, now;
	struct epoll_event hev[64], *hv = hev;
	struct timespec ts;
	struct wx_fdref eref;
	struct wx_epoll *e;
	int ret, n, i;
	size_t k;

	if (max <= 0)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	if (max > WX_EPOLL_BATCH)
		max = WX_EPOLL_BATCH;
	if (wx_wasi_mem(p->wasi, out, (uint64_t)max * WX_EPOLL_EVENT_SIZE) ==
		    NULL ||
	    wx_wasi_mem(p->wasi, ret_n, 4) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_fdtable_get(&p->wasi->fds, wx_arg32(args, 0), 0, &eref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	e = wx_epoll_of(eref.obj);
	if (e == NULL) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	if (max > (int32_t)(sizeof(hev) / sizeof(hev[0]))) {
		hv = calloc((size_t)max, sizeof(*hv));
		if (hv == NULL) {
			ret = WX_WASI_ENOMEM;
			goto out;
		}
	}
	if (timeout != UINT64_MAX) {
		now = wx_now_ns();
		deadline = timeout > UINT64_MAX - now ? UINT64_MAX - 1
						      : now + timeout;
	}
	for (;;) {
		if (timeout != UINT64_MAX) {
			now = wx_now_ns();
			now = deadline > now ? deadline - now : 0;
			ts.tv_sec = (time_t)(now / 1000000000u);
			ts.tv_nsec = (long)(now % 1000000000u);
		}
		n = wx_epoll_pwait2(eref.obj->host_fd, hv, max,
				    timeout == UINT64_MAX ? NULL : &ts);
		if (n >= 0)
			break;
		if (errno == EINTR && !wx_interrupt_pending())
			continue;
		ret = wx_wasi_errno(errno);
		goto out;
	}
	pthread_mutex_lock(&eref.obj->lock);
	for (i = 0; i < n; i++) {
		uint8_t *d = wx_wasi_mem(p->wasi,
					 out + (uint64_t)i * WX_EPOLL_EVENT_SIZE,
					 WX_EPOLL_EVENT_SIZE);
		uint32_t fd = (uint32_t)hv[i].data.u64;
		memset(d, 0, WX_EPOLL_EVENT_SIZE);
		wx_put32(d, wx_epoll_from_host(hv[i].events));
		for (k = 0; k < e->n && e->regs[k].fd != fd; k++)
			;
		if (k < e->n) {
			memcpy(d + 8, e->regs[k].data, WX_EPOLL_DATA_SIZE);
		} else {
			/* Registered by another process sharing this
			 * instance after a fork: its fd is all we know. */
			wx_put32(d + 12, fd);
		}
	}
	pthread_mutex_unlock(&eref.obj->lock);
	ret = wx_proc_put32(p, ret_n, (uint32_t)n);
out:
	if (hv != hev)
		free(hv);
	wx_fdref_release(&eref);
	return wx_wasi_result(args, ret);
}
