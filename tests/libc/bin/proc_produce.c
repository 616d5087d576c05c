/* proc_produce BYTES: writes BYTES bytes of a known pseudo-random sequence
 * to stdout in odd-sized writes. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static unsigned char buf[40000];
	unsigned long total = argc > 1 ? strtoul(argv[1], NULL, 0) : 0, done = 0;
	unsigned x = 12345, chunk = 1;
	while (done < total) {
		size_t n = (chunk * 7919u) % sizeof(buf) + 1, i;
		chunk++;
		if (n > total - done)
			n = total - done;
		for (i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (unsigned char)(x >> 16);
		}
		size_t off = 0;
		while (off < n) {
			ssize_t w = write(1, buf + off, n - off);
			if (w <= 0) {
				perror("proc_produce: write");
				return 1;
			}
			off += (size_t)w;
		}
		done += n;
	}
	return 0;
}
