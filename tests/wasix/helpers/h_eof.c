/*
 * h_eof - test helper exec'd by the WASIX tests: reads stdin until EOF and
 * exits 0, or exits 3 if no EOF arrives within argv[1] milliseconds
 * (default 5000) - a bounded way to ask "does anyone else still hold the
 * write end of my stdin pipe?".  Prints the byte count on stdout.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	long long limit = argc > 1 ? atoll(argv[1]) : 5000;
	long long deadline = now_ms() + limit;
	long long total = 0;
	char buf[4096];

	for (;;) {
		struct pollfd pfd = { .fd = 0, .events = POLLIN };
		long long left = deadline - now_ms();
		int r;
		if (left <= 0) {
			printf("timeout after %lld bytes\n", total);
			return 3;
		}
		r = poll(&pfd, 1, (int)left);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			perror("h_eof: poll");
			return 2;
		}
		if (r == 0)
			continue;
		ssize_t n = read(0, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			perror("h_eof: read");
			return 2;
		}
		if (n == 0)
			break;
		total += n;
	}
	printf("eof after %lld bytes\n", total);
	return 0;
}
