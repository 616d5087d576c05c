/* fstat, isatty and reads of stdin when it is a pipe (CRuby stats its
 * stdio at start: this once crashed the runtime). */
// stdin: pipe
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	struct stat st;
	char buf[64];
	ssize_t n;
	int i;

	for (i = 0; i < 3; i++)
		CHECK(fstat(i, &st) == 0);
	CHECK(fstat(0, &st) == 0);
	CHECK(!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
	printf("stdin regular: %d, dir: %d\n", S_ISREG(st.st_mode),
	       S_ISDIR(st.st_mode));
	errno = 0;
	CHECK(isatty(0) == 0);
	printf("isatty(0): %d\n", isatty(0));
	CHECK(lseek(0, 0, SEEK_CUR) == -1 && errno == ESPIPE);
	n = read(0, buf, sizeof(buf) - 1);
	CHECK(n == 11);
	buf[n > 0 ? n : 0] = '\0';
	printf("read %zd: %s", n, buf);
	CHECK(read(0, buf, sizeof(buf)) == 0);
	printf("then EOF\n");
	return libc_done();
}
