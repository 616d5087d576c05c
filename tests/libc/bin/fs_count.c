/* fs_count: counts the bytes on stdin and prints the count. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char buf[512];
	long total = 0;
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0)
		total += n;
	printf("%ld bytes%s\n", total, n < 0 ? " (read error)" : "");
	return n < 0;
}
