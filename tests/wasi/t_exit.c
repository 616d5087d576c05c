/*
 * t_exit.c - exit codes: `exit N` calls proc_exit(N), `raise S` calls
 * proc_raise(S) (witx numbering), `return N` returns N from main
 * (wasi-libc then calls proc_exit), `sock` checks the sock_* functions on
 * fds that are not sockets.  run.sh checks the host exit status.
 */
#include <stdlib.h>
#include <wasi/api.h>

#include "wasi_test.h"

int main(int argc, char **argv)
{
	int n;

	if (argc < 2)
		return 99;
	if (strcmp(argv[1], "sock") == 0) {
		int buf[4], fd = -1;
		i32 nn, fl;
		CHECK_ERR(raw_sock_accept(1, 0, P(&fd)), E_NOTSOCK);
		CHECK_ERR(raw_sock_accept(77, 0, P(&fd)), E_BADF);
		CHECK_ERR(raw_sock_recv(0, P(buf), 0, 0, P(&nn), P(&fl)),
			  E_NOTSOCK);
		CHECK_ERR(raw_sock_send(1, P(buf), 0, 0, P(&nn)), E_NOTSOCK);
		CHECK_ERR(raw_sock_shutdown(3, 3), E_NOTSOCK);
		CHECK_ERR(raw_sock_shutdown(66, 3), E_BADF);
		DONE();
	}
	n = argc > 2 ? atoi(argv[2]) : 0;
	if (strcmp(argv[1], "exit") == 0)
		__wasi_proc_exit(n);
	if (strcmp(argv[1], "raise") == 0) {
		CHECK_ERR(raw_proc_raise(n), 0);
		return failures ? 1 : 42;
	}
	if (strcmp(argv[1], "raise_bad") == 0) {
		CHECK_ERR(raw_proc_raise(n), E_INVAL);
		DONE();
	}
	if (strcmp(argv[1], "return") == 0)
		return n;
	return 98;
}
