/* bound_argsum: prints how many arguments and environment strings it got
 * and their total bytes (NULs included), for the ARG_MAX tests. */
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
	size_t bytes = 0, nenv = 0;
	char **e;
	int i;

	for (i = 0; i < argc; i++)
		bytes += strlen(argv[i]) + 1;
	for (e = environ; *e != NULL; e++, nenv++)
		bytes += strlen(*e) + 1;
	printf("argsum: %d args, %zu env, over 1 MiB: %s\n", argc, nenv,
	       bytes > (1u << 20) ? "yes" : "no");
	fflush(stdout);
	return 0;
}
