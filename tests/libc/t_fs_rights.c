// native: skip
/* WASI rights as libcs see them (wasixrt only): preopens report the
 * rights wasmtime's and Wasmer's do, fds opened beneath them the rights
 * their access mode allows; absolute paths resolve through the preopen
 * that holds them; path_link and path_symlink edge cases of the
 * wasi-testsuite. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

#ifdef __wasi__
#include <wasi/api.h>

#define R(x) __WASI_RIGHTS_##x

/* What wasmtime's and Wasmer's tests expect every directory to have. */
static const __wasi_rights_t dir_base =
	R(PATH_CREATE_DIRECTORY) | R(PATH_CREATE_FILE) | R(PATH_LINK_SOURCE) |
	R(PATH_LINK_TARGET) | R(PATH_OPEN) | R(FD_READDIR) |
	R(PATH_READLINK) | R(PATH_RENAME_SOURCE) | R(PATH_RENAME_TARGET) |
	R(PATH_SYMLINK) | R(PATH_REMOVE_DIRECTORY) | R(PATH_UNLINK_FILE) |
	R(PATH_FILESTAT_GET) | R(PATH_FILESTAT_SET_TIMES) |
	R(FD_FILESTAT_GET) | R(FD_FILESTAT_SET_TIMES);
static const __wasi_rights_t file_rights =
	R(FD_DATASYNC) | R(FD_READ) | R(FD_SEEK) | R(FD_FDSTAT_SET_FLAGS) |
	R(FD_SYNC) | R(FD_TELL) | R(FD_WRITE) | R(FD_ADVISE) |
	R(FD_ALLOCATE) | R(FD_FILESTAT_GET) | R(FD_FILESTAT_SET_SIZE) |
	R(FD_FILESTAT_SET_TIMES) | R(POLL_FD_READWRITE);

static int preopen_fd(const char *name)
{
	__wasi_prestat_t ps;
	char buf[64];
	int fd;

	for (fd = 3; __wasi_fd_prestat_get(fd, &ps) == 0; fd++) {
		if (ps.u.dir.pr_name_len >= sizeof(buf))
			continue;
		if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)buf,
					       ps.u.dir.pr_name_len) != 0)
			continue;
		buf[ps.u.dir.pr_name_len] = '\0';
		if (strcmp(buf, name) == 0)
			return fd;
	}
	return -1;
}

int main(void)
{
	__wasi_fdstat_t st;
	__wasi_fd_t nfd;
	struct stat sb;
	int tmp, fd;

	tmp = preopen_fd("/tmp");
	CHECK(tmp >= 3);
	CHECK(__wasi_fd_fdstat_get(tmp, &st) == 0);
	CHECK((st.fs_rights_base & dir_base) == dir_base);
	CHECK((st.fs_rights_inheriting & (dir_base | file_rights)) ==
	      (dir_base | file_rights));

	/* Reopening "." with the rights it has, with none, and as a
	 * directory with read and with read/write (EISDIR). */
	CHECK(__wasi_path_open(tmp, 0, ".", 0, st.fs_rights_base,
			       st.fs_rights_inheriting, 0, &nfd) == 0);
	CHECK(__wasi_fd_fdstat_get(nfd, &st) == 0);
	CHECK((st.fs_rights_base & dir_base) == dir_base);
	CHECK(__wasi_path_open(tmp, 0, ".", 0, 0, 0, 0, &nfd) == 0);
	CHECK(__wasi_path_open(tmp, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
			       &nfd) == 0);
	CHECK(__wasi_path_open(tmp, 0, ".", __WASI_OFLAGS_DIRECTORY,
			       R(FD_READ), 0, 0, &nfd) == 0);
	CHECK(__wasi_path_open(tmp, 0, ".", __WASI_OFLAGS_DIRECTORY,
			       R(FD_READ) | R(FD_WRITE), 0, 0,
			       &nfd) == __WASI_ERRNO_ISDIR);

	/* Files get the rights of their access mode. */
	fd = open("/tmp/f", O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK(__wasi_fd_fdstat_get(fd, &st) == 0);
	CHECK((st.fs_rights_base & file_rights) == file_rights);
	close(fd);
	fd = open("/tmp/f", O_RDONLY);
	CHECK(__wasi_fd_fdstat_get(fd, &st) == 0);
	CHECK(st.fs_rights_base & R(FD_READ));
	CHECK(st.fs_rights_base & R(FD_SEEK));
	CHECK(!(st.fs_rights_base & R(FD_WRITE)));
	close(fd);
	/* A directory opened beneath keeps what files beneath need. */
	CHECK(mkdir("/tmp/sub", 0755) == 0);
	fd = open("/tmp/sub", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK(__wasi_fd_fdstat_get(fd, &st) == 0);
	CHECK((st.fs_rights_base & dir_base) == dir_base);
	CHECK((st.fs_rights_inheriting & file_rights) == file_rights);
	CHECK(openat(fd, "g", O_CREAT | O_WRONLY, 0644) >= 0);

	/* Absolute paths given with a preopen fd (what Zig and the libc do
	 * with a preopen at "/") resolve in the guest's namespace: beneath
	 * a mount, or in the virtual root around them (read-only there). */
	CHECK(__wasi_path_create_directory(tmp, "/tmp/absdir") == 0);
	CHECK(stat("/tmp/absdir", &sb) == 0 && S_ISDIR(sb.st_mode));
	CHECK(__wasi_path_create_directory(tmp, "/elsewhere/x") ==
	      __WASI_ERRNO_NOENT);
	CHECK(__wasi_path_create_directory(tmp, "/elsewhere") ==
	      __WASI_ERRNO_ACCES);
	CHECK(__wasi_path_create_directory(tmp, "/tmp/../escape") ==
	      __WASI_ERRNO_NOTCAPABLE);

	/* wasi-testsuite: a link whose new name ends in '/' is ENOENT.  A
	 * symlink to an absolute path (refused for plain WASI) is a guest
	 * path for a WASIX program: it never reaches the host's files. */
	CHECK(__wasi_path_link(tmp, 0, "f", tmp, "link/") ==
	      __WASI_ERRNO_NOENT);
	CHECK(__wasi_path_link(tmp, 0, "f/", tmp, "link") ==
	      __WASI_ERRNO_NOTDIR);
	CHECK(__wasi_path_symlink("/", tmp, "toroot") == 0);
	CHECK(__wasi_path_symlink("/etc/passwd", tmp, "topasswd") == 0);
	CHECK(stat("/tmp/topasswd", &sb) == -1 && errno == ENOENT);
	CHECK(stat("/tmp/toroot/tmp/f", &sb) == 0 && S_ISREG(sb.st_mode));

	/* The virtual /dev: only its devices open; nothing changes there
	 * and nothing beneath it reaches the host. */
	CHECK(mkdir("/dev/x", 0755) == -1 && errno == EACCES);
	CHECK(unlink("/dev/null") == -1 && errno == EACCES);
	CHECK(rename("/tmp/f", "/dev/f") == -1 && errno == EACCES);
	CHECK(open("/dev/sda", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(open("/dev/../etc/passwd", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(open("/dev/fd/../../etc/passwd", O_RDONLY) == -1);
	CHECK(open("/dev/new", O_CREAT | O_WRONLY, 0644) == -1 &&
	      errno == EACCES);
	fd = open("/dev/null", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(__wasi_fd_fdstat_get(fd, &st) == 0);
	CHECK(st.fs_filetype == __WASI_FILETYPE_CHARACTER_DEVICE);
	CHECK(!(st.fs_rights_base & R(FD_WRITE)));
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF);
	CHECK(!isatty(fd) && errno == ENOTTY);
	close(fd);
	/* /dev/fd/N shares the fd, with no more access than it has. */
	fd = open("/tmp/f", O_RDONLY);
	CHECK(fd >= 0);
	{
		char p[32];
		snprintf(p, sizeof(p), "/dev/fd/%d", fd);
		CHECK(open(p, O_WRONLY) == -1 && errno == EACCES);
		CHECK(open(p, O_RDONLY) >= 0);
	}
	close(fd);
	return libc_done();
}
#else
int main(void)
{
	return 0;
}
#endif
