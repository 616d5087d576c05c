/*
 * h_exec - test helper: h_exec PROGRAM [ARGS...] execs PROGRAM with argv
 * ARGS (argv[0] = PROGRAM's base name) in place of itself; prints the
 * error and exits 127 if that fails.  Used to exec from the run's first
 * process.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wasix.h"

int main(int argc, char **argv)
{
	const char *path, *base;

	if (argc < 2) {
		fprintf(stderr, "usage: h_exec PROGRAM [ARGS...]\n");
		return 2;
	}
	path = argv[1];
	base = strrchr(path, '/');
	argv[1] = (char *)(base ? base + 1 : path);
	fflush(NULL);
	wx_execvp(path, argv + 1);
	fprintf(stderr, "h_exec: %s: %s\n", path, strerror(errno));
	return 127;
}
