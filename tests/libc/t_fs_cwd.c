/* getcwd, chdir and relative paths after it.  (This wasix-libc has no
 * fchdir: its unistd.h declares it only for upstream musl.) */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

/* The cwd relative to the scratch dir, which differs between the sides. */
static const char *rel_cwd(char *buf, size_t n, const char *base)
{
	size_t bl = strlen(base);
	if (getcwd(buf, n) == NULL)
		return "(getcwd failed)";
	if (strncmp(buf, base, bl) != 0)
		return buf;
	return buf[bl] ? buf + bl : "/";
}

int main(void)
{
	char base[PATH_MAX], buf[PATH_MAX];
	struct stat st;
	int dfd, fd;

	CHECK(chdir(libc_tmp()) == 0);
	CHECK(getcwd(base, sizeof(base)) != NULL);
	CHECK(base[0] == '/');
	CHECK(mkdir("a", 0755) == 0);
	CHECK(mkdir("a/b", 0755) == 0);
	CHECK(chdir("a") == 0);
	printf("after chdir a: %s\n", rel_cwd(buf, sizeof(buf), base));
	fd = open("f.txt", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "abc", 3) == 3);
	close(fd);
	CHECK(chdir("b") == 0);
	printf("after chdir b: %s\n", rel_cwd(buf, sizeof(buf), base));
	CHECK(stat("../f.txt", &st) == 0 && st.st_size == 3);
	printf("../f.txt size %lld\n", (long long)st.st_size);
	CHECK(chdir("..") == 0);
	printf("after chdir ..: %s\n", rel_cwd(buf, sizeof(buf), base));
	CHECK(access("f.txt", F_OK) == 0);
	CHECK(chdir("./b/../b/.") == 0);
	printf("after chdir ./b/../b/.: %s\n", rel_cwd(buf, sizeof(buf), base));

	CHECK(chdir(base) == 0);
	printf("after chdir to the absolute base: %s\n",
	       rel_cwd(buf, sizeof(buf), base));
	CHECK(stat("a/f.txt", &st) == 0);
	dfd = open("a/b", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	close(dfd);
	CHECK(chdir("a/b") == 0);
	printf("after chdir a/b: %s\n", rel_cwd(buf, sizeof(buf), base));
	errno = 0;
	CHECK(chdir("nonexistent") == -1 && errno == ENOENT);
	printf("chdir nonexistent: ENOENT %d\n", errno == ENOENT);
	CHECK(chdir("../f.txt") == -1 && errno == ENOTDIR);
	printf("chdir to a file: ENOTDIR %d\n", errno == ENOTDIR);
	errno = 0;
	CHECK(getcwd(buf, 2) == NULL && errno == ERANGE);
	printf("getcwd small buffer: ERANGE %d\n", errno == ERANGE);
	{
		char cur[PATH_MAX], *dyn = getcwd(NULL, 0);
		CHECK(getcwd(cur, sizeof(cur)) != NULL);
		CHECK(dyn != NULL && strcmp(dyn, cur) == 0);
		printf("getcwd(NULL, 0): %s\n", dyn ? rel_cwd(buf, sizeof(buf), base) : "NULL");
		free(dyn);
	}
	printf("cwd unchanged: %s\n", rel_cwd(buf, sizeof(buf), base));
	return libc_done();
}
