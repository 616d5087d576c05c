/* In a terminal: isatty, tcgetattr's echo and canonical flags, opening
 * /dev/tty; run in a pseudo-terminal by the harness. */
// stdin: tty
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	struct termios tio;
	struct stat st;
	int fd;

	CHECK(isatty(0) && isatty(1) && isatty(2));
	printf("isatty: %d %d %d\n", isatty(0), isatty(1), isatty(2));
	CHECK(fstat(0, &st) == 0 && S_ISCHR(st.st_mode));
	printf("fstat(0): chr %d\n", S_ISCHR(st.st_mode));
	CHECK(tcgetattr(0, &tio) == 0);
	printf("tcgetattr: echo %d, canonical %d\n", !!(tio.c_lflag & ECHO),
	       !!(tio.c_lflag & ICANON));
	fd = open("/dev/tty", O_RDWR);
	CHECK(fd >= 0);
	CHECK(isatty(fd));
	printf("/dev/tty: opened, isatty %d\n", fd >= 0 && isatty(fd));
	if (fd >= 0)
		close(fd);
	return libc_done();
}
