/*
 * h_fds - test helper exec'd by the WASIX tests: for each fd number given,
 * prints "FD open" or "FD closed" (fd_fdstat_get), one per line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <wasi/api.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		__wasi_fdstat_t st;
		int fd = atoi(argv[i]);
		printf("%d %s\n", fd,
		       __wasi_fd_fdstat_get(fd, &st) == 0 ? "open" : "closed");
	}
	return 0;
}
