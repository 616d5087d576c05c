/*
 * net.h - what the WASIX socket, resolve and epoll syscalls share
 * (net.c), and the network policy (netpolicy.c).
 *
 * A WASIX socket is an fd object of file type SOCKET_STREAM or
 * SOCKET_DGRAM over a host socket; its `ext` is a struct wx_sock with
 * what the host socket cannot tell us (the guest path of an AF_UNIX
 * address, WASIX's connect/accept timeouts).  Guest addresses use the
 * addr_port_t layout of wasix-abi.md 4.4 (110 bytes: tag u8 @0; INET4
 * port u16 @2 in host order, address @4; INET6 port @2, 16 bytes @4,
 * flow info @20/@22, scope id @24/@26 as 16-bit halves, high first; UNIX
 * NUL-terminated path @2..109).
 */
#ifndef WX_WASIX_NET_H
#define WX_WASIX_NET_H

#include <sys/socket.h>
#include <sys/un.h>

#include "internal.h"

#define WX_ADDR_PORT_SIZE 110
#define WX_ADDR_IP_SIZE 18
#define WX_UNIX_PATH_MAX 108

/* address_family (u8) and sock_type (u8) of WASIX. */
enum { WX_AF_UNSPEC = 0, WX_AF_INET4 = 1, WX_AF_INET6 = 2, WX_AF_UNIX = 3 };
enum { WX_SOCK_STREAM = 1, WX_SOCK_DGRAM = 2, WX_SOCK_RAW = 3,
       WX_SOCK_SEQPACKET = 4 };

/* sock_option (u8) of WASIX */
enum {
	WX_SO_NOOP = 0, WX_SO_REUSE_PORT = 1, WX_SO_REUSE_ADDR = 2,
	WX_SO_NO_DELAY = 3, WX_SO_DONT_ROUTE = 4, WX_SO_ONLY_V6 = 5,
	WX_SO_BROADCAST = 6, WX_SO_MULTICAST_LOOP_V4 = 7,
	WX_SO_MULTICAST_LOOP_V6 = 8, WX_SO_PROMISCUOUS = 9,
	WX_SO_LISTENING = 10, WX_SO_LAST_ERROR = 11, WX_SO_KEEP_ALIVE = 12,
	WX_SO_LINGER = 13, WX_SO_OOB_INLINE = 14, WX_SO_RECV_BUF_SIZE = 15,
	WX_SO_SEND_BUF_SIZE = 16, WX_SO_RECV_LOWAT = 17, WX_SO_SEND_LOWAT = 18,
	WX_SO_RECV_TIMEOUT = 19, WX_SO_SEND_TIMEOUT = 20,
	WX_SO_CONNECT_TIMEOUT = 21, WX_SO_ACCEPT_TIMEOUT = 22, WX_SO_TTL = 23,
	WX_SO_MULTICAST_TTL_V4 = 24, WX_SO_TYPE = 25, WX_SO_PROTO = 26,
};

struct wx_sock {
	char *unix_local; /* guest path the socket is bound to, or NULL */
	char *unix_peer;  /* guest path it connected to, or NULL */
	uint64_t connect_timeout_ns, accept_timeout_ns; /* 0: none */
};

/* A host address with, for AF_UNIX, the guest path it came from. */
struct wx_netaddr {
	struct sockaddr_storage ss;
	socklen_t len;
	char guest_path[WX_UNIX_PATH_MAX + 1]; /* AF_UNIX only */
	int dirfd; /* AF_UNIX: held open while ss names /proc/self/fd/N */
};

/* WASIX address family and socket type -> host; false if unknown. */
bool wx_net_host_domain(uint32_t af, int *out);
bool wx_net_host_type(uint32_t type, int *out);
/* sock_open's and sock_pair's (address family, socket type, protocol)
 * as the host's (TCP/UDP on AF_UNIX mean the default).  Guest errno:
 * EAFNOSUPPORT, EINVAL (type), EPROTONOSUPPORT. */
int wx_net_host_socket(uint32_t af, uint32_t type, uint32_t proto, int *dom,
		       int *htype, int *hproto);

/* The host (level, name) of a boolean (flag) or integer (size) WASIX
 * socket option for a socket of `family`; false if it is not one. */
bool wx_net_opt_flag(uint32_t opt, int family, int *level, int *name);
bool wx_net_opt_size(uint32_t opt, int family, int *level, int *name);
/* The host socket's address family (SO_DOMAIN). */
int wx_net_family(int hfd);

/* Look up socket `fd`: EBADF, or ENOTSOCK for another kind of fd. */
int wx_net_sock_get(struct wx_proc *p, uint32_t fd, struct wx_fdref *ref);
/* The socket's extension state, created on first use (NULL: ENOMEM). */
struct wx_sock *wx_net_sock_ext(struct wx_fdobj *o);
/* A new socket object over `hfd` put in the table at the lowest free
 * fd.  Guest errno (hfd is closed on failure). */
int wx_net_sock_insert(struct wx_proc *p, int hfd, uint32_t *fdp);

/* Read the addr_port_t at `ptr`.  An AF_UNIX path is resolved through
 * the preopens (beneath them, as every guest path is): the host address
 * names the directory that holds it through /proc/self/fd.  `follow`:
 * the last component may be a symlink to follow (connect), else not
 * (bind).  Guest errno: MEMVIOLATION, EAFNOSUPPORT, ENAMETOOLONG, the
 * path's errors.  wx_net_addr_fini releases it. */
int wx_net_addr_read(struct wx_proc *p, uint32_t ptr, bool follow,
		     struct wx_netaddr *a);
void wx_net_addr_fini(struct wx_netaddr *a);
/* Write `sa` as an addr_port_t at `ptr`; an AF_UNIX address is given as
 * `unix_path` (a guest path; NULL: an unnamed socket).  Guest errno. */
int wx_net_addr_write(struct wx_proc *p, uint32_t ptr,
		      const struct sockaddr *sa, socklen_t len,
		      const char *unix_path);

/* The whole of sock_addr_local (getsockname) and, with `peer`,
 * sock_addr_peer (getpeername): args fd, ret_addr_port.  An AF_UNIX
 * socket reports the guest path recorded for that end. */
int wx_net_sock_name(struct wx_proc *p, uint64_t *args, bool peer);

/* The whole of sock_join/leave_multicast_v4/v6 (args: fd, group ptr,
 * interface: an IPv4 address ptr, or an IPv6 interface index).  Joining
 * needs the policy's permission to listen on the group (any port). */
int wx_net_multicast(struct wx_proc *p, uint64_t *args, bool v6, bool join);

/* Wait until the host socket is ready for `events` (POLLIN/POLLOUT) or
 * `timeout_ns` passes (UINT64_MAX: forever).  0, WX_WASI_ETIMEDOUT, or
 * WX_WASI_EINTR when a guest signal interrupts the wait. */
int wx_net_wait(int hfd, short events, uint64_t timeout_ns);

/* ---- policy (netpolicy.c) ---- */
enum wx_net_op { WX_NET_LISTEN, WX_NET_CONNECT };
/* Whether the run may bind/listen on (WX_NET_LISTEN) or connect/send
 * to (WX_NET_CONNECT) the host address `sa`: 0 or WX_WASI_EACCES. */
int wx_netpolicy_check(enum wx_net_op op, const struct sockaddr *sa);
/* Whether names may be looked up (resolve): 0 or WX_WASI_EACCES. */
int wx_netpolicy_dns(void);
/* Install the policy of the run (wx_process_main).  0 or an errno. */
int wx_netpolicy_set(const struct wx_net_config *c);

#endif
