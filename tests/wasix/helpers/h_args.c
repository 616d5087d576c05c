/*
 * h_args - test helper exec'd by the WASIX tests: prints argc, each
 * argument in brackets, and the value of each variable named after "--env"
 * ("NAME=(unset)" when absent), one item per line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i;
	printf("argc=%d\n", argc);
	for (i = 0; i < argc && strcmp(argv[i], "--env") != 0; i++)
		printf("[%s]\n", argv[i]);
	for (i++; i < argc; i++) {
		const char *v = getenv(argv[i]);
		printf("%s=%s\n", argv[i], v ? v : "(unset)");
	}
	return 0;
}
