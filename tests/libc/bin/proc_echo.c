/* proc_echo [-s STATUS] ARGS...: prints its arguments, one per line, and
 * exits with STATUS (default 0).  The exec/spawn tests run it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		status = atoi(argv[2]);
		i = 3;
	}
	for (; i < argc; i++)
		printf("arg: %s\n", argv[i]);
	fflush(stdout);
	return status;
}
