/*
 * sleep - guest utility for /bin: sleep for the given number of seconds
 * (a decimal fraction such as 0.25 is allowed).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	char *end;
	double s;
	struct timespec ts;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 2;
	}
	s = strtod(argv[1], &end);
	if (*end != '\0' || s < 0) {
		fprintf(stderr, "sleep: invalid time '%s'\n", argv[1]);
		return 2;
	}
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0) {
		if (errno != EINTR) {
			perror("sleep");
			return 1;
		}
	}
	return 0;
}
