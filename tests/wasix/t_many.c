/*
 * t_many.c - many processes: 200 sequential children (each reaped before
 * the next fork), then 32 children alive at the same time (each blocks on a
 * pipe until all exist), reaped in whatever order they end, each exactly
 * once and with its own exit code.
 */
#include "t.h"

#define NSEQ 200
#define NCONC 32

static void sequential(void)
{
	pid_t last = -1;
	for (int i = 0; i < NSEQ; i++) {
		pid_t pid = t_fork();
		CHECK(pid >= 0, "fork #%d", i);
		if (pid == 0)
			exit(i & 0xff);
		CHECK(pid != last, "pid %d twice in a row", (int)pid);
		last = pid;
		CHECK_EXIT(pid, i & 0xff);
	}
	int st;
	errno = 0;
	CHECK(wx_waitpid(-1, &st, 0) == -1 && errno == ECHILD,
	      "a child left over");
	PASS("200 sequential children");
}

static void concurrent(void)
{
	pid_t pids[NCONC];
	int seen[NCONC] = { 0 };
	int go[2], ready[2];
	char buf[NCONC];

	CHECK(wx_pipe(go) == 0 && wx_pipe(ready) == 0, "pipe");
	for (int i = 0; i < NCONC; i++) {
		pids[i] = t_fork();
		CHECK(pids[i] >= 0, "fork #%d", i);
		if (pids[i] == 0) {
			char c = (char)i;
			close(go[1]);
			close(ready[0]);
			CCHECK(write(ready[1], &c, 1) == 1, "ready");
			CCHECK(read(go[0], &c, 1) == 1, "go");
			exit(100 + i);
		}
	}
	close(go[0]);
	close(ready[1]);
	/* All NCONC are alive and have said so. */
	size_t got = 0;
	while (got < NCONC) {
		ssize_t n = read(ready[0], buf + got, NCONC - got);
		CHECK(n > 0, "read ready after %zu", got);
		got += (size_t)n;
	}
	/* None has exited yet. */
	int st;
	CHECK(wx_waitpid(-1, &st, WNOHANG) == 0, "a child exited early");
	memset(buf, 'g', sizeof(buf));
	CHECK(write(go[1], buf, NCONC) == NCONC, "write go");
	for (int n = 0; n < NCONC; n++) {
		pid_t r = wx_waitpid(-1, &st, 0);
		int k = -1;
		CHECK(r > 0, "wait #%d", n);
		for (int i = 0; i < NCONC; i++)
			if (pids[i] == r)
				k = i;
		CHECK(k >= 0, "unknown pid %d", (int)r);
		CHECK(!seen[k], "pid %d reaped twice", (int)r);
		seen[k] = 1;
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 100 + k,
		      "pid %d: status 0x%x want %d", (int)r, st, 100 + k);
	}
	errno = 0;
	CHECK(wx_waitpid(-1, &st, 0) == -1 && errno == ECHILD, "left over");
	close(go[1]);
	close(ready[0]);
	PASS("32 concurrent children");
}

int main(void)
{
	sequential();
	concurrent();
	return 0;
}
