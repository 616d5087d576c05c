/*
 * devfs.c - the guest's /dev: a virtual preopen every guest has (Wasmer
 * provides these files to every program), holding the host's null, zero,
 * full, random, urandom and tty, and stdin, stdout, stderr and fd/N, which
 * name the guest's own fds.
 *
 * Sandbox: the /dev preopen has no host directory (host_fd -1), so no
 * path can be resolved beneath it; a name is looked up in a fixed table
 * and only the host device of that exact name is opened.  Everything but
 * opening and stat is EACCES, as /dev is for an unprivileged user.
 *
 * stdin, stdout, stderr and fd/N share the open file description of the
 * guest fd (BSD's /dev/fd semantics; Linux reopens the file), limited to
 * the access mode asked for; an fd that does not allow it is EACCES.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

/* Host devices a guest may open, by name under /dev. */
static const char *const wx_dev_files[] = {
	"null", "zero", "full", "random", "urandom", "tty",
};
/* Names that stand for a guest fd. */
static const char *const wx_dev_stdio[] = { "stdin", "stdout", "stderr" };

bool wx_devfs_name(const char *path, char *out, size_t outlen)
{
	size_t len;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	while (*path == '/')
		path++;
	len = strlen(path);
	while (len > 0 && path[len - 1] == '/')
		len--;
	if (len == 0) {
		path = ".";
		len = 1;
	}
	if (len >= outlen)
		return false;
	memcpy(out, path, len);
	out[len] = '\0';
	return true;
}

/* The guest fd a name stands for, or -1. */
static long wx_devfs_fdnum(const char *name)
{
	size_t i;
	char *end;
	long n;

	for (i = 0; i < WX_ARRAY_LEN(wx_dev_stdio); i++)
		if (strcmp(name, wx_dev_stdio[i]) == 0)
			return (long)i;
	if (strncmp(name, "fd/", 3) != 0 || name[3] < '0' || name[3] > '9')
		return -1;
	errno = 0;
	n = strtol(name + 3, &end, 10);
	if (*end != '\0' || errno != 0 || n < 0 || n >= (long)WX_FDTABLE_MAX)
		return -1;
	return n;
}

static bool wx_devfs_is_file(const char *name)
{
	size_t i;

	for (i = 0; i < WX_ARRAY_LEN(wx_dev_files); i++)
		if (strcmp(name, wx_dev_files[i]) == 0)
			return true;
	return false;
}

int wx_devfs_host_open(const char *name, int flags)
{
	char host[32];
	int hfd;

	if (!wx_devfs_is_file(name))
		return (flags & O_CREAT) ? -WX_WASI_EACCES : -WX_WASI_ENOENT;
	snprintf(host, sizeof(host), "/dev/%s", name);
	hfd = open(host, (flags & ~O_CREAT) | O_CLOEXEC);
	return hfd < 0 ? -wx_wasi_errno(errno) : hfd;
}

int wx_devfs_open(struct wx_wasi *w, struct wx_fdobj *devdir,
		  const char *name, int flags, bool rd, bool wr,
		  struct wx_fdobj **op, uint64_t *limitp)
{
	struct wx_fdref ref;
	long fd;
	int hfd, ret;

	*op = NULL;
	*limitp = WX_RIGHTS_ALL;
	if (strcmp(name, ".") == 0) {
		if ((flags & O_CREAT) && (flags & O_EXCL))
			return WX_WASI_EEXIST;
		if (wr)
			return WX_WASI_EISDIR;
		wx_fdobj_retain(devdir);
		*op = devdir;
		return 0;
	}
	fd = wx_devfs_fdnum(name);
	if (fd >= 0) {
		/* Linux: a missing /proc/self/fd/N is ENOENT. */
		if (wx_fdtable_get(&w->fds, (uint32_t)fd, 0, &ref) != 0)
			return WX_WASI_ENOENT;
		ret = 0;
		if ((flags & O_CREAT) && (flags & O_EXCL))
			ret = WX_WASI_EEXIST;
		else if ((flags & O_DIRECTORY) &&
			 ref.obj->filetype != WX_FILETYPE_DIRECTORY)
			ret = WX_WASI_ENOTDIR;
		else if ((rd && !(ref.rights_base & WX_RIGHTS_NEED_READ)) ||
			 (wr && !(ref.rights_base & WX_RIGHT_FD_WRITE)))
			ret = WX_WASI_EACCES;
		if (ret != 0) {
			wx_fdref_release(&ref);
			return ret;
		}
		*op = ref.obj; /* the reference moves to the caller */
		*limitp = ref.rights_base;
		return 0;
	}
	hfd = wx_devfs_host_open(name, flags);
	if (hfd < 0)
		return -hfd;
	*op = wx_fdobj_create(hfd, WX_FILETYPE_CHARACTER_DEVICE, false);
	if (*op == NULL) {
		close(hfd);
		return WX_WASI_ENOMEM;
	}
	return 0;
}

int wx_devfs_stat(struct wx_wasi *w, const char *name, struct stat *st)
{
	struct wx_fdref ref;
	char host[32];
	long fd;
	int ret = 0;

	if (strcmp(name, ".") == 0)
		return stat("/dev", st) == 0 ? 0 : wx_wasi_errno(errno);
	fd = wx_devfs_fdnum(name);
	if (fd >= 0) {
		if (wx_fdtable_get(&w->fds, (uint32_t)fd, 0, &ref) != 0)
			return WX_WASI_ENOENT;
		if (ref.obj->host_fd < 0)
			ret = wx_devfs_stat(w, ".", st);
		else if (fstat(ref.obj->host_fd, st) != 0)
			ret = wx_wasi_errno(errno);
		wx_fdref_release(&ref);
		return ret;
	}
	if (!wx_devfs_is_file(name))
		return WX_WASI_ENOENT;
	snprintf(host, sizeof(host), "/dev/%s", name);
	return stat(host, st) == 0 ? 0 : wx_wasi_errno(errno);
}

void wx_dirent_put(uint8_t *buf, uint32_t len, uint32_t *used, uint64_t next,
		   uint64_t ino, const char *name, uint8_t type)
{
	uint8_t hdr[WX_DIRENT_SIZE];
	uint32_t namlen = (uint32_t)strlen(name), n;

	memset(hdr, 0, sizeof(hdr));
	wx_put64(hdr, next);
	wx_put64(hdr + 8, ino);
	wx_put32(hdr + 16, namlen);
	wx_put8(hdr + 20, type);
	n = len - *used < WX_DIRENT_SIZE ? len - *used : WX_DIRENT_SIZE;
	memcpy(buf + *used, hdr, n);
	*used += n;
	n = len - *used < namlen ? len - *used : namlen;
	memcpy(buf + *used, name, n);
	*used += n;
}

static void wx_devfs_dirent(uint8_t *buf, uint32_t len, uint32_t *used,
			    uint64_t next, const char *name, uint8_t type)
{
	wx_dirent_put(buf, len, used, next, next, name, type);
}

uint32_t wx_devfs_readdir(uint8_t *buf, uint32_t len, uint64_t cookie)
{
	static const char *const dirs[] = { ".", "..", "fd" };
	uint32_t used = 0;
	uint64_t i, n;

	n = WX_ARRAY_LEN(dirs) + WX_ARRAY_LEN(wx_dev_files) +
	    WX_ARRAY_LEN(wx_dev_stdio);
	for (i = cookie; i < n && used < len; i++) {
		if (i < WX_ARRAY_LEN(dirs))
			wx_devfs_dirent(buf, len, &used, i + 1, dirs[i],
					WX_FILETYPE_DIRECTORY);
		else if (i < WX_ARRAY_LEN(dirs) + WX_ARRAY_LEN(wx_dev_files))
			wx_devfs_dirent(
				buf, len, &used, i + 1,
				wx_dev_files[i - WX_ARRAY_LEN(dirs)],
				WX_FILETYPE_CHARACTER_DEVICE);
		else
			wx_devfs_dirent(
				buf, len, &used, i + 1,
				wx_dev_stdio[i - WX_ARRAY_LEN(dirs) -
					     WX_ARRAY_LEN(wx_dev_files)],
				WX_FILETYPE_CHARACTER_DEVICE);
	}
	return used;
}
