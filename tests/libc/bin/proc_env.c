/* proc_env NAME...: prints NAME=value (or NAME unset) for each name, then
 * how many variables its environment holds in all. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i, n = 0;
	for (i = 1; i < argc; i++) {
		const char *v = getenv(argv[i]);
		if (v != NULL)
			printf("%s=%s\n", argv[i], v);
		else
			printf("%s unset\n", argv[i]);
	}
	while (environ[n] != NULL)
		n++;
	printf("env count %s\n", n > 0 ? "nonzero" : "zero");
	return 0;
}
