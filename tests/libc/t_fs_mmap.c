/* The libc's mmap: anonymous memory, a private read of a file, munmap. */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	char path[256], *m;
	size_t i, len = 3 * 4096 + 100;
	int fd;

	m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	if (m != MAP_FAILED) {
		for (i = 0; i < len; i++)
			CHECK_EQ(m[i], 0);
		memset(m, 'z', len);
		printf("anonymous: zeroed, writable\n");
		CHECK(munmap(m, len) == 0);
	}

	snprintf(path, sizeof(path), "%s/mapped.txt", libc_tmp());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK(fd >= 0);
	for (i = 0; i < 5000; i++)
		CHECK(write(fd, i % 2 ? "b" : "a", 1) == 1);
	m = mmap(NULL, 5000, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED);
	if (m != MAP_FAILED) {
		printf("file: %.6s ... %c\n", m, m[4999]);
		CHECK(m[0] == 'a' && m[1] == 'b' && m[4999] == 'b');
		CHECK(munmap(m, 5000) == 0);
	}
	m = mmap(NULL, 100, PROT_READ, MAP_PRIVATE, fd, 4096);
	CHECK(m != MAP_FAILED);
	if (m != MAP_FAILED) {
		printf("file at 4096: %.4s\n", m);
		CHECK(munmap(m, 100) == 0);
	}
	close(fd);
	return libc_done();
}
