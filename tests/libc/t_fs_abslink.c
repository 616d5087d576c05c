/* Symlinks to absolute paths with the real libc: made (symlink), read
 * back as written (readlink), followed at the end and in the middle of a
 * path (stat, open, opendir, realpath), to "/" itself, to a program that
 * posix_spawn runs; a dangling one is ENOENT, a loop ELOOP, unlink
 * removes the link and not its target.  Under wasixrt an absolute target
 * is a guest path, followed from the guest's root. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

extern char **environ;

static char *at(const char *dir, const char *name)
{
	static char bufs[4][PATH_MAX];
	static int k;
	char *b = bufs[k++ & 3];
	snprintf(b, PATH_MAX, "%s/%s", dir, name);
	return b;
}

int main(void)
{
	const char *tmp = getenv("LIBC_TMP");
	char buf[PATH_MAX], real[PATH_MAX];
	struct stat st;
	ssize_t n;
	DIR *d;
	int fd, status;
	pid_t pid;

	CHECK(tmp != NULL && tmp[0] == '/');
	CHECK_EQ(mkdir(at(tmp, "tdir"), 0755), 0);
	CHECK_EQ(symlink(at(tmp, "tdir"), at(tmp, "l1")), 0);
	n = readlink(at(tmp, "l1"), buf, sizeof(buf) - 1);
	CHECK(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strcmp(buf, at(tmp, "tdir")) == 0);
	printf("readlink gives the absolute target as written\n");

	/* Followed at the end, and in the middle of a path. */
	CHECK_EQ(stat(at(tmp, "l1"), &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(lstat(at(tmp, "l1"), &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	fd = open(at(tmp, "l1/file"), O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "abc", 3), 3);
	close(fd);
	CHECK_EQ(stat(at(tmp, "tdir/file"), &st), 0);
	CHECK_EQ(st.st_size, 3);
	d = opendir(at(tmp, "l1"));
	CHECK(d != NULL);
	if (d != NULL)
		closedir(d);
	CHECK(realpath(at(tmp, "l1/file"), real) != NULL &&
	      strcmp(real, at(tmp, "tdir/file")) == 0);
	printf("followed at the end and in the middle; realpath resolves it\n");

	/* A link to "/" and down again. */
	CHECK_EQ(symlink("/", at(tmp, "root")), 0);
	snprintf(buf, sizeof(buf), "%s/root%s/tdir/file", tmp, tmp);
	CHECK_EQ(stat(buf, &st), 0);
	CHECK_EQ(st.st_size, 3);
	printf("through a link to /: ok\n");

	/* Dangling, a loop, unlink. */
	CHECK_EQ(symlink(at(tmp, "missing"), at(tmp, "dangle")), 0);
	errno = 0;
	CHECK_EQ(stat(at(tmp, "dangle"), &st), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(symlink(at(tmp, "loop"), at(tmp, "loop")), 0);
	errno = 0;
	CHECK_EQ(stat(at(tmp, "loop"), &st), -1);
	CHECK_EQ(errno, ELOOP);
	errno = 0;
	CHECK_EQ(open(at(tmp, "loop/x"), O_RDONLY), -1);
	CHECK_EQ(errno, ELOOP);
	CHECK_EQ(unlink(at(tmp, "l1")), 0);
	CHECK_EQ(stat(at(tmp, "tdir/file"), &st), 0);
	printf("dangling ENOENT, loop ELOOP, unlink keeps the target\n");

	/* A program reached through an absolute link. */
	snprintf(real, sizeof(real), "%s/proc_echo", libc_bin());
	CHECK_EQ(symlink(real, at(tmp, "prog")), 0);
	{
		char *av[] = {"prog", "via-link", NULL};
		fflush(stdout);
		CHECK_EQ(posix_spawn(&pid, at(tmp, "prog"), NULL, NULL, av,
				     environ), 0);
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	return libc_done();
}
