/*
 * t_sock.c - sock_recv/sock_send/sock_shutdown on a real stream socket:
 * run.sh makes stdin one end of a socketpair (with python3), writes "ping"
 * into the other and expects "pong" back.
 */
#include <wasi/api.h>

#include "wasi_test.h"

int main(void)
{
	char buf[16] = {0};
	__wasi_fdstat_t st;
	i32 iov[2] = { P(buf), sizeof(buf) }, n = 0, fl = 7;
	i32 out[2] = { P("pong"), 4 };
	CHECK_ERR(__wasi_fd_fdstat_get(0, &st), 0);
	CHECK(st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM);
	CHECK_ERR(raw_sock_recv(0, P(iov), 1, 1 /* PEEK */, P(&n), P(&fl)), 0);
	CHECK(n == 4 && fl == 0 && memcmp(buf, "ping", 4) == 0);
	CHECK_ERR(raw_sock_recv(0, P(iov), 1, 0, P(&n), P(&fl)), 0);
	CHECK(n == 4);
	CHECK_ERR(raw_sock_send(0, P(out), 1, 0, P(&n)), 0);
	CHECK(n == 4);
	/* siflags: bit 0 is WASIX's SEND_DONT_WAIT; others are invalid. */
	CHECK_ERR(raw_sock_send(0, P(out), 1, 2, P(&n)), E_INVAL);
	CHECK_ERR(raw_sock_shutdown(0, 0), E_INVAL);
	CHECK_ERR(raw_sock_shutdown(0, 2), 0);
	CHECK_ERR(raw_sock_accept(0, 0, P(&n)), E_INVAL);
	DONE();
}
