// native: skip
// wasixrt: --net
/*
 * The runtime's side of the socket calls where wasix-libc hides or
 * mangles it, through the __wasi_* functions: the addr_port_t of an
 * AF_UNIX socket (getsockname's path), boolean options cleared again,
 * LAST_ERROR (SO_ERROR) of a refused connect, sock_status, the
 * CONNECT_TIMEOUT/ACCEPT_TIMEOUT options, epoll_ctl's errors, resolve's
 * addr_ip_t of a literal, sock_send_file, the errors of bad arguments,
 * and port_* answering ENOTSUP.
 */
#ifndef __wasi__
/* wasixrt only (run.sh builds every test natively too). */
int main(void)
{
	return 0;
}
#else
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <wasi/api.h>

#include "libc_test.h"

static void unix_addr(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	__wasi_addr_port_t ap;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/abi.sock", libc_tmp());
	CHECK(bind(s, (struct sockaddr *)&a,
		   offsetof(struct sockaddr_un, sun_path) +
			   strlen(a.sun_path) + 1) == 0);
	CHECK_EQ(__wasi_sock_addr_local(s, &ap), 0);
	CHECK_EQ(ap.tag, __WASI_ADDRESS_FAMILY_UNIX);
	CHECK(strcmp((char *)&ap.u, a.sun_path) == 0);
	printf("unix local: tag %d path %s\n", ap.tag,
	       strcmp((char *)&ap.u, a.sun_path) == 0 ? "same" : "differs");
	CHECK(unlink(a.sun_path) == 0);
	/* A path outside every preopen does not exist for the guest. */
	int s2 = socket(AF_UNIX, SOCK_STREAM, 0);
	strcpy(a.sun_path, "/nowhere/x.sock");
	errno = 0;
	CHECK(bind(s2, (struct sockaddr *)&a,
		   offsetof(struct sockaddr_un, sun_path) +
			   strlen(a.sun_path) + 1) == -1);
	printf("unix outside: %s\n", errno == ENOENT ? "ENOENT" : strerror(errno));
	close(s2);
	close(s);
}

static void flags(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	__wasi_bool_t b = 9;
	CHECK_EQ(__wasi_sock_set_opt_flag(s, __WASI_SOCK_OPTION_KEEP_ALIVE, 1), 0);
	CHECK_EQ(__wasi_sock_get_opt_flag(s, __WASI_SOCK_OPTION_KEEP_ALIVE, &b), 0);
	CHECK_EQ(b, 1);
	CHECK_EQ(__wasi_sock_set_opt_flag(s, __WASI_SOCK_OPTION_KEEP_ALIVE, 0), 0);
	CHECK_EQ(__wasi_sock_get_opt_flag(s, __WASI_SOCK_OPTION_KEEP_ALIVE, &b), 0);
	CHECK_EQ(b, 0);
	CHECK_EQ(__wasi_sock_set_opt_flag(s, __WASI_SOCK_OPTION_PROMISCUOUS, 1),
		 __WASI_ERRNO_NOTSUP);
	CHECK_EQ(__wasi_sock_set_opt_flag(s, 200, 1), __WASI_ERRNO_NOPROTOOPT);
	CHECK_EQ(__wasi_sock_set_opt_size(s, __WASI_SOCK_OPTION_TTL, 17), 0);
	__wasi_filesize_t sz = 0;
	CHECK_EQ(__wasi_sock_get_opt_size(s, __WASI_SOCK_OPTION_TTL, &sz), 0);
	CHECK_EQ(sz, 17);
	CHECK_EQ(__wasi_sock_get_opt_size(s, __WASI_SOCK_OPTION_TYPE, &sz), 0);
	CHECK_EQ(sz, __WASI_SOCK_TYPE_SOCKET_STREAM);
	CHECK_EQ(__wasi_sock_set_opt_size(s, __WASI_SOCK_OPTION_RECV_BUF_SIZE,
					  1ull << 40),
		 __WASI_ERRNO_INVAL);
	printf("flags and sizes: ok\n");
	close(s);
}

static void errors_and_status(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	__wasi_sock_status_t st = 9;
	__wasi_filesize_t err = 0;
	int ls = socket(AF_INET, SOCK_STREAM, 0);

	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK_EQ(__wasi_sock_status(ls, &st), 0);
	printf("bound, not listening: status %d\n", st);
	CHECK(listen(ls, 1) == 0);
	CHECK_EQ(__wasi_sock_status(ls, &st), 0);
	printf("listening: status %d\n", st);

	/* ACCEPT_TIMEOUT: a blocking accept gives up. */
	__wasi_option_timestamp_t tm = { .tag = __WASI_OPTION_SOME,
					 .u.some = 100000000 };
	CHECK_EQ(__wasi_sock_set_opt_time(ls, __WASI_SOCK_OPTION_ACCEPT_TIMEOUT,
					  &tm), 0);
	__wasi_option_timestamp_t back;
	CHECK_EQ(__wasi_sock_get_opt_time(ls, __WASI_SOCK_OPTION_ACCEPT_TIMEOUT,
					  &back), 0);
	CHECK(back.tag == __WASI_OPTION_SOME && back.u.some == 100000000);
	__wasi_fd_t nfd;
	__wasi_addr_port_t peer;
	CHECK_EQ(__wasi_sock_accept_v2(ls, 0, &nfd, &peer), __WASI_ERRNO_TIMEDOUT);
	printf("accept timeout: ok\n");

	/* A connection, accepted with its peer's address. */
	int c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK_EQ(__wasi_sock_status(c, &st), 0);
	printf("connected: status %d\n", st);
	CHECK_EQ(__wasi_sock_accept_v2(ls, __WASI_FDFLAGS_NONBLOCK, &nfd, &peer), 0);
	CHECK_EQ(peer.tag, __WASI_ADDRESS_FAMILY_INET4);
	CHECK_EQ(peer.u.inet4.addr.n0, 127);
	CHECK((fcntl(nfd, F_GETFL) & O_NONBLOCK) != 0);
	close(nfd);
	close(c);
	close(ls);

	/* Refused: LAST_ERROR says so (once), status FAILED. */
	c = socket(AF_INET, SOCK_STREAM, 0);
	fcntl(c, F_SETFL, O_NONBLOCK);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == -1);
	usleep(100000);
	CHECK_EQ(__wasi_sock_status(c, &st), 0);
	printf("refused: status %d\n", st);
	CHECK_EQ(__wasi_sock_get_opt_size(c, __WASI_SOCK_OPTION_LAST_ERROR, &err), 0);
	printf("refused: LAST_ERROR %s\n",
	       err == __WASI_ERRNO_CONNREFUSED ? "CONNREFUSED" : "other");
	CHECK_EQ(__wasi_sock_get_opt_size(c, __WASI_SOCK_OPTION_LAST_ERROR, &err), 0);
	CHECK_EQ(err, 0);
	close(c);

	/* Bad arguments. */
	__wasi_fd_t fd;
	CHECK_EQ(__wasi_sock_open(99, __WASI_SOCK_TYPE_SOCKET_STREAM, 0, &fd),
		 __WASI_ERRNO_AFNOSUPPORT);
	CHECK_EQ(__wasi_sock_open(__WASI_ADDRESS_FAMILY_INET4, 77, 0, &fd),
		 __WASI_ERRNO_INVAL);
	CHECK_EQ(__wasi_sock_bind(1, (const __wasi_addr_port_t *)&a),
		 __WASI_ERRNO_NOTSOCK);
	CHECK_EQ(__wasi_sock_listen(999, 1), __WASI_ERRNO_BADF);
	printf("bad arguments: ok\n");
}

static void epoll_errors(void)
{
	__wasi_fd_t ep, r, w;
	__wasi_epoll_event_t ev = { .events = __WASI_EPOLL_TYPE_EPOLLIN };
	CHECK_EQ(__wasi_epoll_create(&ep), 0);
	CHECK_EQ(__wasi_fd_pipe(&r, &w), 0);
	CHECK_EQ(__wasi_epoll_ctl(ep, 1, r, &ev), 0);
	CHECK_EQ(__wasi_epoll_ctl(ep, 1, r, &ev), __WASI_ERRNO_EXIST);
	CHECK_EQ(__wasi_epoll_ctl(ep, 3, r, &ev), 0);
	CHECK_EQ(__wasi_epoll_ctl(ep, 2, r, NULL), 0);
	CHECK_EQ(__wasi_epoll_ctl(ep, 2, r, NULL), __WASI_ERRNO_NOENT);
	CHECK_EQ(__wasi_epoll_ctl(ep, 1, ep, &ev), __WASI_ERRNO_INVAL);
	CHECK_EQ(__wasi_epoll_ctl(r, 1, w, &ev), __WASI_ERRNO_INVAL);
	CHECK_EQ(__wasi_epoll_ctl(ep, 9, r, &ev), __WASI_ERRNO_INVAL);
	/* Data comes back whole, all 24 bytes. */
	ev.data.ptr = 0x11;
	ev.data.fd = (int)r;
	ev.data.data1 = 0x22;
	ev.data.data2 = 0x3344556677ull;
	CHECK_EQ(__wasi_epoll_ctl(ep, 1, r, &ev), 0);
	CHECK_EQ(write(w, "x", 1), 1);
	__wasi_epoll_event_t out[2];
	__wasi_size_t n = 0;
	CHECK_EQ(__wasi_epoll_wait(ep, out, 2, 1000000000ull, &n), 0);
	CHECK_EQ(n, 1);
	CHECK(out[0].data.ptr == 0x11 && out[0].data.fd == (int)r &&
	      out[0].data.data1 == 0x22 && out[0].data.data2 == 0x3344556677ull);
	CHECK_EQ(out[0].events, __WASI_EPOLL_TYPE_EPOLLIN);
	printf("epoll: ok\n");
	close(ep);
	close(r);
	close(w);
}

static void resolve_and_sendfile(void)
{
	__wasi_addr_ip_t ips[4];
	__wasi_size_t n = 0;
	CHECK_EQ(__wasi_resolve("::1", 0, ips, 4, &n), 0);
	CHECK_EQ(n, 1);
	CHECK_EQ(ips[0].tag, __WASI_ADDRESS_FAMILY_IP_INET6);
	printf("resolve ::1: %lu\n", (unsigned long)n);

	char path[256];
	snprintf(path, sizeof(path), "%s/sendfile.txt", libc_tmp());
	int f = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_EQ(write(f, "0123456789", 10), 10);
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	__wasi_filesize_t sent = 0;
	CHECK_EQ(__wasi_sock_send_file(sv[0], f, 2, 5, &sent), 0);
	CHECK_EQ(sent, 5);
	char buf[16];
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "23456", 5) == 0);
	CHECK_EQ(lseek(f, 0, SEEK_CUR), 7);
	printf("send_file: ok\n");
	close(f);
	close(sv[0]);
	close(sv[1]);
}

/* Multicast membership on the loopback interface (wasix-libc has no
 * setsockopt path to it: IPPROTO_IP options are ENOSYS there). */
static void multicast(void)
{
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	__wasi_addr_ip4_t group = { 239, 1, 2, 3 }, lo = { 127, 0, 0, 1 };
	__wasi_addr_ip4_t notgroup = { 10, 1, 2, 3 };
	CHECK_EQ(__wasi_sock_join_multicast_v4(u, &group, &lo), 0);
	CHECK_EQ(__wasi_sock_join_multicast_v4(u, &group, &lo),
		 __WASI_ERRNO_ADDRINUSE);
	CHECK_EQ(__wasi_sock_leave_multicast_v4(u, &group, &lo), 0);
	CHECK_EQ(__wasi_sock_leave_multicast_v4(u, &group, &lo),
		 __WASI_ERRNO_ADDRNOTAVAIL);
	CHECK_EQ(__wasi_sock_join_multicast_v4(u, &notgroup, &lo),
		 __WASI_ERRNO_INVAL);
	printf("multicast v4: ok\n");
	close(u);
}

int main(void)
{
	unix_addr();
	multicast();
	flags();
	errors_and_status();
	epoll_errors();
	resolve_and_sendfile();
	printf("port_addr_clear: %d\n", __wasi_port_addr_clear() ==
						 __WASI_ERRNO_NOTSUP);
	return libc_done();
}
#endif
