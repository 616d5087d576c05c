/* proc_check BYTES: reads stdin and checks it is exactly proc_produce's
 * sequence of BYTES bytes; prints "ok N" or where it first differs, and
 * exits 0 only when byte-exact. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static unsigned char buf[65536];
	unsigned long total = argc > 1 ? strtoul(argv[1], NULL, 0) : 0, seen = 0;
	unsigned x = 12345;
	ssize_t n;
	while ((n = read(0, buf, sizeof(buf))) > 0) {
		ssize_t i;
		for (i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			if (buf[i] != (unsigned char)(x >> 16)) {
				printf("differs at byte %lu\n", seen + (unsigned long)i);
				return 1;
			}
		}
		seen += (unsigned long)n;
	}
	if (n < 0) {
		perror("proc_check: read");
		return 1;
	}
	printf("%s %lu bytes\n", seen == total ? "ok" : "short:", seen);
	return seen == total ? 0 : 1;
}
