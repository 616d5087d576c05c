/*
 * h_pid - test helper exec'd by the WASIX tests: prints "pid=P ppid=Q" on
 * stdout and exits with argv[1] (default 0).
 */
#include <stdio.h>
#include <stdlib.h>

#include "posix_shim.h"

int main(int argc, char **argv)
{
	printf("pid=%d ppid=%d\n", (int)getpid(), (int)getppid());
	fflush(stdout);
	return argc > 1 ? atoi(argv[1]) : 0;
}
