// wasixrt: --mapdir /srv/deep/mnt::. --env VR_DEEP=/srv/deep/mnt
/* The directories above the mounted ones, with the real libc: every
 * ancestor of the scratch directory (and, under wasixrt, of a mount at
 * /srv/deep/mnt) is a directory that stat, opendir/readdir (listing the
 * next component), readlink (EINVAL) and realpath agree on; chdir("/")
 * and back; a name that is not there is ENOENT.  Under wasixrt those
 * directories are the virtual root's: nothing can be created in them. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

static int lists(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, name) == 0)
			found = 1;
	closedir(d);
	return found;
}

/* Walk up from `path` (absolute) to "/". */
static void check_ancestors(const char *path)
{
	char buf[PATH_MAX], real[PATH_MAX], parent[PATH_MAX], *slash;
	struct stat st;
	snprintf(buf, sizeof(buf), "%s", path);
	for (;;) {
		CHECK_EQ(stat(buf, &st), 0);
		CHECK(S_ISDIR(st.st_mode));
		errno = 0;
		CHECK_EQ(readlink(buf, real, sizeof(real)), -1);
		CHECK_EQ(errno, EINVAL);
		CHECK(realpath(buf, real) != NULL && strcmp(real, buf) == 0);
		if (strcmp(buf, "/") == 0)
			break;
		slash = strrchr(buf, '/');
		snprintf(parent, sizeof(parent), "%.*s",
			 slash == buf ? 1 : (int)(slash - buf), buf);
		if (lists(parent, slash + 1) != 1)
			fprintf(stderr, "FAIL: %s does not list %s\n", parent,
				slash + 1), libc_failures++;
		snprintf(buf, sizeof(buf), "%s", parent);
	}
}

int main(void)
{
	const char *tmp = getenv("LIBC_TMP");
	char buf[PATH_MAX], sub[PATH_MAX];
	struct stat st;
	int fd;

	CHECK(tmp != NULL && tmp[0] == '/');
	check_ancestors(tmp);
	printf("ancestors of the scratch directory: directories\n");

	snprintf(sub, sizeof(sub), "%s/sub", tmp);
	CHECK_EQ(mkdir(sub, 0755), 0);
	snprintf(buf, sizeof(buf), "%s/sub/../sub/.", tmp);
	CHECK(realpath(buf, buf) != NULL && strcmp(buf, sub) == 0);
	printf("realpath through .. and .: ok\n");

	CHECK_EQ(chdir("/"), 0);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0);
	CHECK_EQ(stat(tmp + 1, &st), 0); /* relative to "/" */
	CHECK_EQ(chdir(tmp), 0);
	CHECK_EQ(stat("sub", &st), 0);
	printf("chdir to / and back: ok\n");

	fd = open("/", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	close(fd);
	errno = 0;
	CHECK_EQ(stat("/no-such-name-in-root", &st), -1);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK_EQ(mkdir("/no-such-name-in-root/x", 0755), -1);
	CHECK_EQ(errno, ENOENT);
	printf("open / and a missing name: ok\n");

#ifdef __wasi__
	/* The virtual root is read-only (the native run may be root's). */
	errno = 0;
	CHECK_EQ(mkdir("/newdir", 0755), -1);
	CHECK_EQ(errno, EACCES);
	errno = 0;
	CHECK_EQ(open("/newfile", O_CREAT | O_WRONLY, 0644), -1);
	CHECK_EQ(errno, EACCES);
	errno = 0;
	CHECK_EQ(open("/", O_WRONLY), -1);
	CHECK_EQ(errno, EISDIR);
	errno = 0;
	CHECK_EQ(mkdir("/", 0755), -1); /* mkdir -p starts there */
	CHECK_EQ(errno, EEXIST);
	errno = 0;
	CHECK_EQ(mkdir("/srv", 0755), -1);
	CHECK_EQ(errno, EEXIST);
	errno = 0;
	CHECK_EQ(rmdir("/srv"), -1);
	CHECK_EQ(errno, EACCES);
	errno = 0;
	CHECK_EQ(symlink("x", "/srv/link"), -1);
	CHECK_EQ(errno, EACCES);
	CHECK(getenv("VR_DEEP") != NULL);
	if (getenv("VR_DEEP") != NULL)
		check_ancestors(getenv("VR_DEEP"));
	CHECK_EQ(lists("/", "dev"), 1);
	CHECK_EQ(lists("/srv", "deep"), 1);
	CHECK_EQ(lists("/srv/deep", "mnt"), 1);
	CHECK_EQ(lists("/srv/deep/mnt", "sub"), 1);
#endif
	return libc_done();
}
