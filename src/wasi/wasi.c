/*
 * wasi.c - the WASI context: creation from a config (args, env, preopens,
 * stdio), registration of the functions under the three module names,
 * host errno mapping and the small helpers the syscalls share.
 *
 * Spec: wasix-abi.md 1 (module names), 2a (signatures), 4.1 (errno).
 *
 * Invariants:
 *  - Guest fds 0-2 are the configured stdio (borrowed host fds) and the
 *    preopens follow from fd 3 in config order, as wasi-libc expects (it
 *    scans fd_prestat_get upwards from 3 until EBADF).
 *  - wasi_unstable differs from preview1 in the filestat, whence and
 *    subscription layouts: fd_seek, fd_filestat_get, path_filestat_get and
 *    poll_oneoff have snapshot0 variants; every other function is shared.
 *    (Snapshot0's dirent and event layouts and rights bits are the same.)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

void *wx_wasi_mem(struct wx_wasi *w, uint64_t addr, uint64_t len)
{
	struct wx_memory *mem = __atomic_load_n(&w->mem, __ATOMIC_ACQUIRE);

	if (mem == NULL)
		return NULL;
	return wx_memory_ptr(mem, addr, len);
}

int wx_wasi_errno(int e)
{
	switch (e) {
	case 0: return 0;
	case E2BIG: return WX_WASI_E2BIG;
	case EACCES: return WX_WASI_EACCES;
	case EADDRINUSE: return WX_WASI_EADDRINUSE;
	case EADDRNOTAVAIL: return WX_WASI_EADDRNOTAVAIL;
	case EAFNOSUPPORT: return WX_WASI_EAFNOSUPPORT;
	case EAGAIN: return WX_WASI_EAGAIN;
	case EALREADY: return WX_WASI_EALREADY;
	case EBADF: return WX_WASI_EBADF;
	case EBADMSG: return WX_WASI_EBADMSG;
	case EBUSY: return WX_WASI_EBUSY;
	case ECANCELED: return WX_WASI_ECANCELED;
	case ECHILD: return WX_WASI_ECHILD;
	case ECONNABORTED: return WX_WASI_ECONNABORTED;
	case ECONNREFUSED: return WX_WASI_ECONNREFUSED;
	case ECONNRESET: return WX_WASI_ECONNRESET;
	case EDEADLK: return WX_WASI_EDEADLK;
	case EDESTADDRREQ: return WX_WASI_EDESTADDRREQ;
	case EDOM: return WX_WASI_EDOM;
	case EDQUOT: return WX_WASI_EDQUOT;
	case EEXIST: return WX_WASI_EEXIST;
	case EFAULT: return WX_WASI_EFAULT;
	case EFBIG: return WX_WASI_EFBIG;
	case EHOSTUNREACH: return WX_WASI_EHOSTUNREACH;
	case EIDRM: return WX_WASI_EIDRM;
	case EILSEQ: return WX_WASI_EILSEQ;
	case EINPROGRESS: return WX_WASI_EINPROGRESS;
	case EINTR: return WX_WASI_EINTR;
	case EINVAL: return WX_WASI_EINVAL;
	case EIO: return WX_WASI_EIO;
	case EISCONN: return WX_WASI_EISCONN;
	case EISDIR: return WX_WASI_EISDIR;
	case ELOOP: return WX_WASI_ELOOP;
	case EMFILE: return WX_WASI_EMFILE;
	case EMLINK: return WX_WASI_EMLINK;
	case EMSGSIZE: return WX_WASI_EMSGSIZE;
	case EMULTIHOP: return WX_WASI_EMULTIHOP;
	case ENAMETOOLONG: return WX_WASI_ENAMETOOLONG;
	case ENETDOWN: return WX_WASI_ENETDOWN;
	case ENETRESET: return WX_WASI_ENETRESET;
	case ENETUNREACH: return WX_WASI_ENETUNREACH;
	case ENFILE: return WX_WASI_ENFILE;
	case ENOBUFS: return WX_WASI_ENOBUFS;
	case ENODEV: return WX_WASI_ENODEV;
	case ENOENT: return WX_WASI_ENOENT;
	case ENOEXEC: return WX_WASI_ENOEXEC;
	case ENOLCK: return WX_WASI_ENOLCK;
	case ENOLINK: return WX_WASI_ENOLINK;
	case ENOMEM: return WX_WASI_ENOMEM;
	case ENOMSG: return WX_WASI_ENOMSG;
	case ENOPROTOOPT: return WX_WASI_ENOPROTOOPT;
	case ENOSPC: return WX_WASI_ENOSPC;
	case ENOSYS: return WX_WASI_ENOSYS;
	case ENOTCONN: return WX_WASI_ENOTCONN;
	case ENOTDIR: return WX_WASI_ENOTDIR;
	case ENOTEMPTY: return WX_WASI_ENOTEMPTY;
	case ENOTRECOVERABLE: return WX_WASI_ENOTRECOVERABLE;
	case ENOTSOCK: return WX_WASI_ENOTSOCK;
	case ENOTSUP: return WX_WASI_ENOTSUP; /* == EOPNOTSUPP on Linux */
	case ENOTTY: return WX_WASI_ENOTTY;
	case ENXIO: return WX_WASI_ENXIO;
	case EOVERFLOW: return WX_WASI_EOVERFLOW;
	case EOWNERDEAD: return WX_WASI_EOWNERDEAD;
	case EPERM: return WX_WASI_EPERM;
	case EPIPE: return WX_WASI_EPIPE;
	case EPROTO: return WX_WASI_EPROTO;
	case EPROTONOSUPPORT: return WX_WASI_EPROTONOSUPPORT;
	case EPROTOTYPE: return WX_WASI_EPROTOTYPE;
	case ERANGE: return WX_WASI_ERANGE;
	case EROFS: return WX_WASI_EROFS;
	case ESPIPE: return WX_WASI_ESPIPE;
	case ESRCH: return WX_WASI_ESRCH;
	case ESTALE: return WX_WASI_ESTALE;
	case ETIMEDOUT: return WX_WASI_ETIMEDOUT;
	case ETXTBSY: return WX_WASI_ETXTBSY;
	case EXDEV: return WX_WASI_EXDEV;
	default: return WX_WASI_EIO;
	}
}

int wx_wasi_iovs_check(struct wx_wasi *w, uint32_t iovs, uint32_t n,
		       uint64_t *totalp)
{
	const uint8_t *arr = wx_wasi_mem(w, iovs, (uint64_t)n * WX_IOVEC_SIZE);
	uint64_t total = 0;
	uint32_t i;

	if (arr == NULL)
		return WX_WASI_EFAULT;
	for (i = 0; i < n; i++) {
		uint32_t buf = wx_get32(arr + (size_t)i * WX_IOVEC_SIZE);
		uint32_t len = wx_get32(arr + (size_t)i * WX_IOVEC_SIZE + 4);
		if (wx_wasi_mem(w, buf, len) == NULL)
			return WX_WASI_EFAULT;
		total += len;
	}
	*totalp = total;
	return 0;
}

size_t wx_wasi_iovs_load(struct wx_wasi *w, uint32_t iovs, uint32_t n,
			 uint32_t first, struct iovec *out, size_t max)
{
	const uint8_t *arr;
	size_t k = 0;
	uint32_t i;

	for (i = first; i < n && k < max; i++) {
		uint32_t buf, len;
		arr = wx_wasi_mem(w, (uint64_t)iovs + (uint64_t)i * WX_IOVEC_SIZE,
				  WX_IOVEC_SIZE);
		if (arr == NULL)
			break; /* cannot happen after wx_wasi_iovs_check */
		buf = wx_get32(arr);
		len = wx_get32(arr + 4);
		out[k].iov_base = wx_wasi_mem(w, buf, len);
		if (out[k].iov_base == NULL)
			break;
		out[k].iov_len = len;
		k++;
	}
	return k;
}

int wx_wasi_msg_iovs(struct wx_wasi *w, uint32_t iovs, uint32_t n,
		     struct msghdr *msg, struct iovec **iovp)
{
	if (n > IOV_MAX)
		n = IOV_MAX;
	*iovp = calloc(n ? n : 1, sizeof(**iovp));
	if (*iovp == NULL)
		return WX_WASI_ENOMEM;
	memset(msg, 0, sizeof(*msg));
	msg->msg_iov = *iovp;
	msg->msg_iovlen = wx_wasi_iovs_load(w, iovs, n, 0, *iovp, n);
	return 0;
}

int wx_wasi_recv_msgflags(uint32_t riflags)
{
	int fl = 0;
	if (riflags & WX_RIFLAG_PEEK)
		fl |= MSG_PEEK;
	if (riflags & WX_RIFLAG_WAITALL)
		fl |= MSG_WAITALL;
	if (riflags & WX_RIFLAG_DATA_TRUNCATED)
		fl |= MSG_TRUNC;
	if (riflags & WX_RIFLAG_DONT_WAIT)
		fl |= MSG_DONTWAIT;
	return fl;
}

uint8_t wx_wasi_filetype(mode_t mode, int fd)
{
	int type;
	socklen_t len = sizeof(type);

	switch (mode & S_IFMT) {
	case S_IFREG: return WX_FILETYPE_REGULAR_FILE;
	case S_IFDIR: return WX_FILETYPE_DIRECTORY;
	case S_IFCHR: return WX_FILETYPE_CHARACTER_DEVICE;
	case S_IFBLK: return WX_FILETYPE_BLOCK_DEVICE;
	case S_IFLNK: return WX_FILETYPE_SYMBOLIC_LINK;
	case S_IFSOCK:
		if (fd >= 0 &&
		    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
		    type == SOCK_DGRAM)
			return WX_FILETYPE_SOCKET_DGRAM;
		return WX_FILETYPE_SOCKET_STREAM;
	default:
		/* FIFOs have no preview1 type: wasmtime and Wasmer call
		 * them UNKNOWN too. */
		return WX_FILETYPE_UNKNOWN;
	}
}

static uint64_t wx_ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

int wx_wasi_clock_read(uint32_t id, bool resolution, uint64_t *ns)
{
	/* Preview1's clock ids, in order. */
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
					 CLOCK_PROCESS_CPUTIME_ID,
					 CLOCK_THREAD_CPUTIME_ID };
	struct timespec ts;
	if (id >= WX_ARRAY_LEN(ids))
		return WX_WASI_EINVAL;
	if ((resolution ? clock_getres(ids[id], &ts)
			: clock_gettime(ids[id], &ts)) != 0)
		return wx_wasi_errno(errno);
	*ns = wx_ts_ns(&ts);
	return 0;
}

size_t wx_wasi_filestat_encode(uint8_t *b, const struct stat *st, bool old)
{
	memset(b, 0, WX_FILESTAT_SIZE);
	wx_put64(b + 0, (uint64_t)st->st_dev);
	wx_put64(b + 8, (uint64_t)st->st_ino);
	wx_put8(b + 16, wx_wasi_filetype(st->st_mode, -1));
	if (old) {
		wx_put32(b + 20, (uint32_t)st->st_nlink);
		wx_put64(b + 24, (uint64_t)st->st_size);
		wx_put64(b + 32, wx_ts_ns(&st->st_atim));
		wx_put64(b + 40, wx_ts_ns(&st->st_mtim));
		wx_put64(b + 48, wx_ts_ns(&st->st_ctim));
		return WX_FILESTAT0_SIZE;
	}
	wx_put64(b + 24, (uint64_t)st->st_nlink);
	wx_put64(b + 32, (uint64_t)st->st_size);
	wx_put64(b + 40, wx_ts_ns(&st->st_atim));
	wx_put64(b + 48, wx_ts_ns(&st->st_mtim));
	wx_put64(b + 56, wx_ts_ns(&st->st_ctim));
	return WX_FILESTAT_SIZE;
}

int wx_wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst,
		  struct timespec ts[2])
{
	if ((fst & ~(uint32_t)0xf) != 0 ||
	    ((fst & WX_FSTFLAG_ATIM) && (fst & WX_FSTFLAG_ATIM_NOW)) ||
	    ((fst & WX_FSTFLAG_MTIM) && (fst & WX_FSTFLAG_MTIM_NOW)))
		return WX_WASI_EINVAL;
	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = ts[0];
	if (fst & WX_FSTFLAG_ATIM_NOW) {
		ts[0].tv_nsec = UTIME_NOW;
	} else if (fst & WX_FSTFLAG_ATIM) {
		ts[0].tv_sec = (time_t)(atim / 1000000000u);
		ts[0].tv_nsec = (long)(atim % 1000000000u);
	}
	if (fst & WX_FSTFLAG_MTIM_NOW) {
		ts[1].tv_nsec = UTIME_NOW;
	} else if (fst & WX_FSTFLAG_MTIM) {
		ts[1].tv_sec = (time_t)(mtim / 1000000000u);
		ts[1].tv_nsec = (long)(mtim % 1000000000u);
	}
	return 0;
}

uint64_t wx_wasi_notty_rights(int host_fd)
{
	/* wasi-libc's isatty() is "a character device without FD_SEEK and
	 * FD_TELL": a pipe or /dev/null needs them, so that isatty() and
	 * the tty calls say ENOTTY as they do natively (fd_seek itself
	 * then fails with the host's ESPIPE where seeking means nothing). */
	return isatty(host_fd) ? 0 : WX_RIGHT_FD_SEEK | WX_RIGHT_FD_TELL;
}

uint16_t wx_wasi_host_fdflags(int host_fd)
{
	int fl = fcntl(host_fd, F_GETFL);
	uint16_t f = 0;

	if (fl < 0)
		return 0;
	if (fl & O_APPEND)
		f |= WX_FDFLAG_APPEND;
	if (fl & O_NONBLOCK)
		f |= WX_FDFLAG_NONBLOCK;
	/* O_SYNC contains the O_DSYNC bit on Linux; O_RSYNC == O_SYNC. */
	if ((fl & O_SYNC) == O_SYNC)
		f |= WX_FDFLAG_SYNC | WX_FDFLAG_RSYNC;
	else if (fl & O_DSYNC)
		f |= WX_FDFLAG_DSYNC;
	return f;
}

int wx_wasi_strv_copyout(struct wx_wasi *w, char *const *v, size_t n,
			 size_t bytes, uint32_t ptrs, uint32_t buf)
{
	uint8_t *pp = wx_wasi_mem(w, ptrs, (uint64_t)n * 4);
	uint8_t *bp = wx_wasi_mem(w, buf, bytes);
	size_t i, off = 0, len;

	if (pp == NULL || bp == NULL)
		return WX_WASI_EFAULT;
	for (i = 0; i < n; i++) {
		len = strlen(v[i]) + 1;
		/* buf + off < 2^32: the range was checked in a memory of at
		 * most 4 GiB. */
		wx_put32(pp + i * 4, (uint32_t)(buf + off));
		memcpy(bp + off, v[i], len);
		off += len;
	}
	return 0;
}

void wx_wasi_config_init(struct wx_wasi_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen_first = SIZE_MAX;
	c->stdio[0] = 0;
	c->stdio[1] = 1;
	c->stdio[2] = 2;
}

/* Copy n strings into a NULL-terminated array; total bytes incl. NULs. */
static int wx_strv_dup(const char *const *v, size_t n, char ***outp,
		       size_t *bytesp)
{
	char **out = calloc(n + 1, sizeof(*out));
	size_t i, bytes = 0;

	if (out == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		out[i] = strdup(v[i]);
		if (out[i] == NULL)
			goto fail;
		bytes += strlen(v[i]) + 1;
	}
	*outp = out;
	*bytesp = bytes;
	return 0;
fail:
	while (i-- > 0)
		free(out[i]);
	free(out);
	return ENOMEM;
}

static void wx_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Add a stdio entry for guest fd `gfd` over host fd `hfd`. */
static int wx_wasi_add_stdio(struct wx_wasi *w, uint32_t gfd, int hfd)
{
	struct wx_fdobj *o;
	struct stat st;
	uint8_t type = WX_FILETYPE_CHARACTER_DEVICE;
	uint64_t rights = WX_RIGHTS_STREAM;
	uint32_t fd;
	int fl;

	if (hfd < 0 || fstat(hfd, &st) != 0)
		return 0; /* not open: the guest sees EBADF */
	type = wx_wasi_filetype(st.st_mode, hfd);
	if (type == WX_FILETYPE_REGULAR_FILE)
		rights = WX_RIGHTS_FILE;
	else if (type == WX_FILETYPE_DIRECTORY)
		rights = WX_RIGHTS_DIR;
	else if (type == WX_FILETYPE_UNKNOWN)
		type = WX_FILETYPE_CHARACTER_DEVICE; /* pipes look like ttys */
	if (type == WX_FILETYPE_CHARACTER_DEVICE)
		rights |= wx_wasi_notty_rights(hfd);
	/* Rights reflect how the host opened it, so a write to a
	 * read-only stdin fails EBADF in the guest as it would natively. */
	fl = fcntl(hfd, F_GETFL);
	if (fl >= 0 && (fl & O_ACCMODE) == O_RDONLY)
		rights &= ~WX_RIGHTS_NEED_WRITE;
	else if (fl >= 0 && (fl & O_ACCMODE) == O_WRONLY)
		rights &= ~WX_RIGHTS_NEED_READ;
	o = wx_fdobj_create(hfd, type, true);
	if (o == NULL)
		return ENOMEM;
	return wx_fdtable_insert(&w->fds, o, rights, 0, gfd, true, &fd) ? ENOMEM
									  : 0;
}

/* A preopen's rights: every one but FD_READ and FD_WRITE as base (Wasmer
 * gives its root and read-write-create preopens every right; but a
 * directory is neither read nor written - fd_read of one is EBADF as in
 * wasmtime, and a reopen of "." with the preopen's own rights must work),
 * every one as inheriting.  Libcs test a preopen's rights against what
 * they are about to ask (old wasi-libc picks a preopen only if they are a
 * superset); what an fd opened beneath may do is still limited by its
 * type and access mode. */
#define WX_RIGHTS_PREOPEN                                                    \
	(WX_RIGHTS_ALL & ~(WX_RIGHT_FD_READ | WX_RIGHT_FD_WRITE))

/* A socket of the embedder's, as the next guest fd.  0 or an errno. */
static int wx_wasi_add_socket(struct wx_wasi *w, int hfd, uint32_t *fdp,
			      struct wx_report *r)
{
	struct wx_fdobj *o;
	struct stat st;
	int dfd;

	if (fstat(hfd, &st) != 0 || !S_ISSOCK(st.st_mode)) {
		wx_report(r, "fd %d is not a socket", hfd);
		return EINVAL;
	}
	dfd = fcntl(hfd, F_DUPFD_CLOEXEC, 0);
	if (dfd < 0)
		return errno;
	o = wx_fdobj_create(dfd, wx_wasi_filetype(st.st_mode, dfd), false);
	if (o == NULL) {
		close(dfd);
		return ENOMEM;
	}
	return wx_fdtable_insert(&w->fds, o, WX_RIGHTS_STREAM, 0, 0, false,
				 fdp) ? ENOMEM : 0;
}

/* Append "LISTEN_FDS_START=fd" (and "LISTEN_PID=1" for fd 3) to the
 * guest's environment. */
static int wx_wasi_listen_env(struct wx_wasi *w, uint32_t fd)
{
	char **nv = realloc(w->envp, (w->envc + 3) * sizeof(*nv));
	char buf[40];
	if (nv == NULL)
		return ENOMEM;
	w->envp = nv;
	snprintf(buf, sizeof(buf), "LISTEN_FDS_START=%u", fd);
	if ((nv[w->envc] = strdup(buf)) == NULL)
		return ENOMEM;
	w->env_bytes += strlen(buf) + 1;
	nv[++w->envc] = NULL;
	if (fd == 3) {
		if ((nv[w->envc] = strdup("LISTEN_PID=1")) == NULL)
			return ENOMEM;
		w->env_bytes += sizeof("LISTEN_PID=1");
		nv[++w->envc] = NULL;
	}
	return 0;
}

static int wx_wasi_add_preopen(struct wx_wasi *w,
			       const struct wx_wasi_preopen *p,
			       struct wx_report *r)
{
	struct wx_fdobj *o;
	uint32_t fd;
	int hfd, err;

	hfd = open(p->host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (hfd < 0) {
		err = errno;
		wx_report(r, "cannot open directory '%s': %s", p->host_path,
			  strerror(err));
		return err;
	}
	o = wx_fdobj_create(hfd, WX_FILETYPE_DIRECTORY, false);
	if (o == NULL) {
		close(hfd);
		return ENOMEM;
	}
	o->preopen = strdup(p->guest_path);
	if (o->preopen == NULL) {
		wx_fdobj_release(o);
		return ENOMEM;
	}
	o->preopen_len = strlen(o->preopen);
	if (wx_fdtable_insert(&w->fds, o, WX_RIGHTS_PREOPEN, WX_RIGHTS_ALL, 3,
			      false, &fd))
		return ENOMEM;
	return 0;
}

/* True when `guest` is `name` with any trailing slashes. */
static bool wx_same_guest_path(const char *guest, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(guest, name, n) != 0)
		return false;
	for (guest += n; *guest == '/'; guest++)
		;
	return *guest == '\0';
}

bool wx_wasi_guest_is_dev(const char *guest_path)
{
	return wx_same_guest_path(guest_path, "/dev");
}

/* The virtual /dev (devfs.c) after the configured preopens, unless one
 * of them is mapped at /dev.  DEVIATION: Wasmer's /dev lives in its
 * virtual root at fd 3; ours is a preopen of its own, so that the first
 * --dir stays fd 3 and a guest without any --dir still has /dev. */
static int wx_wasi_add_devfs(struct wx_wasi *w,
			     const struct wx_wasi_config *c)
{
	struct wx_fdobj *o;
	uint32_t fd;
	size_t i;

	for (i = 0; i < c->npreopens; i++)
		if (wx_wasi_guest_is_dev(c->preopens[i].guest_path))
			return 0;
	o = wx_fdobj_create(-1, WX_FILETYPE_DIRECTORY, true);
	if (o == NULL)
		return ENOMEM;
	o->devfs = true;
	o->preopen = strdup("/dev");
	if (o->preopen == NULL) {
		wx_fdobj_release(o);
		return ENOMEM;
	}
	o->preopen_len = strlen(o->preopen);
	if (wx_fdtable_insert(&w->fds, o, WX_RIGHTS_PREOPEN, WX_RIGHTS_ALL, 3,
			      false, &fd))
		return ENOMEM;
	return 0;
}

/* The virtual root (vroot.c) last, unless a --dir maps "/" itself.
 * DEVIATION: Wasmer's root is fd 3 and holds the mounts; ours comes
 * after them, so that the first --dir stays fd 3 as it always was. */
static int wx_wasi_add_vroot(struct wx_wasi *w,
			     const struct wx_wasi_config *c)
{
	struct wx_fdobj *o;
	uint32_t fd;
	size_t i;

	if (!c->virtual_root)
		return 0;
	for (i = 0; i < c->npreopens; i++)
		if (wx_same_guest_path(c->preopens[i].guest_path, "/"))
			return 0;
	o = wx_fdobj_create(-1, WX_FILETYPE_DIRECTORY, true);
	if (o == NULL)
		return ENOMEM;
	o->preopen = strdup("/");
	o->vdir = strdup("/");
	if (o->preopen == NULL || o->vdir == NULL) {
		wx_fdobj_release(o);
		return ENOMEM;
	}
	o->preopen_len = 1;
	if (wx_fdtable_insert(&w->fds, o, WX_RIGHTS_PREOPEN, WX_RIGHTS_ALL, 3,
			      false, &fd))
		return ENOMEM;
	w->vroot = true;
	return 0;
}

int wx_wasi_create(const struct wx_wasi_config *c, struct wx_wasi **out,
		   struct wx_report *r)
{
	struct wx_guest_limits lim;
	struct wx_wasi *w;
	size_t i;
	int ret;

	*out = NULL;
	if (c->limits != NULL) {
		lim = *c->limits;
		wx_guest_limits_fill(&lim);
	} else {
		wx_guest_limits_init(&lim);
	}
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return ENOMEM;
	wx_fdtable_init(&w->fds);
	wx_fdtable_set_max(&w->fds, lim.fds);
	ret = wx_strv_dup(c->argv, c->argc, &w->argv, &w->argv_bytes);
	if (ret != 0)
		goto fail;
	w->argc = c->argc;
	ret = wx_strv_dup(c->envp, c->envc, &w->envp, &w->env_bytes);
	if (ret != 0)
		goto fail;
	w->envc = c->envc;
	if (w->argv_bytes + w->env_bytes > lim.arg_bytes) {
		char have[32], cap[32];
		wx_format_size(w->argv_bytes + w->env_bytes, have,
			       sizeof(have));
		wx_format_size(lim.arg_bytes, cap, sizeof(cap));
		wx_report(r, "the arguments and environment take %s, above "
			  "the limit of %s (ARG_MAX)", have, cap);
		ret = E2BIG;
		goto fail;
	}
	/* stdio, the preopens, /dev and the sockets need fds below the
	 * bound before the program runs. */
	if (3 + c->npreopens + 1 + c->virtual_root + c->nsockets >
	    w->fds.max) {
		wx_report(r, "an fd limit of %u leaves no room for the %zu "
			  "directories and %zu sockets given (--max-fds)",
			  w->fds.max, c->npreopens, c->nsockets);
		ret = EMFILE;
		goto fail;
	}
	for (i = 0; i < 3; i++) {
		ret = wx_wasi_add_stdio(w, (uint32_t)i, c->stdio[i]);
		if (ret != 0)
			goto fail;
	}
	/* Keep fds 0-2 reserved even when a stdio fd is absent, so that the
	 * preopens are always 3, 4, ... */
	for (i = 0; i < c->npreopens; i++) {
		ret = wx_wasi_add_preopen(w, &c->preopens[i], r);
		if (ret != 0)
			goto fail;
	}
	/* /dev after the --dir preopens and before the sockets: wasi-libc
	 * stops looking for preopens at the first fd that is not one. */
	w->abs_links = c->virtual_root;
	ret = wx_wasi_add_devfs(w, c);
	if (ret == 0)
		ret = wx_wasi_add_vroot(w, c);
	if (ret != 0)
		goto fail;
	ret = wx_fdtable_seal_preopens(&w->fds);
	if (ret != 0)
		goto fail;
	for (i = 0; i < c->nsockets; i++) {
		uint32_t fd;
		ret = wx_wasi_add_socket(w, c->sockets[i], &fd, r);
		if (ret == 0 && i == c->listen_first)
			ret = wx_wasi_listen_env(w, fd);
		if (ret != 0)
			goto fail;
	}
	*out = w;
	return 0;
fail:
	if (ret == ENOMEM)
		wx_report(r, "out of memory");
	wx_wasi_destroy(w);
	return ret;
}

void wx_wasi_set_memory(struct wx_wasi *w, struct wx_memory *mem)
{
	__atomic_store_n(&w->mem, mem, __ATOMIC_RELEASE);
}

void wx_wasi_set_epipe_hook(struct wx_wasi *w, void (*fn)(void *ctx),
			    void *ctx)
{
	w->on_epipe = fn;
	w->on_epipe_ctx = ctx;
}

void wx_wasi_destroy(struct wx_wasi *w)
{
	if (w == NULL)
		return;
	wx_fdtable_fini(&w->fds);
	wx_strv_free(w->argv);
	wx_strv_free(w->envp);
	free(w);
}

static const struct wx_hostfunc_def wx_wasi_preview1_defs[] = {
#define WASI_FUNC(name, sig) { #name, sig, wx_wasi_##name },
#include "wasi_preview1.def"
#undef WASI_FUNC
};

/* Replace the functions named in `over` in a copy of the preview1 table
 * and bind it under `module`. */
static int wx_wasi_define_variant(struct wx_linker *l, struct wx_wasi *w,
				  const char *module,
				  const struct wx_hostfunc_def *over,
				  size_t nover)
{
	struct wx_hostfunc_def defs[WX_ARRAY_LEN(wx_wasi_preview1_defs)];
	size_t i, j;

	memcpy(defs, wx_wasi_preview1_defs, sizeof(defs));
	for (i = 0; i < WX_ARRAY_LEN(defs); i++)
		for (j = 0; j < nover; j++)
			if (strcmp(defs[i].name, over[j].name) == 0)
				defs[i] = over[j];
	return wx_linker_define_host(l, module, defs, WX_ARRAY_LEN(defs), w);
}

/* Guest pointers refer to the exported "memory", else to memory 0
 * (imported or not).  Bound as soon as the instance's memories exist, so
 * a start function's WASI calls see the memory too. */
static void bind_instance(struct wx_instance *inst, void *ctx)
{
	struct wx_wasi *w = ctx;
	struct wx_extern ext;
	if (wx_instance_export(inst, "memory", &ext) &&
	    ext.kind == WX_EXTERN_MEMORY)
		wx_wasi_set_memory(w, ext.u.memory);
	else if (inst->module->nmems > 0)
		wx_wasi_set_memory(w, inst->mems[0]);
}

int wx_wasi_define(struct wx_linker *l, struct wx_wasi *w)
{
	static const struct wx_hostfunc_def unstable[] = {
		{ "fd_seek", "(iIii)i", wx_wasi_unstable_fd_seek },
		{ "fd_filestat_get", "(ii)i",
		  wx_wasi_unstable_fd_filestat_get },
		{ "path_filestat_get", "(iiiii)i",
		  wx_wasi_unstable_path_filestat_get },
		{ "poll_oneoff", "(iiii)i", wx_wasi_unstable_poll_oneoff },
	};
	static const struct wx_hostfunc_def wasix[] = {
		{ "proc_raise", "(i)i", wx_wasix_proc_raise },
	};
	int ret;

	ret = wx_linker_define_host(l, "wasi_snapshot_preview1",
				    wx_wasi_preview1_defs,
				    WX_ARRAY_LEN(wx_wasi_preview1_defs), w);
	if (ret == 0)
		ret = wx_wasi_define_variant(l, w, "wasix_32v1", wasix,
					     WX_ARRAY_LEN(wasix));
	if (ret == 0)
		ret = wx_wasi_define_variant(l, w, "wasi_unstable", unstable,
					     WX_ARRAY_LEN(unstable));
	/* Only an image's first instance binds: the instances of its
	 * threads share the memory it already bound. */
	if (ret == 0 && __atomic_load_n(&w->mem, __ATOMIC_ACQUIRE) == NULL) {
		l->on_alloc = bind_instance;
		l->on_alloc_ctx = w;
	}
	return ret;
}
