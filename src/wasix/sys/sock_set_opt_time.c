/*
 * sock_set_opt_time.c - sock_set_opt_time(fd, sockopt, option_timestamp
 * ptr) -> errno (wasix-abi.md 2b, 4.3: tag u8 @0, 1 = SOME; ns u64 @8):
 * RECV_TIMEOUT and SEND_TIMEOUT (SO_RCVTIMEO/SO_SNDTIMEO; NONE or 0 is no
 * timeout), LINGER (SO_LINGER, whole seconds; NONE turns it off), and
 * WASIX's CONNECT_TIMEOUT and ACCEPT_TIMEOUT, kept with the socket and
 * honoured by blocking connect and accept.
 */
#include <errno.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "../net.h"

int wx_wasix_sock_set_opt_time(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t opt = wx_arg32(args, 1);
	const uint8_t *b = wx_wasi_mem(p->wasi, wx_arg32(args, 2), 16);
	struct wx_fdref ref;
	struct wx_sock *s;
	struct timeval tv;
	struct linger lg;
	uint64_t ns;
	bool some;
	int ret, hfd, r = 0;

	if (b == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	if (b[0] > 1)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	some = b[0] == 1;
	ns = some ? wx_get64(b + 8) : 0;
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	hfd = ref.obj->host_fd;
	switch (opt) {
	case WX_SO_RECV_TIMEOUT:
	case WX_SO_SEND_TIMEOUT:
		tv.tv_sec = (time_t)(ns / 1000000000u);
		tv.tv_usec = (suseconds_t)(ns % 1000000000u / 1000u);
		if (ns != 0 && tv.tv_sec == 0 && tv.tv_usec == 0)
			tv.tv_usec = 1; /* under 1 us: not "no timeout" */
		r = setsockopt(hfd, SOL_SOCKET,
			       opt == WX_SO_RECV_TIMEOUT ? SO_RCVTIMEO
							 : SO_SNDTIMEO,
			       &tv, sizeof(tv));
		break;
	case WX_SO_LINGER:
		lg.l_onoff = some;
		lg.l_linger = (int)(ns / 1000000000u);
		r = setsockopt(hfd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		break;
	case WX_SO_CONNECT_TIMEOUT:
	case WX_SO_ACCEPT_TIMEOUT:
		s = wx_net_sock_ext(ref.obj);
		if (s == NULL) {
			ret = WX_WASI_ENOMEM;
			break;
		}
		pthread_mutex_lock(&ref.obj->lock);
		if (opt == WX_SO_CONNECT_TIMEOUT)
			s->connect_timeout_ns = ns;
		else
			s->accept_timeout_ns = ns;
		pthread_mutex_unlock(&ref.obj->lock);
		break;
	default:
		ret = WX_WASI_ENOPROTOOPT;
	}
	if (r != 0)
		ret = wx_wasi_errno(errno);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
