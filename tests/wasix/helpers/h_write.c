/*
 * h_write - test helper exec'd by the WASIX tests: writes argv[1] to the
 * fd given as argv[2] (default 1) with a newline, then exits with argv[3]
 * (default 0).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = argc > 2 ? atoi(argv[2]) : 1;
	if (argc > 1) {
		if (write(fd, argv[1], strlen(argv[1])) < 0 ||
		    write(fd, "\n", 1) != 1)
			return 98;
	}
	return argc > 3 ? atoi(argv[3]) : 0;
}
