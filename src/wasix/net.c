/*
 * net.c - what the socket syscalls share: socket lookup and creation,
 * guest <-> host addresses (addr_port_t, wasix-abi.md 4.4), AF_UNIX paths
 * beneath the preopens, and an interruptible wait on a host socket.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "net.h"

int wx_net_sock_get(struct wx_proc *p, uint32_t fd, struct wx_fdref *ref)
{
	int ret = wx_fdtable_get(&p->wasi->fds, fd, 0, ref);

	if (ret != 0)
		return ret;
	switch (ref->obj->filetype) {
	case WX_FILETYPE_SOCKET_STREAM:
	case WX_FILETYPE_SOCKET_DGRAM:
	case WX_FILETYPE_SOCKET_RAW:
	case WX_FILETYPE_SOCKET_SEQPACKET:
		return 0;
	}
	wx_fdref_release(ref);
	return WX_WASI_ENOTSOCK;
}

bool wx_net_host_domain(uint32_t af, int *out)
{
	switch (af) {
	case WX_AF_INET4: *out = AF_INET; return true;
	case WX_AF_INET6: *out = AF_INET6; return true;
	case WX_AF_UNIX: *out = AF_UNIX; return true;
	}
	return false;
}

bool wx_net_host_type(uint32_t type, int *out)
{
	switch (type) {
	case WX_SOCK_STREAM: *out = SOCK_STREAM; return true;
	case WX_SOCK_DGRAM: *out = SOCK_DGRAM; return true;
	case WX_SOCK_RAW: *out = SOCK_RAW; return true;
	case WX_SOCK_SEQPACKET: *out = SOCK_SEQPACKET; return true;
	}
	return false;
}

int wx_net_host_socket(uint32_t af, uint32_t type, uint32_t proto, int *dom,
		       int *htype, int *hproto)
{
	if (!wx_net_host_domain(af, dom))
		return WX_WASI_EAFNOSUPPORT;
	if (!wx_net_host_type(type, htype))
		return WX_WASI_EINVAL;
	if (proto > 255)
		return WX_WASI_EPROTONOSUPPORT;
	if (*dom == AF_UNIX && (proto == IPPROTO_TCP || proto == IPPROTO_UDP))
		proto = 0;
	*hproto = (int)proto;
	return 0;
}

static void wx_sock_free(void *ext)
{
	struct wx_sock *s = ext;

	if (s == NULL)
		return;
	free(s->unix_local);
	free(s->unix_peer);
	free(s);
}

struct wx_sock *wx_net_sock_ext(struct wx_fdobj *o)
{
	struct wx_sock *s;

	pthread_mutex_lock(&o->lock);
	s = o->ext;
	if (s == NULL) {
		s = calloc(1, sizeof(*s));
		if (s != NULL) {
			o->ext = s;
			o->ext_free = wx_sock_free;
		}
	}
	pthread_mutex_unlock(&o->lock);
	return s;
}

/* The WASIX file type of a host socket. */
static uint8_t wx_sock_filetype(int hfd)
{
	int type = 0;
	socklen_t len = sizeof(type);

	if (getsockopt(hfd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
		return WX_FILETYPE_SOCKET_STREAM;
	switch (type) {
	case SOCK_DGRAM:
		return WX_FILETYPE_SOCKET_DGRAM;
	case SOCK_RAW:
		return WX_FILETYPE_SOCKET_RAW;
	case SOCK_SEQPACKET:
		return WX_FILETYPE_SOCKET_SEQPACKET;
	}
	return WX_FILETYPE_SOCKET_STREAM;
}

int wx_net_sock_insert(struct wx_proc *p, int hfd, uint32_t *fdp)
{
	struct wx_fdobj *o = wx_fdobj_create(hfd, wx_sock_filetype(hfd), false);

	if (o == NULL) {
		close(hfd);
		return WX_WASI_ENOMEM;
	}
	return wx_fdtable_insert(&p->wasi->fds, o, WX_RIGHTS_STREAM, 0, 0,
				 false, fdp);
}

/* Map the guest AF_UNIX path a->guest_path to a host sockaddr_un. */
static int wx_net_unix_map(struct wx_proc *p, bool follow,
			   struct wx_netaddr *a)
{
	struct sockaddr_un *un = (struct sockaddr_un *)&a->ss;
	struct wx_path rp;
	char *abs;
	int ret, n;

	if (a->guest_path[0] == '\0')
		return WX_WASI_EINVAL; /* abstract names have no guest path */
	abs = wx_proc_abspath(p, a->guest_path);
	if (abs == NULL)
		return WX_WASI_ENOMEM;
	ret = wx_proc_resolve_guest(p, abs, follow, &rp);
	free(abs);
	if (ret != 0)
		return ret;
	if (strcmp(rp.name, ".") == 0) {
		wx_path_fini(&rp);
		return WX_WASI_EISDIR;
	}
	un->sun_family = AF_UNIX;
	n = snprintf(un->sun_path, sizeof(un->sun_path), "/proc/self/fd/%d/%s",
		     rp.dirfd, rp.name);
	if (n < 0 || (size_t)n >= sizeof(un->sun_path)) {
		wx_path_fini(&rp);
		return WX_WASI_ENAMETOOLONG;
	}
	a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	a->dirfd = rp.dirfd;
	rp.dirfd = -1;
	wx_path_fini(&rp);
	return 0;
}

int wx_net_addr_read(struct wx_proc *p, uint32_t ptr, bool follow,
		     struct wx_netaddr *a)
{
	const uint8_t *b = wx_wasi_mem(p->wasi, ptr, WX_ADDR_PORT_SIZE);
	struct sockaddr_in *in4 = (struct sockaddr_in *)&a->ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a->ss;

	memset(a, 0, sizeof(*a));
	a->dirfd = -1;
	if (b == NULL)
		return WX_WASI_EMEMVIOLATION;
	switch (b[0]) {
	case WX_AF_INET4:
		in4->sin_family = AF_INET;
		in4->sin_port = htons(wx_get16(b + 2));
		memcpy(&in4->sin_addr, b + 4, 4);
		a->len = sizeof(*in4);
		return 0;
	case WX_AF_INET6:
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(wx_get16(b + 2));
		memcpy(&in6->sin6_addr, b + 4, 16);
		in6->sin6_flowinfo = (uint32_t)wx_get16(b + 20) << 16 |
				     wx_get16(b + 22);
		in6->sin6_scope_id = (uint32_t)wx_get16(b + 24) << 16 |
				     wx_get16(b + 26);
		a->len = sizeof(*in6);
		return 0;
	case WX_AF_UNIX:
		if (memchr(b + 2, '\0', WX_UNIX_PATH_MAX) == NULL)
			return WX_WASI_ENAMETOOLONG;
		memcpy(a->guest_path, b + 2, WX_UNIX_PATH_MAX);
		return wx_net_unix_map(p, follow, a);
	}
	return WX_WASI_EAFNOSUPPORT;
}

void wx_net_addr_fini(struct wx_netaddr *a)
{
	if (a->dirfd >= 0)
		close(a->dirfd);
	a->dirfd = -1;
}

int wx_net_addr_write(struct wx_proc *p, uint32_t ptr,
		      const struct sockaddr *sa, socklen_t len,
		      const char *unix_path)
{
	uint8_t b[WX_ADDR_PORT_SIZE];
	const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

	memset(b, 0, sizeof(b));
	if (len >= sizeof(sa_family_t)) {
		switch (sa->sa_family) {
		case AF_INET:
			b[0] = WX_AF_INET4;
			wx_put16(b + 2, ntohs(in4->sin_port));
			memcpy(b + 4, &in4->sin_addr, 4);
			break;
		case AF_INET6:
			b[0] = WX_AF_INET6;
			wx_put16(b + 2, ntohs(in6->sin6_port));
			memcpy(b + 4, &in6->sin6_addr, 16);
			wx_put16(b + 20, (uint16_t)(in6->sin6_flowinfo >> 16));
			wx_put16(b + 22, (uint16_t)in6->sin6_flowinfo);
			wx_put16(b + 24, (uint16_t)(in6->sin6_scope_id >> 16));
			wx_put16(b + 26, (uint16_t)in6->sin6_scope_id);
			break;
		case AF_UNIX:
			b[0] = WX_AF_UNIX;
			if (unix_path != NULL)
				strncpy((char *)b + 2, unix_path,
					WX_UNIX_PATH_MAX - 1);
			break;
		}
	}
	return wx_wasi_copyout(p->wasi, ptr, b, sizeof(b)) == 0
		       ? 0
		       : WX_WASI_EMEMVIOLATION;
}

static uint64_t wx_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int wx_net_wait(int hfd, short events, uint64_t timeout_ns)
{
	uint64_t deadline = timeout_ns == UINT64_MAX ? UINT64_MAX
			    : wx_mono_ns() + timeout_ns, now;
	struct pollfd pf = { .fd = hfd, .events = events };
	struct timespec ts;
	int n;

	for (;;) {
		if (deadline != UINT64_MAX) {
			now = wx_mono_ns();
			if (now >= deadline)
				return WX_WASI_ETIMEDOUT;
			ts.tv_sec = (time_t)((deadline - now) / 1000000000u);
			ts.tv_nsec = (long)((deadline - now) % 1000000000u);
		}
		n = ppoll(&pf, 1, deadline == UINT64_MAX ? NULL : &ts, NULL);
		if (n > 0)
			return 0;
		if (n < 0 && errno == EINTR) {
			if (wx_interrupt_pending())
				return WX_WASI_EINTR;
			continue;
		}
		if (n < 0)
			return wx_wasi_errno(errno);
	}
}

bool wx_net_opt_flag(uint32_t opt, int family, int *level, int *name)
{
	(void)family;
	switch (opt) {
	case WX_SO_REUSE_PORT: *level = SOL_SOCKET; *name = SO_REUSEPORT; break;
	case WX_SO_REUSE_ADDR: *level = SOL_SOCKET; *name = SO_REUSEADDR; break;
	case WX_SO_NO_DELAY: *level = IPPROTO_TCP; *name = TCP_NODELAY; break;
	case WX_SO_DONT_ROUTE: *level = SOL_SOCKET; *name = SO_DONTROUTE; break;
	case WX_SO_ONLY_V6: *level = IPPROTO_IPV6; *name = IPV6_V6ONLY; break;
	case WX_SO_BROADCAST: *level = SOL_SOCKET; *name = SO_BROADCAST; break;
	case WX_SO_MULTICAST_LOOP_V4:
		*level = IPPROTO_IP;
		*name = IP_MULTICAST_LOOP;
		break;
	case WX_SO_MULTICAST_LOOP_V6:
		*level = IPPROTO_IPV6;
		*name = IPV6_MULTICAST_LOOP;
		break;
	case WX_SO_LISTENING: *level = SOL_SOCKET; *name = SO_ACCEPTCONN; break;
	case WX_SO_KEEP_ALIVE: *level = SOL_SOCKET; *name = SO_KEEPALIVE; break;
	case WX_SO_OOB_INLINE: *level = SOL_SOCKET; *name = SO_OOBINLINE; break;
	default:
		return false;
	}
	return true;
}

bool wx_net_opt_size(uint32_t opt, int family, int *level, int *name)
{
	bool v6 = family == AF_INET6;

	switch (opt) {
	case WX_SO_LAST_ERROR: *level = SOL_SOCKET; *name = SO_ERROR; break;
	case WX_SO_RECV_BUF_SIZE: *level = SOL_SOCKET; *name = SO_RCVBUF; break;
	case WX_SO_SEND_BUF_SIZE: *level = SOL_SOCKET; *name = SO_SNDBUF; break;
	case WX_SO_RECV_LOWAT: *level = SOL_SOCKET; *name = SO_RCVLOWAT; break;
	case WX_SO_SEND_LOWAT: *level = SOL_SOCKET; *name = SO_SNDLOWAT; break;
	case WX_SO_TTL:
		*level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
		*name = v6 ? IPV6_UNICAST_HOPS : IP_TTL;
		break;
	case WX_SO_MULTICAST_TTL_V4:
		*level = IPPROTO_IP;
		*name = IP_MULTICAST_TTL;
		break;
	case WX_SO_TYPE: *level = SOL_SOCKET; *name = SO_TYPE; break;
	case WX_SO_PROTO: *level = SOL_SOCKET; *name = SO_PROTOCOL; break;
	default:
		return false;
	}
	return true;
}

int wx_net_family(int hfd)
{
	int dom = 0;
	socklen_t len = sizeof(dom);

	if (getsockopt(hfd, SOL_SOCKET, SO_DOMAIN, &dom, &len) != 0)
		return AF_UNSPEC;
	return dom;
}

int wx_net_multicast(struct wx_proc *p, uint64_t *args, bool v6, bool join)
{
	struct wx_fdref ref;
	int ret, r;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (!v6) {
		const uint8_t *g = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 4);
		const uint8_t *i = wx_wasi_mem(p->wasi, wx_arg32(args, 2), 4);
		struct sockaddr_in sa = { .sin_family = AF_INET };
		struct ip_mreq mr;
		if (g == NULL || i == NULL) {
			ret = WX_WASI_EMEMVIOLATION;
			goto out;
		}
		memcpy(&mr.imr_multiaddr, g, 4);
		memcpy(&mr.imr_interface, i, 4);
		sa.sin_addr = mr.imr_multiaddr;
		ret = join ? wx_netpolicy_check(WX_NET_LISTEN,
						(struct sockaddr *)&sa)
			   : 0;
		if (ret != 0)
			goto out;
		r = setsockopt(ref.obj->host_fd, IPPROTO_IP,
			       join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP,
			       &mr, sizeof(mr));
	} else {
		const uint8_t *g = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 16);
		struct sockaddr_in6 sa = { .sin6_family = AF_INET6 };
		struct ipv6_mreq mr;
		if (g == NULL) {
			ret = WX_WASI_EMEMVIOLATION;
			goto out;
		}
		memcpy(&mr.ipv6mr_multiaddr, g, 16);
		mr.ipv6mr_interface = wx_arg32(args, 2);
		sa.sin6_addr = mr.ipv6mr_multiaddr;
		ret = join ? wx_netpolicy_check(WX_NET_LISTEN,
						(struct sockaddr *)&sa)
			   : 0;
		if (ret != 0)
			goto out;
		r = setsockopt(ref.obj->host_fd, IPPROTO_IPV6,
			       join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP, &mr,
			       sizeof(mr));
	}
	if (r != 0)
		ret = wx_wasi_errno(errno);
out:
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}

int wx_net_sock_name(struct wx_proc *p, uint64_t *args, bool peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct wx_fdref ref;
	struct wx_sock *s;
	char path[WX_UNIX_PATH_MAX] = "";
	int ret, r;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	r = peer ? getpeername(ref.obj->host_fd, (struct sockaddr *)&ss, &len)
		 : getsockname(ref.obj->host_fd, (struct sockaddr *)&ss, &len);
	if (r != 0) {
		ret = wx_wasi_errno(errno);
	} else {
		const char *name = NULL;
		s = ss.ss_family == AF_UNIX ? wx_net_sock_ext(ref.obj) : NULL;
		pthread_mutex_lock(&ref.obj->lock);
		if (s != NULL)
			name = peer ? s->unix_peer : s->unix_local;
		if (name != NULL)
			snprintf(path, sizeof(path), "%s", name);
		pthread_mutex_unlock(&ref.obj->lock);
		ret = wx_net_addr_write(p, wx_arg32(args, 1),
					(struct sockaddr *)&ss, len, path);
	}
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
