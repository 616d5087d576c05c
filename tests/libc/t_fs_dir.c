/* Directories and names: mkdir, rmdir, opendir/readdir/rewinddir,
 * rename, unlink, link, symlink, readlink, realpath. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in `dir`, sorted, on one line. */
static int list(const char *dir)
{
	char *names[64];
	struct dirent *de;
	int n = 0, i, dots = 0;
	DIR *d = opendir(dir);

	CHECK(d != NULL);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL && n < 64) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
			dots++;
			continue;
		}
		names[n++] = strdup(de->d_name);
	}
	CHECK_EQ(dots, 2);
	qsort(names, n, sizeof(names[0]), cmp);
	printf("%s:", dir);
	for (i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
	/* rewinddir starts over: count again. */
	rewinddir(d);
	i = 0;
	while ((de = readdir(d)) != NULL)
		i++;
	CHECK_EQ(i, n + 2);
	closedir(d);
	return n;
}

static void touch(const char *p, const char *text)
{
	int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

int main(void)
{
	char buf[PATH_MAX], rp[PATH_MAX], base[PATH_MAX];
	struct stat st, st2;
	ssize_t n;
	DIR *d;

	CHECK(chdir(libc_tmp()) == 0);
	CHECK(getcwd(base, sizeof(base)) != NULL);
	CHECK(mkdir("d", 0755) == 0);
	errno = 0;
	CHECK(mkdir("d", 0755) == -1 && errno == EEXIST);
	printf("mkdir twice: EEXIST %d\n", errno == EEXIST);
	touch("d/one", "1");
	touch("d/two", "22");
	CHECK(mkdir("d/sub", 0700) == 0);
	CHECK(list("d") == 3);

	CHECK(rename("d/one", "d/uno") == 0);
	CHECK(access("d/one", F_OK) == -1 && errno == ENOENT);
	CHECK(rename("d/two", "d/uno") == 0); /* replaces */
	CHECK(stat("d/uno", &st) == 0 && st.st_size == 2);
	printf("rename replaced: size %lld\n", (long long)st.st_size);
	CHECK(list("d") == 2);
	errno = 0;
	CHECK(rename("d/uno", "d/sub") == -1 && errno == EISDIR);
	printf("rename file onto dir: EISDIR %d\n", errno == EISDIR);

	CHECK(link("d/uno", "d/hard") == 0);
	CHECK(stat("d/uno", &st) == 0 && stat("d/hard", &st2) == 0);
	CHECK(st.st_ino == st2.st_ino && st.st_nlink == 2);
	printf("link: same inode %d, nlink %lu\n", st.st_ino == st2.st_ino,
	       (unsigned long)st.st_nlink);
	CHECK(symlink("uno", "d/soft") == 0);
	n = readlink("d/soft", buf, sizeof(buf));
	CHECK_EQ(n, 3);
	printf("readlink: %.*s\n", (int)(n > 0 ? n : 0), buf);
	CHECK(lstat("d/soft", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat("d/soft", &st) == 0 && S_ISREG(st.st_mode));
	errno = 0;
	CHECK(readlink("d/uno", buf, sizeof(buf)) == -1 && errno == EINVAL);
	printf("readlink of a file: EINVAL %d\n", errno == EINVAL);
	CHECK(symlink("sub/../uno", "d/soft2") == 0);
	CHECK(realpath("d/soft2", rp) != NULL);
	CHECK(strncmp(rp, base, strlen(base)) == 0);
	printf("realpath d/soft2: %s\n", rp + strlen(base));
	CHECK(realpath("./d/sub/..//uno", rp) != NULL);
	printf("realpath ./d/sub/..//uno: %s\n", rp + strlen(base));
	errno = 0;
	CHECK(realpath("d/missing", rp) == NULL && errno == ENOENT);
	printf("realpath missing: ENOENT %d\n", errno == ENOENT);
	CHECK(list("d") == 5);

	/* telldir/seekdir come back to an entry. */
	d = opendir("d");
	CHECK(d != NULL);
	if (d != NULL) {
		long pos;
		struct dirent *de;
		char name[256];
		CHECK(readdir(d) != NULL);
		pos = telldir(d);
		de = readdir(d);
		CHECK(de != NULL);
		snprintf(name, sizeof(name), "%s", de ? de->d_name : "");
		CHECK(readdir(d) != NULL);
		seekdir(d, pos);
		de = readdir(d);
		CHECK(de != NULL && strcmp(de->d_name, name) == 0);
		printf("seekdir: back to the same entry %d\n",
		       de != NULL && strcmp(de->d_name, name) == 0);
		closedir(d);
	}
	/* Directories: onto a non-empty one, into itself, rmdir ".". */
	CHECK(mkdir("e", 0755) == 0 && mkdir("e/x", 0755) == 0);
	errno = 0;
	CHECK(rename("d/sub", "e") == -1 &&
	      (errno == ENOTEMPTY || errno == EEXIST));
	printf("rename onto a non-empty dir: %d\n",
	       errno == ENOTEMPTY || errno == EEXIST);
	errno = 0;
	CHECK(rename("e", "e/x/y") == -1 && errno == EINVAL);
	printf("rename into itself: EINVAL %d\n", errno == EINVAL);
	CHECK(rename("e/x", "d/sub/x") == 0);
	CHECK(rmdir("d/sub/x") == 0 && rmdir("e") == 0);
	errno = 0;
	CHECK(rmdir("d/sub/.") == -1 && errno == EINVAL);
	printf("rmdir of .: EINVAL %d\n", errno == EINVAL);
	errno = 0;
	CHECK(rmdir("d") == -1 && (errno == ENOTEMPTY || errno == EEXIST));
	printf("rmdir non-empty: %d\n", errno == ENOTEMPTY || errno == EEXIST);
	errno = 0;
	CHECK(unlink("d/sub") == -1 && (errno == EISDIR || errno == EPERM));
	CHECK(rmdir("d/uno") == -1 && errno == ENOTDIR);
	printf("rmdir a file: ENOTDIR %d\n", errno == ENOTDIR);
	CHECK(unlink("d/uno") == 0 && unlink("d/hard") == 0);
	CHECK(unlink("d/soft") == 0 && unlink("d/soft2") == 0);
	CHECK(rmdir("d/sub") == 0);
	CHECK(list("d") == 0);
	CHECK(rmdir("d") == 0);
	d = opendir("d");
	CHECK(d == NULL && errno == ENOENT);
	printf("all removed\n");
	return libc_done();
}
