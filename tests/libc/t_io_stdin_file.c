/* fstat, lseek and reads of stdin when it is a regular file. */
// stdin: file
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	struct stat st;
	char buf[64];
	ssize_t n;

	CHECK(fstat(0, &st) == 0);
	CHECK(S_ISREG(st.st_mode));
	printf("stdin regular: %d, size %lld\n", S_ISREG(st.st_mode),
	       (long long)st.st_size);
	CHECK(isatty(0) == 0);
	n = read(0, buf, 5);
	CHECK_EQ(n, 5);
	CHECK_EQ(lseek(0, 0, SEEK_CUR), 5);
	CHECK_EQ(lseek(0, 0, SEEK_SET), 0);
	n = read(0, buf, sizeof(buf) - 1);
	CHECK_EQ(n, 11);
	buf[n > 0 ? n : 0] = '\0';
	printf("read %zd: %s", n, buf);
	CHECK(write(0, "x", 1) == -1 && errno == EBADF);
	printf("write to stdin: EBADF\n");
	return libc_done();
}
