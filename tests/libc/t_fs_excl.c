/* open(O_CREAT|O_EXCL) on a name that is a symlink fails with EEXIST
 * whatever the link points to (POSIX: the link is not followed), even
 * when its target is outside the directory tree or does not exist. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	struct stat st;

	CHECK(chdir(libc_tmp()) == 0);
	CHECK(symlink("../../../../../../../../../../etc/passwd", "out") == 0);
	CHECK(symlink("missing", "dangling") == 0);
	errno = 0;
	CHECK(open("out", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 &&
	      errno == EEXIST);
	printf("escaping link: EEXIST %d\n", errno == EEXIST);
	errno = 0;
	CHECK(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 &&
	      errno == EEXIST);
	printf("dangling link: EEXIST %d\n", errno == EEXIST);
	CHECK(lstat("missing", &st) == -1 && errno == ENOENT);
	printf("dangling target not created\n");
	errno = 0;
	CHECK(mkdir("out", 0755) == -1 && errno == EEXIST);
	printf("mkdir on link: EEXIST %d\n", errno == EEXIST);
	return libc_done();
}
