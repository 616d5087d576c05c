// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* fork and waitpid through the real libc: exit statuses, WNOHANG, wait()
 * for any child, ECHILD, deaths by a signal, getpid/getppid. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static void show(const char *what, int st)
{
	if (WIFEXITED(st))
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: killed by signal %d\n", what, WTERMSIG(st));
	else
		printf("%s: status %#x\n", what, st);
}

int main(void)
{
	static const int codes[] = {0, 1, 7, 42, 128, 255, 256 + 3};
	pid_t me = getpid(), p, r;
	int st, i, fds[2];
	char c;

	/* No children yet. */
	errno = 0;
	CHECK_EQ(waitpid(-1, &st, 0), -1);
	CHECK_EQ(errno, ECHILD);
	errno = 0;
	CHECK_EQ(waitpid(-1, &st, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);
	errno = 0;
	CHECK_EQ(wait(&st), -1);
	CHECK_EQ(errno, ECHILD);

	/* Exit statuses, by exit() and by return from a function. */
	for (i = 0; i < (int)(sizeof(codes) / sizeof(codes[0])); i++) {
		fflush(stdout);
		p = fork();
		CHECK(p >= 0);
		if (p == 0) {
			if (getppid() != me)
				_exit(99);
			if (getpid() == me)
				_exit(98);
			exit(codes[i]);
		}
		CHECK_EQ(waitpid(p, &st, 0), p);
		CHECK(WIFEXITED(st));
		CHECK_EQ(WEXITSTATUS(st), codes[i] & 255);
		show("exit", st);
	}

	/* WNOHANG while the child runs: 0; then the status once. */
	CHECK_EQ(pipe(fds), 0);
	fflush(stdout);
	p = fork();
	if (p == 0) {
		close(fds[1]);
		(void)!read(fds[0], &c, 1); /* until the parent says so */
		_exit(5);
	}
	close(fds[0]);
	CHECK_EQ(waitpid(p, &st, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &st, WNOHANG), 0);
	CHECK_EQ(write(fds[1], "x", 1), 1);
	close(fds[1]);
	CHECK_EQ(waitpid(p, &st, 0), p);
	show("after WNOHANG", st);
	errno = 0;
	CHECK_EQ(waitpid(p, &st, 0), -1); /* reaped once */
	CHECK_EQ(errno, ECHILD);

	/* wait() for any of three children: each pid once. */
	{
		pid_t kids[3];
		int seen = 0, sum = 0, k;
		for (k = 0; k < 3; k++) {
			fflush(stdout);
			kids[k] = fork();
			if (kids[k] == 0)
				_exit(10 + k);
		}
		for (k = 0; k < 3; k++) {
			r = wait(&st);
			int j;
			for (j = 0; j < 3; j++)
				if (r == kids[j] && !(seen & (1 << j))) {
					seen |= 1 << j;
					CHECK_EQ(WEXITSTATUS(st), 10 + j);
				}
			sum += WEXITSTATUS(st);
		}
		CHECK_EQ(seen, 7);
		printf("three children: statuses sum to %d\n", sum);
		CHECK_EQ(wait(&st), -1);
	}

	/* waitpid(0): any child of our process group. */
	fflush(stdout);
	p = fork();
	if (p == 0)
		_exit(21);
	CHECK_EQ(waitpid(0, &st, 0), p);
	show("waitpid(0)", st);

	/* A pid that is not our child. */
	errno = 0;
	CHECK_EQ(waitpid(me, &st, 0), -1);
	CHECK_EQ(errno, ECHILD);

	/* Deaths by a signal: sent by the parent, raised by the child. */
	CHECK_EQ(pipe(fds), 0);
	fflush(stdout);
	p = fork();
	if (p == 0) {
		close(fds[0]);
		close(fds[1]);
		for (;;)
			sleep(1);
	}
	close(fds[0]);
	close(fds[1]);
	CHECK_EQ(kill(p, SIGKILL), 0);
	CHECK_EQ(waitpid(p, &st, 0), p);
	CHECK(WIFSIGNALED(st));
	show("SIGKILL", st);

	fflush(stdout);
	p = fork();
	if (p == 0) {
		for (;;)
			sleep(1);
	}
	CHECK_EQ(kill(p, SIGTERM), 0);
	CHECK_EQ(waitpid(p, &st, 0), p);
	CHECK(WIFSIGNALED(st));
	show("SIGTERM", st);

	fflush(stdout);
	p = fork();
	if (p == 0) {
		raise(SIGUSR1);
		_exit(0);
	}
	CHECK_EQ(waitpid(p, &st, 0), p);
	show("raise SIGUSR1", st);

	/* A write to a pipe nobody reads: death by SIGPIPE, or EPIPE when
	 * SIGPIPE is ignored. */
	CHECK_EQ(pipe(fds), 0);
	close(fds[0]);
	fflush(stdout);
	p = fork();
	if (p == 0) {
		(void)!write(fds[1], "x", 1);
		_exit(0);
	}
	CHECK_EQ(waitpid(p, &st, 0), p);
	show("write to a closed pipe", st);
	fflush(stdout);
	p = fork();
	if (p == 0) {
		signal(SIGPIPE, SIG_IGN);
		errno = 0;
		_exit(write(fds[1], "x", 1) == -1 && errno == EPIPE ? 13 : 14);
	}
	CHECK_EQ(waitpid(p, &st, 0), p);
	show("same with SIGPIPE ignored", st);
	close(fds[1]);

	/* A child that exits while the parent is busy: its SIGCHLD (ignored
	 * by default) must not disturb the parent. */
	fflush(stdout);
	p = fork();
	if (p == 0)
		_exit(3);
	{
		volatile unsigned long spin = 0;
		for (i = 0; i < 200; i++) {
			usleep(1000);
			spin++;
		}
	}
	CHECK_EQ(waitpid(p, &st, 0), p);
	show("late reap", st);
	printf("parent still here\n");
	return libc_done();
}
