/* proc_fds FD...: for each fd, "fd N open" or "fd N closed"; with
 * "-r FD" reads that fd to EOF and prints what came.  Tells a test which
 * descriptors an exec or a spawn left to the new program. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
			char buf[256];
			ssize_t n;
			int fd = atoi(argv[++i]);
			printf("fd %d says: ", fd);
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				fwrite(buf, 1, (size_t)n, stdout);
			printf("%s\n", n < 0 ? "(read error)" : "");
			continue;
		}
		int fd = atoi(argv[i]);
		printf("fd %d %s\n", fd, fcntl(fd, F_GETFD) >= 0 ? "open" : "closed");
	}
	fflush(stdout);
	return 0;
}
