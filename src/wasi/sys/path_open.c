/*
 * path_open.c - path_open(dirfd, dirflags, path, path_len, oflags,
 * rights_base:i64, rights_inheriting:i64, fdflags, ret_fd) -> errno
 * (wasix-abi.md 2a).
 *
 * The path is resolved beneath dirfd (path.c), following a final symlink
 * only with dirflags SYMLINK_FOLLOW; the file is then opened with
 * openat(parent, name, O_NOFOLLOW | ...), so nothing outside the sandbox
 * can be reached even if the tree changes meanwhile (a symlink swapped in
 * gives ELOOP; when following, we resolve again a few times).  A
 * following open first tries without looking for a final symlink (most
 * names are none: one fstatat fewer per open); only when the kernel
 * refuses the link (ELOOP, or ENOTDIR under O_DIRECTORY) is the path
 * resolved again following it.
 *
 * Access mode from the requested rights, as wasmtime does: read if any of
 * FD_READ/FD_READDIR, write if any of FD_WRITE/FD_DATASYNC/FD_ALLOCATE/
 * FD_FILESTAT_SET_SIZE.  The new fd's rights are the requested ones
 * limited to the directory's inheriting rights, to what the file type
 * supports and to the access mode it was opened with, so a read-only
 * file can never be written.  Asking for more is not an error (wasi-libc
 * always asks for nearly everything).
 *
 * Needs PATH_OPEN on dirfd, plus PATH_CREATE_FILE for CREAT and
 * PATH_FILESTAT_SET_SIZE for TRUNC.  A trailing slash requires a
 * directory (ENOTDIR; EISDIR with CREAT).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../internal.h"

#define WX_OPEN_RETRIES 8

int wx_wasi_path_open(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t dirflags = wx_arg32(args, 1), oflags = wx_arg32(args, 4);
	uint64_t base = wx_arg64(args, 5), inh = wx_arg64(args, 6);
	uint32_t fdflags = wx_arg32(args, 7), fd;
	bool follow = dirflags & WX_LOOKUP_SYMLINK_FOLLOW;
	bool rd, wr;
	uint64_t need = WX_RIGHT_PATH_OPEN, mask, limit = WX_RIGHTS_ALL;
	struct wx_path p = { .dirfd = -1 };
	struct wx_fdref ref = { 0 };
	struct wx_fdobj *o = NULL;
	struct stat st;
	int flags, hfd = -1, ret, tries;
	bool look = false; /* resolve a final symlink (follow) */

	if ((oflags & ~(uint32_t)0xf) != 0 ||
	    (fdflags & ~(uint32_t)WX_FDFLAGS_ALL) != 0) {
		ret = WX_WASI_EINVAL;
		goto fail;
	}
	if (oflags & WX_OFLAG_CREAT)
		need |= WX_RIGHT_PATH_CREATE_FILE;
	/* O_CREAT|O_EXCL never follows a final symlink (POSIX): the name
	 * exists, EEXIST, wherever the link points - even outside. */
	if ((oflags & WX_OFLAG_CREAT) && (oflags & WX_OFLAG_EXCL))
		follow = false;
	if (oflags & WX_OFLAG_TRUNC)
		need |= WX_RIGHT_PATH_FILESTAT_SET_SIZE;
	rd = (base & WX_RIGHTS_NEED_READ) != 0;
	wr = (base & WX_RIGHTS_NEED_WRITE) != 0;
	flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
	flags |= wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
	if (oflags & WX_OFLAG_CREAT)
		flags |= O_CREAT;
	if (oflags & WX_OFLAG_EXCL)
		flags |= O_EXCL;
	if (oflags & WX_OFLAG_TRUNC)
		flags |= O_TRUNC;
	if (oflags & WX_OFLAG_DIRECTORY)
		flags |= O_DIRECTORY;
	if (fdflags & WX_FDFLAG_APPEND)
		flags |= O_APPEND;
	if (fdflags & WX_FDFLAG_NONBLOCK)
		flags |= O_NONBLOCK;
	if (fdflags & (WX_FDFLAG_SYNC | WX_FDFLAG_RSYNC))
		flags |= O_SYNC;
	else if (fdflags & WX_FDFLAG_DSYNC)
		flags |= O_DSYNC;
	for (tries = 0;; tries++) {
		ret = wx_path_begin(w, wx_arg32(args, 0), need,
				    wx_arg32(args, 2), wx_arg32(args, 3),
				    follow && look, &ref, &p);
		if (ret != 0)
			goto fail;
		if (p.devdir != NULL || p.vdir != NULL)
			break;
		if (p.trailing_slash) {
			ret = wx_path_check_trailing(&p);
			if (ret == 0 && (flags & O_CREAT))
				ret = WX_WASI_EISDIR;
			if (ret != 0)
				goto fail;
			flags |= O_DIRECTORY;
		}
		hfd = openat(p.dirfd, p.name, flags, 0666);
		/* Directories open read-only; only FD_WRITE itself asks
		 * for POSIX's EISDIR (DATASYNC, ALLOCATE, SET_SIZE are in
		 * most rights masks and mean nothing for a directory). */
		if (hfd < 0 && errno == EISDIR && wr &&
		    !(base & WX_RIGHT_FD_WRITE) &&
		    !(flags & (O_CREAT | O_TRUNC))) {
			flags = (flags & ~O_ACCMODE) | O_RDONLY;
			wr = false;
			hfd = openat(p.dirfd, p.name, flags, 0666);
		}
		/* Opening with no read or write right (wasi-libc's O_SEARCH
		 * and O_PATH-like uses) must not need read permission. */
		if (hfd < 0 && errno == EACCES && !rd && !wr &&
		    !(flags & (O_CREAT | O_TRUNC)))
			hfd = openat(p.dirfd, p.name,
				     O_PATH | O_NOFOLLOW | O_CLOEXEC |
					     (flags & O_DIRECTORY));
		if (hfd >= 0 || !follow || tries == WX_OPEN_RETRIES ||
		    (errno != ELOOP &&
		     !(errno == ENOTDIR && (flags & O_DIRECTORY) && !look)))
			break;
		/* The final component is a symlink (O_NOFOLLOW with
		 * O_DIRECTORY says ENOTDIR for one): resolve it - or it
		 * became one after we looked. */
		look = true;
		wx_path_fini(&p);
		wx_fdref_release(&ref);
	}
	if (p.vdir != NULL) {
		/* A directory of the virtual root: read-only, as a
		 * directory of root's is to a user. */
		if (flags & (O_CREAT | O_TRUNC)) {
			ret = (flags & O_EXCL) ? WX_WASI_EEXIST : WX_WASI_EISDIR;
			goto fail;
		}
		if (base & WX_RIGHT_FD_WRITE) {
			ret = WX_WASI_EISDIR;
			goto fail;
		}
		o = wx_fdobj_create(-1, WX_FILETYPE_DIRECTORY, true);
		if (o == NULL) {
			ret = WX_WASI_ENOMEM;
			goto fail;
		}
		o->vdir = p.vdir;
		p.vdir = NULL;
		wr = false;
	} else if (p.devdir != NULL) {
		if (p.trailing_slash)
			flags |= O_DIRECTORY;
		ret = wx_devfs_open(w, p.devdir, p.name, flags & ~O_NOFOLLOW,
				    rd, wr, &o, &limit);
		if (ret != 0)
			goto fail;
	} else {
		if (hfd < 0) {
			ret = wx_wasi_errno(errno);
			goto fail;
		}
		if (fstat(hfd, &st) != 0) {
			ret = wx_wasi_errno(errno);
			goto fail;
		}
		o = wx_fdobj_create(hfd, wx_wasi_filetype(st.st_mode, hfd),
				    false);
		if (o == NULL) {
			ret = WX_WASI_ENOMEM;
			goto fail;
		}
		hfd = -1;
	}
	switch (o->filetype) {
	case WX_FILETYPE_DIRECTORY:
		mask = WX_RIGHTS_DIR;
		break;
	case WX_FILETYPE_REGULAR_FILE:
		mask = WX_RIGHTS_FILE;
		break;
	default:
		mask = WX_RIGHTS_FILE | WX_RIGHTS_STREAM;
		mask &= ~(WX_RIGHT_FD_SEEK | WX_RIGHT_FD_TELL);
		if (o->host_fd >= 0)
			mask |= wx_wasi_notty_rights(o->host_fd);
		break;
	}
	if (!rd)
		mask &= ~WX_RIGHTS_NEED_READ;
	/* fsync and fdatasync work on read-only fds (POSIX, Linux). */
	if (!wr)
		mask &= ~(WX_RIGHTS_NEED_WRITE & ~WX_RIGHT_FD_DATASYNC);
	/* fdatasync is a lesser fsync: whoever may sync may datasync (libcs
	 * ask no FD_DATASYNC for O_RDONLY, and fdatasync works there). */
	if (base & WX_RIGHT_FD_SYNC)
		base |= WX_RIGHT_FD_DATASYNC;
	base &= mask & ref.rights_inh & limit;
	inh &= ref.rights_inh;
	/* Check ret_fd first so an EFAULT does not leak an open fd. */
	if (wx_wasi_mem(w, wx_arg32(args, 8), 4) == NULL) {
		wx_fdobj_release(o);
		ret = WX_WASI_EFAULT;
		goto fail;
	}
	ret = wx_fdtable_insert(&w->fds, o, base, inh, 0, false, &fd);
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, 8), fd);
fail:
	if (hfd >= 0)
		close(hfd);
	wx_path_fini(&p);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
