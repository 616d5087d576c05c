/* fs_count [FILE]: counts the bytes of FILE (default stdin) and prints
 * the count; exit 2 if FILE cannot be opened. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[512];
	long total = 0;
	ssize_t n;
	int fd = argc > 1 ? open(argv[1], O_RDONLY) : 0;

	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	printf("%ld bytes%s\n", total, n < 0 ? " (read error)" : "");
	return n < 0;
}
