/*
 * t_sandbox.c - attempts to leave the preopen (fd 3 = run.sh's sandbox
 * directory): `..`, absolute paths, absolute symlinks, relative symlinks
 * that climb out, symlink chains and loops, trailing slashes, paths
 * through files, and every path_* function used as an escape vector.
 * Each must fail with the right errno; run.sh checks afterwards that the
 * canary directory next to the sandbox is untouched.  Run twice: with
 * openat2 and with the component walk (WASIXRT_NO_OPENAT2).
 *
 * Tree made by run.sh inside the sandbox:
 *   file.txt ("file\n")  dir/inner.txt ("inner\n")  dir/up -> ..
 *   dir/upup -> ../..    abs_link -> <outside>/canary.txt   abs_dir -> /
 *   rel_escape -> ../outside/canary.txt   rel_escape_dir -> ../outside
 *   chain1 -> chain2 -> chain3 -> ../outside   loop1 <-> loop2
 *   self -> self   ok_link -> dir/inner.txt   ok_dir_link -> dir
 *   dotdot_ok -> dir/../file.txt   file_link -> file.txt
 */
#include <wasi/api.h>

#include "wasi_test.h"

#define FOLLOW 1
#define CREAT __WASI_OFLAGS_CREAT
#define DIRECTORY __WASI_OFLAGS_DIRECTORY

static int open_err(int dirfd, int lookup, const char *path, int oflags)
{
	int fd = -1, e;

	e = t_open(dirfd, lookup, path, oflags, R_ALL & ~R_FD_WRITE, 0, &fd);
	if (e == 0)
		__wasi_fd_close(fd);
	return e;
}

static int open_err_w(int dirfd, int lookup, const char *path, int oflags)
{
	int fd = -1, e;

	e = t_open(dirfd, lookup, path, oflags, R_ALL, 0, &fd);
	if (e == 0)
		__wasi_fd_close(fd);
	return e;
}

/* The content of `path` beneath fd 3 must be `want`. */
static void check_content(const char *path, int lookup, const char *want)
{
	char buf[64] = { 0 };
	__wasi_iovec_t iov = { (uint8_t *)buf, sizeof(buf) - 1 };
	__wasi_size_t n = 0;
	int fd = -1;

	CHECK_ERR(t_open(3, lookup, path, 0, R_FD_READ, 0, &fd), 0);
	if (fd < 0)
		return;
	CHECK_ERR(__wasi_fd_read(fd, &iov, 1, &n), 0);
	if (strcmp(buf, want) != 0) {
		fprintf(stderr, "%s: got '%s' want '%s'\n", path, buf, want);
		failures++;
	}
	__wasi_fd_close(fd);
}

static void test_open(void)
{
	/* .. and absolute paths */
	CHECK_ERR(open_err(3, FOLLOW, "..", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "../outside/canary.txt", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "dir/../../outside/canary.txt", 0),
		  E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "dir/../..", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "/etc/passwd", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, 0, "/", 0), E_NOTCAPABLE);
	/* absolute symlinks */
	CHECK_ERR(open_err(3, FOLLOW, "abs_link", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, 0, "abs_link", 0), E_LOOP);
	CHECK_ERR(open_err(3, FOLLOW, "abs_dir/etc/passwd", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, 0, "abs_dir/etc/passwd", 0), E_NOTCAPABLE);
	/* relative symlinks that climb out */
	CHECK_ERR(open_err(3, FOLLOW, "rel_escape", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "rel_escape_dir/canary.txt", 0),
		  E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "dir/upup/outside/canary.txt", 0),
		  E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "dir/upup", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "chain1/canary.txt", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, FOLLOW, "chain1", 0), E_NOTCAPABLE);
	/* loops */
	CHECK_ERR(open_err(3, FOLLOW, "loop1", 0), E_LOOP);
	CHECK_ERR(open_err(3, FOLLOW, "loop1/x", 0), E_LOOP);
	CHECK_ERR(open_err(3, FOLLOW, "self", 0), E_LOOP);
	CHECK_ERR(open_err(3, 0, "self/", 0), E_LOOP);
	/* what is allowed */
	check_content("file.txt", 0, "file\n");
	check_content("ok_link", FOLLOW, "inner\n");
	check_content("ok_dir_link/inner.txt", 0, "inner\n");
	check_content("dotdot_ok", FOLLOW, "file\n");
	check_content("dir/../file.txt", 0, "file\n");
	check_content("dir/up/file.txt", 0, "file\n");
	check_content("dir/up/dir/up/ok_link", FOLLOW, "inner\n");
	check_content("./dir//inner.txt", 0, "inner\n");
	CHECK_ERR(open_err(3, 0, ".", 0), 0);
	CHECK_ERR(open_err(3, 0, "dir/..", DIRECTORY), 0);
	CHECK_ERR(open_err(3, 0, "ok_link", 0), E_LOOP); /* no follow */
	/* trailing slashes */
	CHECK_ERR(open_err(3, 0, "file.txt/", 0), E_NOTDIR);
	CHECK_ERR(open_err(3, 0, "dir/", 0), 0);
	CHECK_ERR(open_err(3, 0, "dir///", 0), 0);
	CHECK_ERR(open_err(3, 0, "ok_dir_link/", 0), 0);
	CHECK_ERR(open_err(3, 0, "file_link/", 0), E_NOTDIR);
	CHECK_ERR(open_err(3, 0, "rel_escape_dir/", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(3, 0, "newdir/", CREAT), E_ISDIR);
	CHECK_ERR(open_err(3, 0, "file.txt", DIRECTORY), E_NOTDIR);
	/* paths through files */
	CHECK_ERR(open_err(3, 0, "file.txt/x", 0), E_NOTDIR);
	CHECK_ERR(open_err(3, 0, "file.txt/..", 0), E_NOTDIR);
	CHECK_ERR(open_err(3, FOLLOW, "file_link/x", 0), E_NOTDIR);
	CHECK_ERR(open_err(3, 0, "missing/x", 0), E_NOENT);
	CHECK_ERR(open_err(3, 0, "", 0), E_NOENT);
	/* bad path bytes */
	{
		int fd;
		CHECK_ERR(raw_path_open(3, 0, P("file.txt\0x"), 10, 0, R_ALL,
					R_ALL, 0, P(&fd)), E_ILSEQ);
		CHECK_ERR(raw_path_open(3, 0, P("\xff\xfe"), 2, 0, R_ALL, R_ALL,
					0, P(&fd)), E_ILSEQ);
		CHECK_ERR(raw_path_open(3, 0, BADPTR, 8, 0, R_ALL, R_ALL, 0,
					P(&fd)), E_FAULT);
		CHECK_ERR(raw_path_open(3, 0, P("file.txt"), 8, 0, R_ALL,
					R_ALL, 0, BADPTR), E_FAULT);
		CHECK_ERR(raw_path_open(3, 0, P("file.txt"), 8, 0x100, R_ALL,
					R_ALL, 0, P(&fd)), E_INVAL);
		CHECK_ERR(raw_path_open(99, 0, P("file.txt"), 8, 0, R_ALL,
					R_ALL, 0, P(&fd)), E_BADF);
	}
	{
		static char longp[5000];
		int fd;
		memset(longp, 'a', sizeof(longp));
		CHECK_ERR(raw_path_open(3, 0, P(longp), sizeof(longp), 0, R_ALL,
					R_ALL, 0, P(&fd)), E_NAMETOOLONG);
	}
	/* writes through escapes, incl. creating through a dangling link */
	CHECK_ERR(open_err_w(3, 0, "../outside/new.txt", CREAT), E_NOTCAPABLE);
	CHECK_ERR(open_err_w(3, FOLLOW, "rel_escape", CREAT | __WASI_OFLAGS_TRUNC),
		  E_NOTCAPABLE);
	CHECK_ERR(open_err_w(3, FOLLOW, "abs_link", __WASI_OFLAGS_TRUNC),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_symlink("../outside/created.txt", 3, "dangling"), 0);
	CHECK_ERR(open_err_w(3, FOLLOW, "dangling", CREAT), E_NOTCAPABLE);
	CHECK_ERR(open_err_w(3, 0, "dangling", CREAT), E_LOOP);
	/* a dangling link inside the sandbox may be created through */
	CHECK_ERR(__wasi_path_symlink("dir/made.txt", 3, "dangling_ok"), 0);
	CHECK_ERR(open_err_w(3, FOLLOW, "dangling_ok", CREAT), 0);
	CHECK_ERR(open_err(3, 0, "dir/made.txt", 0), 0);
}

static void test_subdir_root(void)
{
	int d = -1, f = -1;

	/* A directory fd is its own capability: no way above it. */
	CHECK_ERR(t_open(3, 0, "dir", DIRECTORY, R_ALL, 0, &d), E_ISDIR);
	CHECK_ERR(t_open(3, 0, "dir", DIRECTORY, R_ALL & ~R_FD_WRITE, 0, &d), 0);
	CHECK_ERR(open_err(d, 0, "../file.txt", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(d, FOLLOW, "up/file.txt", 0), E_NOTCAPABLE);
	CHECK_ERR(open_err(d, 0, "inner.txt", 0), 0);
	/* a file is not a directory fd */
	CHECK_ERR(t_open(3, 0, "file.txt", 0, R_ALL, 0, &f), 0);
	CHECK_ERR(open_err(f, 0, "x", 0), E_NOTDIR);
	CHECK_ERR(__wasi_path_create_directory(f, "x"), E_NOTDIR);
	__wasi_fd_close(f);
	/* a directory without PATH_OPEN cannot open */
	CHECK_ERR(__wasi_fd_fdstat_set_rights(d, R_FD_READDIR, 0), 0);
	CHECK_ERR(open_err(d, 0, "inner.txt", 0), E_NOTCAPABLE);
	__wasi_fd_close(d);
}

static void test_path_ops(void)
{
	__wasi_filestat_t st;
	char buf[256];
	__wasi_size_t used;

	/* create / remove directories */
	CHECK_ERR(__wasi_path_create_directory(3, "../evil"), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_create_directory(3, "rel_escape_dir/evil"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_create_directory(3, "/abs"), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_create_directory(3, "newdir"), 0);
	CHECK_ERR(__wasi_path_create_directory(3, "newdir"), E_EXIST);
	CHECK_ERR(__wasi_path_create_directory(3, "newdir2/"), 0);
	CHECK_ERR(__wasi_path_create_directory(3, "file.txt/"), E_NOTDIR);
	CHECK_ERR(__wasi_path_create_directory(3, "file.txt/x"), E_NOTDIR);
	CHECK_ERR(__wasi_path_remove_directory(3, "rel_escape_dir"), E_NOTDIR);
	CHECK_ERR(__wasi_path_remove_directory(3, "rel_escape_dir/.."),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_remove_directory(3, ".."), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_remove_directory(3, "file.txt"), E_NOTDIR);
	CHECK_ERR(__wasi_path_remove_directory(3, "dir"), E_NOTEMPTY);
	CHECK_ERR(__wasi_path_remove_directory(3, "newdir/"), 0);
	CHECK_ERR(__wasi_path_remove_directory(3, "newdir2"), 0);
	CHECK_ERR(__wasi_path_remove_directory(3, "newdir"), E_NOENT);

	/* unlink */
	CHECK_ERR(__wasi_path_unlink_file(3, "../outside/canary.txt"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_unlink_file(3, "rel_escape_dir/canary.txt"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_unlink_file(3, "abs_dir/tmp/x"), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_unlink_file(3, "dir"), E_ISDIR);
	CHECK_ERR(__wasi_path_unlink_file(3, "dir/"), E_ISDIR);
	CHECK_ERR(__wasi_path_unlink_file(3, "file.txt/"), E_NOTDIR);
	CHECK_ERR(__wasi_path_unlink_file(3, "dangling"), 0); /* the link */
	CHECK_ERR(__wasi_path_unlink_file(3, "dangling"), E_NOENT);

	/* stat */
	CHECK_ERR(__wasi_path_filestat_get(3, FOLLOW, "abs_link", &st),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "abs_link", &st), 0);
	CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
	CHECK_ERR(__wasi_path_filestat_get(3, FOLLOW, "ok_link", &st), 0);
	CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 6);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "ok_dir_link/", &st), 0);
	CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "file.txt/", &st), E_NOTDIR);
	CHECK_ERR(__wasi_path_filestat_get(3, FOLLOW, "loop1", &st), E_LOOP);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "loop1", &st), 0);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "../outside", &st),
		  E_NOTCAPABLE);
	CHECK_ERR(raw_path_filestat_get(3, 0, P("file.txt"), 8, BADPTR), E_FAULT);
	CHECK_ERR(__wasi_path_filestat_set_times(3, FOLLOW, "rel_escape", 0, 0,
		  __WASI_FSTFLAGS_MTIM_NOW), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_filestat_set_times(3, 0, "file.txt", 0,
		  1000000000ull * 42, __WASI_FSTFLAGS_MTIM), 0);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "file.txt", &st), 0);
	CHECK(st.mtim == 42000000000ull);

	/* readlink: text of the link itself, never followed */
	CHECK_ERR(__wasi_path_readlink(3, "rel_escape", (uint8_t *)buf,
		  sizeof(buf), &used), 0);
	CHECK(used == 21 && memcmp(buf, "../outside/canary.txt", 21) == 0);
	CHECK_ERR(__wasi_path_readlink(3, "rel_escape", (uint8_t *)buf, 4,
		  &used), 0);
	CHECK(used == 4);
	CHECK_ERR(__wasi_path_readlink(3, "file.txt", (uint8_t *)buf,
		  sizeof(buf), &used), E_INVAL);
	CHECK_ERR(__wasi_path_readlink(3, "../outside/x", (uint8_t *)buf,
		  sizeof(buf), &used), E_NOTCAPABLE);
	CHECK_ERR(raw_path_readlink(3, P("ok_link"), 7, BADPTR, 10, P(&used)),
		  E_FAULT);

	/* rename / link / symlink as escape vectors */
	CHECK_ERR(__wasi_path_rename(3, "file.txt", 3, "../outside/moved"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_rename(3, "rel_escape_dir/canary.txt", 3,
		  "stolen"), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_rename(3, "file.txt", 3, "abs_dir/tmp/x"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_link(3, FOLLOW, "abs_link", 3, "hard"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_link(3, FOLLOW, "rel_escape", 3, "hard"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_link(3, 0, "file.txt", 3, "../outside/hard"),
		  E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_symlink("x", 3, "../outside/sym"), E_NOTCAPABLE);
	CHECK_ERR(__wasi_path_symlink("x", 3, "rel_escape_dir/sym"),
		  E_NOTCAPABLE);
	/* and as ordinary operations */
	CHECK_ERR(__wasi_path_link(3, 0, "file.txt", 3, "hard"), 0);
	CHECK_ERR(__wasi_path_filestat_get(3, 0, "hard", &st), 0);
	CHECK(st.nlink == 2);
	CHECK_ERR(__wasi_path_link(3, 0, "file.txt", 3, "hard"), E_EXIST);
	CHECK_ERR(__wasi_path_link(3, 0, "file.txt/", 3, "hard2"), E_NOTDIR);
	CHECK_ERR(__wasi_path_rename(3, "hard", 3, "dir/hard"), 0);
	CHECK_ERR(__wasi_path_rename(3, "dir/hard/", 3, "hard"), E_NOTDIR);
	CHECK_ERR(__wasi_path_unlink_file(3, "dir/hard"), 0);
	CHECK_ERR(__wasi_path_symlink("file.txt", 3, "sym"), 0);
	CHECK_ERR(__wasi_path_symlink("file.txt", 3, "sym"), E_EXIST);
	check_content("sym", FOLLOW, "file\n");
	CHECK_ERR(__wasi_path_rename(3, "sym", 3, "sym2"), 0);
	CHECK_ERR(__wasi_path_unlink_file(3, "sym2"), 0);
	CHECK_ERR(raw_path_symlink(BADPTR, 4, 3, P("s"), 1), E_FAULT);
	CHECK_ERR(raw_path_rename(3, P("a"), 1, 3, BADPTR, 1), E_FAULT);
}

int main(void)
{
	test_open();
	test_subdir_root();
	test_path_ops();
	DONE();
}
