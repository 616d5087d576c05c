/* proc_fds NAME:FD... [--then PROG ARGS...]: for each, "NAME open" or
 * "NAME closed"; with "-r NAME:FD" reads that fd to EOF and prints what
 * came; "--then" execs PROG (by PATH) with the rest as its arguments.  Tells a test
 * which descriptors an exec or a spawn left to the new program (by name:
 * the numbers differ between the sides, where preopens take 3 and up). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--then") == 0 && i + 1 < argc) {
			fflush(stdout);
			execvp(argv[i + 1], argv + i + 1);
			perror("proc_fds: execvp");
			return 127;
		}
		int rd = strcmp(argv[i], "-r") == 0 && i + 1 < argc;
		char *spec = rd ? argv[++i] : argv[i];
		char *colon = strchr(spec, ':');
		int fd;
		if (colon == NULL)
			return 2;
		*colon = '\0';
		fd = atoi(colon + 1);
		if (rd) {
			char buf[256];
			ssize_t n;
			printf("%s says: ", spec);
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				fwrite(buf, 1, (size_t)n, stdout);
			if (n < 0)
				printf("(read error: %s)", strerror(errno));
			printf("\n");
			continue;
		}
		printf("%s %s\n", spec, fcntl(fd, F_GETFD) >= 0 ? "open" : "closed");
	}
	fflush(stdout);
	return 0;
}
