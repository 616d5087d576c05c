// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* PATH_MAX and NAME_MAX: a path longer than 4095 bytes is ENAMETOOLONG
 * for open, stat, mkdir, chdir and execv, one of 4095 bytes works; a
 * component of 256 bytes is ENAMETOOLONG (also under /dev), one of 255
 * works.  Never a shortened path: "/./" runs that shorten to a valid
 * path are still refused when the text is too long, as Linux does.
 * (wasix-libc passes the runtime an absolute path less its preopen's
 * prefix, "/tmp/" here: the runtime's PATH_MAX counts that rest, so the
 * test's long paths are well past 4096 bytes.) */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static char buf[8192];

/* `dir`, then "/." runs (and a second slash where the count is odd),
 * then "/name": `len` bytes in all, naming dir/name.  (Slashes alone
 * would not do: wasix-libc drops them before the runtime sees the
 * path.) */
static const char *padded(const char *dir, const char *name, size_t len)
{
	size_t d = strlen(dir), n = strlen(name), end = len - n - 1;
	memcpy(buf, dir, d);
	if ((end - d) % 2 != 0)
		buf[d++] = '/';
	while (d < end) {
		buf[d++] = '/';
		buf[d++] = '.';
	}
	buf[d++] = '/';
	memcpy(buf + d, name, n + 1);
	return buf;
}

/* `dir` + "/." repeated to `len` bytes at least: names dir itself. */
static const char *dots(const char *dir, size_t len)
{
	size_t d = strlen(dir);
	memcpy(buf, dir, d);
	while (d + 2 <= len) {
		buf[d++] = '/';
		buf[d++] = '.';
	}
	buf[d] = '\0';
	return buf;
}

static const char *report(int r)
{
	if (r >= 0)
		return "ok";
	return errno == ENAMETOOLONG ? "ENAMETOOLONG" : strerror(errno);
}

int main(void)
{
	const char *tmp = libc_tmp();
	char name[300], path[600], exe[256];
	struct stat st;
	int fd, r, status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/x", tmp);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	close(fd);

	fd = open(padded(tmp, "x", 4095), O_RDONLY);
	printf("open, 4095 bytes: %s\n", report(fd));
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	errno = 0;
	fd = open(padded(tmp, "x", 4200), O_RDONLY);
	printf("open, 4200 bytes: %s\n", report(fd));
	CHECK(fd < 0 && errno == ENAMETOOLONG);
	errno = 0;
	r = stat(padded(tmp, "x", 6000), &st);
	printf("stat, 6000 bytes: %s\n", report(r));
	CHECK(r < 0 && errno == ENAMETOOLONG);
	errno = 0;
	r = mkdir(padded(tmp, "d", 4200), 0755);
	printf("mkdir, 4200 bytes: %s\n", report(r));
	CHECK(r < 0 && errno == ENAMETOOLONG);
	errno = 0;
	r = chdir(dots(tmp, 5000));
	printf("chdir, 5000 bytes of /.: %s\n", report(r));
	CHECK(r < 0 && errno == ENAMETOOLONG);

	/* Components. */
	memset(name, 'n', 255);
	name[255] = '\0';
	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	printf("create, 255-byte name: %s\n", report(fd));
	CHECK(fd >= 0);
	if (fd >= 0) {
		close(fd);
		CHECK_EQ(unlink(path), 0);
	}
	strcat(path, "n");
	errno = 0;
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	printf("create, 256-byte name: %s\n", report(fd));
	CHECK(fd < 0 && errno == ENAMETOOLONG);
	errno = 0;
	r = mkdir(path, 0755);
	printf("mkdir, 256-byte name: %s\n", report(r));
	CHECK(r < 0 && errno == ENAMETOOLONG);
	snprintf(path, sizeof(path), "/dev/%sn", name);
	errno = 0;
	r = stat(path, &st);
	printf("stat /dev/ + 256-byte name: %s\n", report(r));
	CHECK(r < 0 && errno == ENAMETOOLONG);

	/* exec: a program path of 5000 bytes that shortens to a real one. */
	snprintf(exe, sizeof(exe), "%s/bound_argsum", libc_bin());
	snprintf(path, sizeof(path), "%s", dots(libc_bin(), 5000));
	strcpy(buf + strlen(buf), "/bound_argsum");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { exe, NULL };
		execv(buf, argv);
		_exit(errno == ENAMETOOLONG ? 3 : 4);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	printf("execv, 5000 bytes: %s\n",
	       WIFEXITED(status) && WEXITSTATUS(status) == 3 ? "ENAMETOOLONG"
							     : "?");
	return libc_done();
}
