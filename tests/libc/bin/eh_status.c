/* eh_status N WORDS...: prints its words and exits with status N (for the
 * t_eh_* tests' exec'd children). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int i;
	for (i = 2; i < argc; i++)
		printf("eh_status: %s\n", argv[i]);
	fflush(stdout);
	return argc > 1 ? atoi(argv[1]) : 0;
}
