/* proc_cat: copies stdin to stdout in 64 KiB reads (a pipeline stage). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	static char buf[65536];
	ssize_t n;
	while ((n = read(0, buf, sizeof(buf))) > 0) {
		ssize_t off = 0;
		while (off < n) {
			ssize_t w = write(1, buf + off, (size_t)(n - off));
			if (w <= 0) {
				perror("proc_cat: write");
				return 1;
			}
			off += w;
		}
	}
	if (n < 0) {
		perror("proc_cat: read");
		return 1;
	}
	return 0;
}
