/* vfork through the real libc (plain flavour: proc_fork(0)): the child
 * borrows the parent's memory until it execs or exits, but has its own
 * pid, descriptors and working directory; the parent resumes with the
 * child's pid when it does; failed execs, _exit statuses, many vforks in
 * a row, a vforked child's output through a pipe. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static volatile int shared_word;

static int reap(pid_t p)
{
	int st = -1;
	CHECK_EQ(waitpid(p, &st, 0), p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

int main(void)
{
	pid_t me = getpid(), p;
	int fds[2], i;
	char buf[256], cwd[512], cwd2[512];

	/* The child writes memory the parent then sees; its pid differs. */
	shared_word = 1;
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		shared_word = (getpid() != me && getppid() == me) ? 2 : 3;
		_exit(11);
	}
	CHECK(p > 0 && p != me);
	CHECK_EQ(reap(p), 11);
	CHECK_EQ(shared_word, 2);
	printf("vfork child wrote %d\n", shared_word);

	/* A failed exec in the child: it goes on and _exits. */
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		execl("/proc_no_such_dir/prog", "prog", (char *)0);
		shared_word = errno == ENOENT ? 20 : 21;
		_exit(127);
	}
	CHECK_EQ(reap(p), 127);
	CHECK_EQ(shared_word, 20);
	printf("failed exec in a vfork child: 127\n");

	/* Descriptors and cwd are the child's own: its dup2 onto stdout,
	 * its close, its chdir leave the parent's alone. */
	CHECK_EQ(pipe(fds), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		if (dup2(fds[1], 1) < 0)
			_exit(120);
		close(fds[0]);
		close(fds[1]);
		if (chdir(libc_tmp()) != 0)
			_exit(121);
		execlp("proc_echo", "proc_echo", "-s", "6", "into the pipe",
		       (char *)0);
		_exit(127);
	}
	close(fds[1]);
	{
		ssize_t n, tot = 0;
		while ((n = read(fds[0], buf + tot, sizeof(buf) - 1 - (size_t)tot)) > 0)
			tot += n;
		buf[tot] = '\0';
	}
	close(fds[0]);
	CHECK_EQ(reap(p), 6);
	printf("the parent read: %s", buf);
	CHECK(getcwd(cwd2, sizeof(cwd2)) != NULL);
	CHECK(strcmp(cwd, cwd2) == 0);
	CHECK(fcntl(1, F_GETFD) >= 0);
	printf("parent stdout and cwd intact\n");

	/* Many in a row, each exec'ing, statuses in order. */
	{
		int sum = 0;
		for (i = 0; i < 20; i++) {
			char code[8];
			snprintf(code, sizeof(code), "%d", i);
			fflush(stdout);
			p = vfork();
			if (p == 0) {
				execlp("proc_echo", "proc_echo", "-s", code, (char *)0);
				_exit(127);
			}
			sum += reap(p);
		}
		printf("twenty vfork+exec: statuses sum to %d\n", sum);
	}

	/* exit() rather than _exit() in the child is undefined for vfork:
	 * not tested.  A child that vforks first then forks later. */
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		execlp("proc_chain", "proc_chain", "2", "33", (char *)0);
		_exit(127);
	}
	CHECK_EQ(reap(p), 33);
#ifndef LIBC_EH
	fflush(stdout);
	p = fork();
	if (p == 0)
		_exit(44);
	CHECK_EQ(reap(p), 44);
	printf("fork after vfork: 44\n");
#endif
	errno = 0;
	CHECK_EQ(wait(NULL), -1);
	CHECK_EQ(errno, ECHILD);
	return libc_done();
}
