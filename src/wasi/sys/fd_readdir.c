/*
 * fd_readdir.c - fd_readdir(fd, buf, buf_len, cookie:i64, ret_bufused) ->
 * errno (wasix-abi.md 2a).
 *
 * Fills buf with dirents (24-byte header: d_next u64 @0, d_ino u64 @8,
 * d_namlen u32 @16, d_type u8 @20; then the name without NUL), starting at
 * the entry with index `cookie` (0 = the start; d_next = index + 1).  The
 * last entry may be cut off to fill the buffer exactly: bufused < buf_len
 * means the end of the directory was reached; wasi-libc then re-reads from
 * the cut entry's cookie.  "." and ".." are included, as the host lists
 * them.
 *
 * The DIR stream reads an independent open of the directory and stays
 * positioned at `dir_cookie` between calls, so sequential reads are O(n);
 * any other cookie rewinds and skips.  An entry that did not fit is
 * unread with seekdir so the next call resumes with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../internal.h"

static uint8_t wx_dirent_type(DIR *d, const struct dirent *de)
{
	struct stat st;

	switch (de->d_type) {
	case DT_REG: return WX_FILETYPE_REGULAR_FILE;
	case DT_DIR: return WX_FILETYPE_DIRECTORY;
	case DT_LNK: return WX_FILETYPE_SYMBOLIC_LINK;
	case DT_CHR: return WX_FILETYPE_CHARACTER_DEVICE;
	case DT_BLK: return WX_FILETYPE_BLOCK_DEVICE;
	case DT_SOCK: return WX_FILETYPE_SOCKET_STREAM;
	case DT_UNKNOWN:
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			return wx_wasi_filetype(st.st_mode, -1);
		return WX_FILETYPE_UNKNOWN;
	default:
		return WX_FILETYPE_UNKNOWN;
	}
}

/* Position o->dir at entry index `cookie`.  Caller holds o->lock. */
static int wx_dir_seek(struct wx_fdobj *o, uint64_t cookie)
{
	int fd;

	if (o->dir == NULL) {
		fd = openat(o->host_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return wx_wasi_errno(errno);
		o->dir = fdopendir(fd);
		if (o->dir == NULL) {
			close(fd);
			return wx_wasi_errno(errno);
		}
		o->dir_cookie = 0;
	}
	/* Cookie 0 always rewinds, so a new listing sees new entries. */
	if (cookie == o->dir_cookie && cookie != 0)
		return 0;
	rewinddir(o->dir);
	o->dir_cookie = 0;
	while (o->dir_cookie < cookie) {
		errno = 0;
		if (readdir(o->dir) == NULL)
			return errno ? wx_wasi_errno(errno) : 0;
		o->dir_cookie++;
	}
	return 0;
}

int wx_wasi_fd_readdir(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t len = wx_arg32(args, 2), used = 0, namlen, n;
	uint64_t cookie = wx_arg64(args, 3);
	uint8_t hdr[WX_DIRENT_SIZE];
	struct dirent *de;
	struct wx_fdref ref;
	uint8_t *buf;
	long pos;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), WX_RIGHT_FD_READDIR,
			     &ref);
	if (ret != 0)
		goto fail;
	buf = wx_wasi_mem(w, wx_arg32(args, 1), len);
	if (buf == NULL) {
		ret = WX_WASI_EFAULT;
		goto out;
	}
	if (ref.obj->filetype != WX_FILETYPE_DIRECTORY) {
		ret = WX_WASI_ENOTDIR;
		goto out;
	}
	if (ref.obj->vdir != NULL) {
		ret = wx_vroot_readdir(w, ref.obj->vdir, buf, len, cookie,
				       &used);
		if (ret == 0)
			ret = wx_wasi_put32(w, wx_arg32(args, 4), used);
		goto out;
	}
	if (ref.obj->devfs) {
		used = wx_devfs_readdir(buf, len, cookie);
		ret = wx_wasi_put32(w, wx_arg32(args, 4), used);
		goto out;
	}
	pthread_mutex_lock(&ref.obj->lock);
	ret = wx_dir_seek(ref.obj, cookie);
	while (ret == 0 && used < len) {
		pos = telldir(ref.obj->dir);
		errno = 0;
		de = readdir(ref.obj->dir);
		if (de == NULL) {
			if (errno != 0)
				ret = wx_wasi_errno(errno);
			break;
		}
		namlen = (uint32_t)strlen(de->d_name);
		wx_put64(hdr, ref.obj->dir_cookie + 1);
		wx_put64(hdr + 8, (uint64_t)de->d_ino);
		wx_put32(hdr + 16, namlen);
		wx_put32(hdr + 20, 0);
		wx_put8(hdr + 20, wx_dirent_type(ref.obj->dir, de));
		n = len - used < WX_DIRENT_SIZE ? len - used : WX_DIRENT_SIZE;
		memcpy(buf + used, hdr, n);
		used += n;
		n = len - used < namlen ? len - used : namlen;
		memcpy(buf + used, de->d_name, n);
		used += n;
		if (n < namlen || used == len) {
			/* Cut off (or exactly full): hand this entry out
			 * again from its own cookie next time, unless it fit
			 * completely. */
			if (n < namlen)
				seekdir(ref.obj->dir, pos);
			else
				ref.obj->dir_cookie++;
			break;
		}
		ref.obj->dir_cookie++;
	}
	pthread_mutex_unlock(&ref.obj->lock);
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, 4), used);
out:
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
