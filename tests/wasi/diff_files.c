/*
 * diff_files.c - differential test: file and directory operations through
 * libc, printing results whose text is the same on every POSIX system.
 * run.sh builds it natively (gcc) and for wasm32-wasi and compares the
 * stdout of both.  argv[1] is a fresh, empty directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e)
{
	switch (e) {
	case 0: return "OK";
	case ENOENT: return "ENOENT";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case ENOTEMPTY: return "ENOTEMPTY";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case ELOOP: return "ELOOP";
	default: return "other";
	}
}

#define TRY(expr) do { errno = 0; int r_ = (expr); \
	printf("%-44s -> %d %s\n", #expr, r_ < 0 ? -1 : r_ > 0 ? 1 : 0, \
	       ename(r_ < 0 ? errno : 0)); } while (0)

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir)
{
	char *names[64];
	int n = 0, i;
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		printf("opendir %s: %s\n", dir, ename(errno));
		return;
	}
	while ((de = readdir(d)) != NULL && n < 64)
		names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp);
	printf("%s:", dir);
	for (i = 0; i < n; i++) {
		struct stat st;
		char p[512];
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		lstat(p, &st);
		printf(" %s(%c%lld)", names[i],
		       S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' : 'f',
		       S_ISREG(st.st_mode) ? (long long)st.st_size : 0LL);
		free(names[i]);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	char line[256];
	FILE *f;
	int i, fd;
	long pos;

	if (argc < 2 || chdir(argv[1]) != 0) {
		printf("usage/chdir failed\n");
		return 2;
	}
	f = fopen("numbers.txt", "w");
	for (i = 0; i < 100; i++)
		fprintf(f, "%d %x %.3f %s\n", i * i, i * 31, i / 7.0,
			i % 3 ? "odd" : "three");
	fclose(f);
	f = fopen("numbers.txt", "r");
	fseek(f, 0, SEEK_END);
	pos = ftell(f);
	printf("size %ld\n", pos);
	fseek(f, 500, SEEK_SET);
	fgets(line, sizeof(line), f);
	fgets(line, sizeof(line), f);
	printf("line after 500: %s", line);
	fclose(f);
	TRY(mkdir("sub", 0755));
	TRY(mkdir("sub", 0755));
	TRY(mkdir("sub/deeper", 0755));
	TRY(rename("numbers.txt", "sub/n.txt"));
	TRY(rename("missing", "x"));
	TRY(rmdir("sub"));
	TRY(unlink("sub"));
	TRY(symlink("n.txt", "sub/link"));
	TRY(link("sub/n.txt", "sub/hard"));
	TRY(open("sub/n.txt/x", O_RDONLY));
	TRY(open("sub/", O_RDWR));
	TRY(open("sub/nope", O_RDONLY));
	TRY(open("sub/new", O_CREAT | O_EXCL | O_WRONLY, 0644));
	TRY(open("sub/new", O_CREAT | O_EXCL | O_WRONLY, 0644));
	fd = open("sub/new", O_WRONLY | O_APPEND);
	TRY((int)write(fd, "abc", 3));
	TRY((int)write(fd, "defg", 4));
	close(fd);
	TRY(truncate("sub/new", 5));
	TRY(access("sub/new", F_OK));
	list(".");
	list("sub");
	f = fopen("sub/link", "r");
	fgets(line, sizeof(line), f);
	printf("via link: %s", line);
	fclose(f);
	TRY(unlink("sub/link"));
	TRY(unlink("sub/hard"));
	TRY(unlink("sub/new"));
	TRY(unlink("sub/n.txt"));
	TRY(rmdir("sub/deeper"));
	TRY(rmdir("sub"));
	list(".");
	return 0;
}
