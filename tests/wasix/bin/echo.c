/*
 * echo - guest utility for /bin: print the arguments separated by spaces,
 * then a newline (not with -n).
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, newline = 1;
	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			fputc(' ', stdout);
		fputs(argv[i], stdout);
	}
	if (newline)
		fputc('\n', stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}
