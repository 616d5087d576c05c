/*
 * diff_stdio.c - differential test: stdin to stdout processing, argv,
 * formatting, sorting, large writes.  run.sh pipes the same input into
 * the native and the wasm build and compares stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	char *lines[4096], buf[1024];
	size_t n = 0, i, words = 0, bytes = 0;
	char *big;

	for (i = 1; i < (size_t)argc; i++)
		printf("arg %zu: [%s]\n", i, argv[i]);
	while (n < 4096 && fgets(buf, sizeof(buf), stdin)) {
		char *p = buf;
		bytes += strlen(buf);
		while (*p) {
			while (*p == ' ' || *p == '\n' || *p == '\t')
				p++;
			if (*p)
				words++;
			while (*p && *p != ' ' && *p != '\n' && *p != '\t')
				p++;
		}
		lines[n++] = strdup(buf);
	}
	qsort(lines, n, sizeof(lines[0]), cmp);
	printf("lines %zu words %zu bytes %zu\n", n, words, bytes);
	for (i = 0; i < n && i < 10; i++)
		printf("%3zu| %s", i, lines[i]);
	for (i = 0; i < n; i++)
		free(lines[i]);
	printf("%08.3f|%-6s|%+d|%e|%g\n", 3.14159, "ab", 42, 12345.678, 0.0001);
	/* one big write: the runtime must not lose a byte of it */
	big = malloc(1 << 20);
	for (i = 0; i < (1u << 20); i++)
		big[i] = (char)('a' + i % 26);
	big[(1 << 20) - 1] = '\n';
	fwrite(big, 1, 1 << 20, stdout);
	free(big);
	return 0;
}
