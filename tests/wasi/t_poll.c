/*
 * t_poll.c - poll_oneoff: relative and absolute clocks, several at once,
 * fd read/write readiness, per-subscription errors, bad arguments.
 * run.sh gives it /dev/null as stdin.
 */
#include <wasi/api.h>

#include "wasi_test.h"

static uint64_t now(int clk)
{
	uint64_t t = 0;
	__wasi_clock_time_get(clk, 1, &t);
	return t;
}

static void sub_clock(__wasi_subscription_t *s, uint64_t ud, int clk,
		      uint64_t timeout, int flags)
{
	memset(s, 0, sizeof(*s));
	s->userdata = ud;
	s->u.tag = __WASI_EVENTTYPE_CLOCK;
	s->u.u.clock.id = clk;
	s->u.u.clock.timeout = timeout;
	s->u.u.clock.flags = flags;
}

static void sub_fd(__wasi_subscription_t *s, uint64_t ud, int type, int fd)
{
	memset(s, 0, sizeof(*s));
	s->userdata = ud;
	s->u.tag = type;
	s->u.u.fd_read.file_descriptor = fd;
}

int main(void)
{
	__wasi_subscription_t s[4];
	__wasi_event_t ev[4];
	__wasi_size_t n = 99;
	uint64_t t0, t1;
	int fd = -1;

	/* relative sleep of 20 ms */
	sub_clock(&s[0], 0x1234, __WASI_CLOCKID_MONOTONIC, 20000000, 0);
	t0 = now(__WASI_CLOCKID_MONOTONIC);
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 1, &n), 0);
	t1 = now(__WASI_CLOCKID_MONOTONIC);
	CHECK(n == 1 && ev[0].userdata == 0x1234 && ev[0].error == 0);
	CHECK(ev[0].type == __WASI_EVENTTYPE_CLOCK);
	CHECK(t1 - t0 >= 20000000);
	/* absolute realtime deadline 10 ms ahead, and a later clock that
	 * must not fire */
	sub_clock(&s[0], 1, __WASI_CLOCKID_REALTIME,
		  now(__WASI_CLOCKID_REALTIME) + 10000000,
		  __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
	sub_clock(&s[1], 2, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0);
	t0 = now(__WASI_CLOCKID_MONOTONIC);
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 2, &n), 0);
	t1 = now(__WASI_CLOCKID_MONOTONIC);
	CHECK(n == 1 && ev[0].userdata == 1);
	CHECK(t1 - t0 >= 9000000 && t1 - t0 < 2000000000ull);
	/* an absolute time in the past fires at once */
	sub_clock(&s[0], 3, __WASI_CLOCKID_MONOTONIC, 1,
		  __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 1, &n), 0);
	CHECK(n == 1 && ev[0].userdata == 3);

	/* fds: a regular file is readable with its size as nbytes, stdout is
	 * writable, stdin (/dev/null) readable; all next to a long clock */
	CHECK_ERR(t_open(3, 0, "poll.txt", __WASI_OFLAGS_CREAT, R_ALL, 0, &fd), 0);
	{
		__wasi_ciovec_t c = { (const uint8_t *)"0123456789", 10 };
		__wasi_filesize_t pos;
		CHECK_ERR(__wasi_fd_write(fd, &c, 1, &n), 0);
		CHECK_ERR(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos), 0);
	}
	sub_fd(&s[0], 10, __WASI_EVENTTYPE_FD_READ, fd);
	sub_fd(&s[1], 11, __WASI_EVENTTYPE_FD_WRITE, 1);
	sub_clock(&s[2], 12, __WASI_CLOCKID_MONOTONIC, 10000000000ull, 0);
	sub_fd(&s[3], 13, __WASI_EVENTTYPE_FD_READ, 0);
	t0 = now(__WASI_CLOCKID_MONOTONIC);
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 4, &n), 0);
	t1 = now(__WASI_CLOCKID_MONOTONIC);
	CHECK(t1 - t0 < 1000000000ull);
	CHECK(n == 3);
	CHECK(n >= 1 && ev[0].userdata == 10 && ev[0].error == 0 &&
	      ev[0].type == __WASI_EVENTTYPE_FD_READ &&
	      ev[0].fd_readwrite.nbytes == 10);
	CHECK(n >= 2 && ev[1].userdata == 11 &&
	      ev[1].type == __WASI_EVENTTYPE_FD_WRITE);
	CHECK(n >= 3 && ev[2].userdata == 13);

	/* per-subscription errors come back as events, at once */
	sub_fd(&s[0], 20, __WASI_EVENTTYPE_FD_READ, 999);
	sub_clock(&s[1], 21, __WASI_CLOCKID_MONOTONIC, 10000000000ull, 0);
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 2, &n), 0);
	CHECK(n == 1 && ev[0].userdata == 20 && ev[0].error == E_BADF);
	sub_clock(&s[0], 22, 7, 1000, 0);
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 1, &n), 0);
	CHECK(n == 1 && ev[0].userdata == 22 && ev[0].error == E_INVAL);

	/* errors of the call itself */
	CHECK_ERR(raw_poll_oneoff(P(s), P(ev), 0, P(&n)), E_INVAL);
	CHECK_ERR(raw_poll_oneoff(BADPTR, P(ev), 1, P(&n)), E_FAULT);
	CHECK_ERR(raw_poll_oneoff(P(s), BADPTR, 1, P(&n)), E_FAULT);
	CHECK_ERR(raw_poll_oneoff(P(s), P(ev), 1, BADPTR), E_FAULT);
	CHECK_ERR(raw_poll_oneoff(P(s), P(ev), 0x10000000, P(&n)), E_FAULT);
	s[0].u.tag = 9;
	CHECK_ERR(__wasi_poll_oneoff(s, ev, 1, &n), E_INVAL);
	DONE();
}
