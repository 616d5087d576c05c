// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* A signal handler interrupting a blocked read and waitpid: with
 * SA_RESTART (what signal() sets) the call goes on after the handler;
 * without it the call fails with EINTR - after the handler ran. */
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
	(void)sig;
	ticks++;
}

static void timer(int usec)
{
	struct itimerval it;
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = usec;
	it.it_interval.tv_usec = usec; /* see t_sig_basic: libc uses this */
	CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
}

/* A child that writes one byte after `ms` milliseconds, then exits. */
static pid_t late_writer(int fd, int ms)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(ms * 1000);
		(void)write(fd, "x", 1);
		_exit(7);
	}
	CHECK(pid > 0);
	return pid;
}

static void with_flags(int flags, const char *what)
{
	struct sigaction sa;
	int fds[2], st = 0;
	ssize_t n;
	pid_t pid, w;
	char c = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	CHECK_EQ(pipe(fds), 0);
	pid = late_writer(fds[1], 600);
	ticks = 0;
	timer(100000);
	n = read(fds[0], &c, 1);
	printf("%s: read %zd%s, handler ran %d\n", what, n,
	       n < 0 && errno == EINTR ? " EINTR" : "", ticks > 0);
	CHECK(ticks > 0);
	/* waitpid, interrupted the same way. */
	w = waitpid(pid, &st, 0);
	printf("%s: waitpid %s\n", what,
	       w == pid ? "the child" : errno == EINTR ? "EINTR" : "error");
	if (w != pid) {
		timer(0);
		CHECK_EQ(waitpid(pid, &st, 0), pid);
	}
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	timer(0);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	struct itimerval off;
	with_flags(SA_RESTART, "SA_RESTART");
	with_flags(0, "no SA_RESTART");
	memset(&off, 0, sizeof(off));
	CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
	return libc_done();
}
