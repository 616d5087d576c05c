/*
 * net_peer FD CLOSED_FD - a program exec'd with an inherited socket:
 * writes "from exec" to FD and exits 0 if CLOSED_FD (a socket that had
 * FD_CLOEXEC) is not open, 3 if it is, 2 if the write fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 1;
	int fd = atoi(argv[1]), closed = atoi(argv[2]);
	if (write(fd, "from exec", 9) != 9)
		return 2;
	if (fcntl(closed, F_GETFD) != -1 || errno != EBADF)
		return 3;
	return 0;
}
