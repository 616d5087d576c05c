/*
 * epoll_ctl.c - epoll_ctl(epfd, op, fd, event_ptr) -> errno (wasix-abi.md
 * 2b, 4.5; event_ptr is not read for DEL).
 *
 * DEVIATION: op takes Linux's values, 1 ADD, 2 DEL, 3 MOD, because that
 * is what wasix-libc's epoll_ctl passes (it hands its caller's op on
 * untranslated), not api_wasix.h's 0 ADD, 1 MOD, 2 DEL; 0, which is no
 * Linux op, is taken as ADD too.  The two numberings agree on DEL and
 * clash on 1, where the real libc wins.  The
 * host epoll_ctl does the work and gives Linux's errors (EEXIST, ENOENT,
 * EPERM for a regular file, EINVAL for epfd itself, ELOOP); the guest's
 * data is kept by fd (epoll.h).  An epfd that is not an epoll fd is
 * EINVAL, as on Linux.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>

#include "../epoll.h"

/* Remember (or, with data NULL, forget) the guest data of `fd`.  Called
 * with the object's lock held.  Guest errno. */
static int wx_epoll_set(struct wx_epoll *e, uint32_t fd, const uint8_t *data)
{
	struct wx_epoll_reg *r;
	size_t i;

	for (i = 0; i < e->n && e->regs[i].fd != fd; i++)
		;
	if (data == NULL) {
		if (i < e->n)
			e->regs[i] = e->regs[--e->n];
		return 0;
	}
	if (i == e->n) {
		if (e->n == e->cap) {
			size_t cap = e->cap ? e->cap * 2 : 8;
			r = realloc(e->regs, cap * sizeof(*r));
			if (r == NULL)
				return WX_WASI_ENOMEM;
			e->regs = r;
			e->cap = cap;
		}
		e->n++;
	}
	e->regs[i].fd = fd;
	memcpy(e->regs[i].data, data, WX_EPOLL_DATA_SIZE);
	return 0;
}

int wx_wasix_epoll_ctl(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t op = wx_arg32(args, 1), fd = wx_arg32(args, 2);
	const uint8_t *ev = NULL;
	struct epoll_event hev;
	struct wx_fdref eref, ref;
	struct wx_epoll *e;
	int ret, hop;

	switch (op) {
	case 0:
	case 1: hop = EPOLL_CTL_ADD; break;
	case 2: hop = EPOLL_CTL_DEL; break;
	case 3: hop = EPOLL_CTL_MOD; break;
	default:
		return wx_wasi_result(args, WX_WASI_EINVAL);
	}
	if (hop != EPOLL_CTL_DEL) {
		ev = wx_wasi_mem(p->wasi, wx_arg32(args, 3),
				 WX_EPOLL_EVENT_SIZE);
		if (ev == NULL)
			return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	}
	ret = wx_fdtable_get(&p->wasi->fds, wx_arg32(args, 0), 0, &eref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	ret = wx_fdtable_get(&p->wasi->fds, fd, 0, &ref);
	if (ret != 0) {
		wx_fdref_release(&eref);
		return wx_wasi_result(args, ret);
	}
	e = wx_epoll_of(eref.obj);
	if (e == NULL || eref.obj == ref.obj) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	memset(&hev, 0, sizeof(hev));
	if (ev != NULL)
		hev.events = wx_epoll_to_host(wx_get32(ev));
	hev.data.u64 = fd;
	/* The lock orders the kernel's registration and our record of it
	 * against a concurrent epoll_ctl on the same fd. */
	pthread_mutex_lock(&eref.obj->lock);
	if (epoll_ctl(eref.obj->host_fd, hop, ref.obj->host_fd, &hev) != 0) {
		ret = wx_wasi_errno(errno);
	} else {
		ret = wx_epoll_set(e, fd, ev != NULL ? ev + 8 : NULL);
		if (ret != 0)
			epoll_ctl(eref.obj->host_fd, EPOLL_CTL_DEL,
				  ref.obj->host_fd, &hev);
	}
	pthread_mutex_unlock(&eref.obj->lock);
out:
	wx_fdref_release(&ref);
	wx_fdref_release(&eref);
	return wx_wasi_result(args, ret);
}
