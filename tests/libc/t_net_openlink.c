/*
 * open() of names directly in a directory (under wasixrt: one component
 * beneath the /tmp preopen, resolved with the preopen's own fd) that are
 * symlinks, files, directories, dangling and looping links, with and
 * without O_DIRECTORY, O_NOFOLLOW, O_CREAT, O_TRUNC and a trailing
 * slash.  A web server opens files this way on every request, so wasixrt
 * first opens without looking for a final symlink and resolves one only
 * when the kernel refuses it: every case here must still behave as
 * natively.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libc_test.h"

static char path[512];

static const char *at(const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", libc_tmp(), name);
	return path;
}

/* open NAME with FLAGS: "ok" (and what it is) or the errno's name. */
static void try_open(const char *name, int flags, const char *flagstr)
{
	struct stat st;
	int fd = open(at(name), flags, 0644), e = errno;
	const char *what = "?";

	if (fd >= 0) {
		CHECK(fstat(fd, &st) == 0);
		what = S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file"
									   : "other";
		close(fd);
		printf("open(%s, %s): ok, a %s\n", name, flagstr, what);
		return;
	}
	printf("open(%s, %s): %s\n", name, flagstr,
	       e == ENOENT	? "ENOENT"
	       : e == ENOTDIR ? "ENOTDIR"
	       : e == ELOOP	? "ELOOP"
	       : e == EISDIR	? "EISDIR"
	       : e == EEXIST	? "EEXIST"
				: "other errno");
}

#define TRY(name, flags) try_open(name, flags, #flags)

int main(void)
{
	struct stat st;
	char buf[16];
	int fd;

	fd = open(at("f"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "contents", 8) == 8);
	close(fd);
	CHECK(mkdir(at("d"), 0755) == 0);
	CHECK(symlink("f", at("lf")) == 0);
	CHECK(symlink("d", at("ld")) == 0);
	CHECK(symlink("lf", at("llf")) == 0);
	CHECK(symlink("nothere", at("dangling")) == 0);
	CHECK(symlink("loop", at("loop")) == 0);

	TRY("f", O_RDONLY);
	TRY("lf", O_RDONLY);
	TRY("llf", O_RDONLY);
	TRY("d", O_RDONLY);
	TRY("ld", O_RDONLY);
	TRY("d", O_RDONLY | O_DIRECTORY);
	TRY("ld", O_RDONLY | O_DIRECTORY);
	TRY("ld/", O_RDONLY);
	TRY("f", O_RDONLY | O_DIRECTORY);
	TRY("lf", O_RDONLY | O_DIRECTORY);
	TRY("lf/", O_RDONLY);
	TRY("lf", O_RDONLY | O_NOFOLLOW);
	TRY("ld", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	TRY("dangling", O_RDONLY);
	TRY("loop", O_RDONLY);
	TRY("loop", O_RDONLY | O_DIRECTORY);
	TRY("nothing", O_RDONLY);
	TRY("ld", O_WRONLY);
	TRY("lf", O_WRONLY | O_CREAT | O_EXCL);

	/* Reading through a link reads the file. */
	fd = open(at("llf"), O_RDONLY);
	CHECK(fd >= 0);
	CHECK(read(fd, buf, sizeof(buf)) == 8 && memcmp(buf, "contents", 8) == 0);
	close(fd);
	/* O_TRUNC through a link truncates the file. */
	TRY("lf", O_WRONLY | O_TRUNC);
	CHECK(stat(at("f"), &st) == 0 && st.st_size == 0);
	/* O_CREAT through a dangling link creates its target. */
	TRY("dangling", O_WRONLY | O_CREAT);
	printf("the dangling link's target exists: %s\n",
	       stat(at("nothere"), &st) == 0 && S_ISREG(st.st_mode) ? "yes" : "no");
	CHECK(lstat(at("dangling"), &st) == 0 && S_ISLNK(st.st_mode));
	return libc_done();
}
