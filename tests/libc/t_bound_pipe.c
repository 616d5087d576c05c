// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* A pipe's buffer is bounded: with O_NONBLOCK a writer that nobody reads
 * gets EAGAIN after a bounded amount (at most 16 MiB here; a host pipe
 * holds 64 KiB, wasixrt's socketpair a few hundred KiB), a blocking
 * writer waits until the reader drains it, and every byte arrives. */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static char chunk[4096];

int main(void)
{
	int p[2], fl, st;
	size_t total = 0, got = 0;
	ssize_t n;
	pid_t pid;

	CHECK_EQ(pipe(p), 0);
	fl = fcntl(p[1], F_GETFL);
	CHECK(fl >= 0);
	CHECK_EQ(fcntl(p[1], F_SETFL, fl | O_NONBLOCK), 0);
	memset(chunk, 'p', sizeof(chunk));
	errno = 0;
	while (total < (16u << 20) &&
	       (n = write(p[1], chunk, sizeof(chunk))) > 0)
		total += (size_t)n;
	CHECK(total < (16u << 20));
	CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
	CHECK(total >= 4096);
	printf("non-blocking writer: EAGAIN below 16 MiB\n");
	while (got < total && (n = read(p[0], chunk, sizeof(chunk))) > 0)
		got += (size_t)n;
	CHECK_EQ(got, total);

	/* Blocking: a child writes 4 MiB, more than the buffer holds; it
	 * finishes only because the parent reads. */
	CHECK_EQ(fcntl(p[1], F_SETFL, fl), 0);
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		size_t left = 4u << 20;
		close(p[0]);
		memset(chunk, 'q', sizeof(chunk));
		while (left > 0) {
			n = write(p[1], chunk, sizeof(chunk));
			if (n <= 0)
				_exit(1);
			left -= (size_t)n;
		}
		_exit(0);
	}
	close(p[1]);
	got = 0;
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0)
		got += (size_t)n;
	CHECK_EQ(got, 4u << 20);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("blocking writer: 4 MiB through, all of it\n");
	return libc_done();
}
