/* Stdin is /dev/null: a character device, not a tty; reads give EOF;
 * the tty calls fail with ENOTTY. */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	struct termios tio;
	struct stat st;
	char buf[8];

	CHECK(fstat(0, &st) == 0);
	CHECK(S_ISCHR(st.st_mode));
	printf("stdin chr: %d\n", S_ISCHR(st.st_mode));
	errno = 0;
	CHECK(isatty(0) == 0);
	CHECK(errno == ENOTTY);
	printf("isatty(0): %d (%s)\n", isatty(0), errno == ENOTTY ? "ENOTTY" : "?");
	errno = 0;
	CHECK(tcgetattr(0, &tio) == -1);
	CHECK(errno == ENOTTY);
	printf("tcgetattr: ENOTTY %d\n", errno == ENOTTY);
	CHECK(read(0, buf, sizeof(buf)) == 0);
	printf("read: EOF\n");
	return libc_done();
}
