/*
 * internal.h - what the files of src/wasi share: the context structure,
 * sandboxed path resolution (path.c), helpers for iovecs and stat
 * conversion (wasi.c), and the declarations of the syscall functions in
 * sys/ (generated from wasi_preview1.def).
 *
 * src/wasi talks to POSIX directly (openat, readv, ppoll, ...): the WASI
 * layer is a thin sandbox over the host's file system API, and wrapping
 * every call in a wx_os_* function first would only double the code.  A
 * port to a non-POSIX host replaces these files.
 */
#ifndef WX_WASI_INTERNAL_H
#define WX_WASI_INTERNAL_H

#include <sys/stat.h>
#include <sys/uio.h>

#include "abi.h"
#include "fdtable.h"
#include "wasi.h"

struct wx_wasi {
	struct wx_fdtable fds;
	struct wx_memory *mem; /* set by the embedder after instantiation */
	char **argv;
	size_t argc, argv_bytes; /* bytes incl. NULs */
	char **envp;
	size_t envc, env_bytes;
	/* Called when a write fails with EPIPE (set by WASIX, which turns
	 * it into the guest's SIGPIPE); NULL: just the errno. */
	void (*on_epipe)(void *ctx);
	void *on_epipe_ctx;
	bool vroot; /* "/" is the virtual root (vroot.c) */
	/* Absolute symlinks may be made and are followed from the guest's
	 * root (a WASIX program: wx_wasi_config.virtual_root). */
	bool abs_links;
};

/* ---- sandboxed paths (path.c) ---- */

/* PATH_MAX: a guest path has at most WX_PATH_MAX - 1 bytes (the NUL
 * makes WX_PATH_MAX, as Linux counts), and NAME_MAX: a component at most
 * WX_NAME_MAX bytes.  Longer is ENAMETOOLONG before any copy or host
 * call: never a large allocation, never a truncated path. */
#define WX_PATH_MAX 4096
#define WX_NAME_MAX 255

/* Whether every component of `path` fits WX_NAME_MAX. */
static inline bool wx_path_names_fit(const char *path)
{
	size_t run = 0;
	for (; *path != '\0'; path++) {
		run = *path == '/' ? 0 : run + 1;
		if (run > WX_NAME_MAX)
			return false;
	}
	return true;
}
/* Symlinks followed in one resolution before ELOOP (Linux's limit). */
#define WX_SYMLOOP_MAX 40
/* Not a WASI errno: resolution met an absolute symlink, and out->name is
 * the guest path to resolve again from the guest's root
 * (wx_path_resolve_abs). */
#define WX_PATH_RESTART 0x10000

/* A guest path resolved beneath a directory: `dirfd` (owned, O_PATH) is
 * the directory that holds the final component `name` (no '/'; "." when
 * the path names that directory itself).  When the path asked for it
 * (lookup flag SYMLINK_FOLLOW, or a trailing slash), a symlink in the
 * final position has been followed already, so the caller always uses
 * AT_SYMLINK_NOFOLLOW / O_NOFOLLOW on (dirfd, name): the kernel never
 * follows a link we have not checked. */
struct wx_path {
	int dirfd;
	/* dirfd is the root directory's own fd (a path of one component,
	 * from wx_path_begin): wx_path_fini leaves it open. */
	bool dirfd_borrowed;
	char *name;
	bool trailing_slash;
	/* The path names something in the virtual /dev: `name` is its name
	 * there ("." for /dev itself), `dirfd` is -1 and `devdir` is the
	 * /dev object (not counted: the caller's fdref holds it). */
	struct wx_fdobj *devdir;
	/* The path names a directory of the virtual root (vroot.c): its
	 * absolute guest path (owned), `dirfd` is -1. */
	char *vdir;
};

/* Copy the guest path [ptr, ptr+len) into a new NUL-terminated string.
 * Guest errno: EFAULT, ENAMETOOLONG, EILSEQ (a NUL byte or invalid
 * UTF-8), ENOMEM. */
int wx_path_copyin(struct wx_wasi *w, uint32_t ptr, uint32_t len,
		   char **out);
/* Resolve `path` beneath host directory `rootfd`.  Guest errno:
 * ENOTCAPABLE for an absolute path or any attempt to leave rootfd
 * (`..`, absolute symlinks), ELOOP, ENOTDIR, ENOENT, ... */
int wx_path_resolve(int rootfd, const char *path, bool follow,
		    struct wx_path *out);
/* The same, but an absolute symlink met on the way (WASIX programs,
 * which have the virtual root) returns WX_PATH_RESTART with the guest
 * path to go on with in out->name (owned by the caller). */
int wx_path_resolve_abs(int rootfd, const char *path, bool follow,
			struct wx_path *out);
void wx_path_fini(struct wx_path *p);
/* Trailing-slash rule: ENOTDIR if the path ended in '/' and names an
 * existing non-directory; else 0. */
int wx_path_check_trailing(const struct wx_path *p);
/* Look up `fd` (a directory, with rights `need`), copy in and resolve the
 * guest path: the common start of every path_* syscall.  On success the
 * caller owns `ref` and `out`, and must wx_path_fini `out` before it
 * releases `ref` (out->dirfd may be the fd of ref's directory).
 *
 * An absolute path is resolved beneath the preopen whose guest path
 * holds it (the longest such prefix), whatever `fd` is, as POSIX
 * ignores the directory of an absolute path: wasix-libc passes "/x" with
 * a preopen at "/", Zig passes absolute paths with fd 3.  `need` is then
 * checked on both.  ENOTCAPABLE when no preopen holds it.
 *
 * A path into the virtual /dev is handed back unresolved (out->devdir),
 * and one naming a directory of the virtual root as out->vdir, only to
 * path_open, path_filestat_get and path_readlink (a `need` with
 * PATH_OPEN, PATH_FILESTAT_GET or PATH_READLINK); for every other
 * operation it is EACCES.  A path through the virtual root to a mount
 * point is resolved beneath that preopen. */
int wx_path_begin(struct wx_wasi *w, uint32_t fd, uint64_t need,
		  uint32_t path_ptr, uint32_t path_len, bool follow,
		  struct wx_fdref *ref, struct wx_path *out);

/* ---- the virtual root (vroot.c) ---- */
/* Walk `rel` from virtual directory `base`: *virtual and the directory's
 * absolute path, or (!*virtual) the absolute guest path beneath a mount
 * point to resolve through the preopens.  *out is malloc'd.  ENOENT for a
 * name that is neither (*last: it was the path's last component). */
int wx_vroot_walk(struct wx_wasi *w, const char *base, const char *rel,
		  char **out, bool *virtual, bool *last);
/* Whether absolute guest path `abs` is a directory of the virtual root. */
bool wx_vroot_is_dir(struct wx_wasi *w, const char *abs);
void wx_vroot_stat(const char *vpath, struct stat *st);
int wx_vroot_readdir(struct wx_wasi *w, const char *vpath, uint8_t *buf,
		     uint32_t len, uint64_t cookie, uint32_t *usedp);
/* One dirent into buf (header, then as much of the name as fits). */
void wx_dirent_put(uint8_t *buf, uint32_t len, uint32_t *used, uint64_t next,
		   uint64_t ino, const char *name, uint8_t type);

/* ---- the virtual /dev (devfs.c) ---- */

/* Normalize a path beneath /dev ("./x/" -> "x", "" -> ".") into out.
 * False when it does not fit. */
bool wx_devfs_name(const char *path, char *out, size_t outlen);
/* Open /dev/`name` with host open flags `flags` (access mode, O_CREAT,
 * O_EXCL, O_DIRECTORY, ...) and the access `rd`/`wr`: a new object in
 * *op (a reference the caller owns) and in *limitp the rights it may
 * have at most.  Guest errno. */
int wx_devfs_open(struct wx_wasi *w, struct wx_fdobj *devdir,
		  const char *name, int flags, bool rd, bool wr,
		  struct wx_fdobj **op, uint64_t *limitp);
/* Open host device /dev/`name` (one of the device files, not stdin or
 * fd/N) with host open flags `flags`: a host fd or -(guest errno). */
int wx_devfs_host_open(const char *name, int flags);
/* stat of /dev/`name`.  Guest errno. */
int wx_devfs_stat(struct wx_wasi *w, const char *name, struct stat *st);
/* fd_readdir of /dev from `cookie` into buf: bytes used. */
uint32_t wx_devfs_readdir(uint8_t *buf, uint32_t len, uint64_t cookie);

/* ---- helpers (wasi.c) ---- */

/* Host iovecs for at most `max` guest iovecs starting at index `first` of
 * the array at `iovs` (already checked by wx_wasi_iovs_check).  Returns
 * the number filled. */
size_t wx_wasi_iovs_load(struct wx_wasi *w, uint32_t iovs, uint32_t n,
			 uint32_t first, struct iovec *out, size_t max);
/* Check the iovec array and every buffer it names; total length in
 * *totalp (64-bit).  0 or EFAULT. */
int wx_wasi_iovs_check(struct wx_wasi *w, uint32_t iovs, uint32_t n,
		       uint64_t *totalp);
/* A msghdr over the guest iovecs at `iovs` (checked by
 * wx_wasi_iovs_check; at most IOV_MAX of them), its iovec array in *iovp
 * for the caller to free.  0 or ENOMEM. */
struct msghdr;
int wx_wasi_msg_iovs(struct wx_wasi *w, uint32_t iovs, uint32_t n,
		     struct msghdr *msg, struct iovec **iovp);
/* The recvmsg flags for WASI riflags (peek, waitall, WASIX's truncation
 * report and don't-wait). */
int wx_wasi_recv_msgflags(uint32_t riflags);
/* st_mode -> WX_FILETYPE_*; `fd` >= 0 tells stream from dgram sockets. */
uint8_t wx_wasi_filetype(mode_t mode, int fd);
/* Encode a filestat (preview1 layout, or snapshot0 when `old`) into buf,
 * which must hold WX_FILESTAT_SIZE bytes.  Returns the size used. */
size_t wx_wasi_filestat_encode(uint8_t *buf, const struct stat *st,
			       bool old);
/* Read WASI clock `id` (REALTIME, MONOTONIC, PROCESS_CPUTIME,
 * THREAD_CPUTIME): its time, or its resolution, in nanoseconds.  0 or a
 * WASI errno (EINVAL for any other id). */
int wx_wasi_clock_read(uint32_t id, bool resolution, uint64_t *ns);

/* Convert (atim, mtim, fstflags) into a timespec[2] for utimensat. */
int wx_wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst,
		  struct timespec ts[2]);
/* args_get/environ_get: write n pointers at `ptrs` and the strings (with
 * NULs, `bytes` in all) at `buf`.  Guest errno. */
int wx_wasi_strv_copyout(struct wx_wasi *w, char *const *v, size_t n,
			 size_t bytes, uint32_t ptrs, uint32_t buf);
/* FD_SEEK|FD_TELL for a character device or pipe that is not a tty
 * (how wasi-libc's isatty tells them apart), else 0. */
uint64_t wx_wasi_notty_rights(int host_fd);
/* Open flags the host fd actually has, as WASI fdflags. */
uint16_t wx_wasi_host_fdflags(int host_fd);

/* Read or write through the guest iovec array at `iovs` (rw.c); at
 * `offset` when positioned.  Bytes moved in *donep.  Guest errno. */
int wx_wasi_rw(struct wx_wasi *w, struct wx_fdobj *o, uint32_t iovs,
	       uint32_t n, bool write, bool positioned, uint64_t offset,
	       uint32_t *donep);

/* The whole of fd_read, fd_write, fd_pread and fd_pwrite (they differ
 * only in direction and position): look up the fd with the right it
 * needs, move the data, write the count to the last argument. */
int wx_wasi_rw_call(struct wx_wasi *w, uint64_t *args, bool write,
		    bool positioned);

/* ---- the syscalls (sys/<name>.c) ---- */
#define WASI_FUNC(name, sig)                                                \
	int wx_wasi_##name(struct wx_thread *t, void *ctx, uint64_t *args);
#include "wasi_preview1.def"
#undef WASI_FUNC

/* wasi_unstable (snapshot 0) variants with their older layouts. */
int wx_wasi_unstable_fd_seek(struct wx_thread *t, void *ctx, uint64_t *args);
int wx_wasi_unstable_fd_filestat_get(struct wx_thread *t, void *ctx,
				     uint64_t *args);
int wx_wasi_unstable_path_filestat_get(struct wx_thread *t, void *ctx,
				       uint64_t *args);
int wx_wasi_unstable_poll_oneoff(struct wx_thread *t, void *ctx,
				 uint64_t *args);
/* wasix_32v1.proc_raise: Linux signal numbering (wasix-abi.md 3.8). */
int wx_wasix_proc_raise(struct wx_thread *t, void *ctx, uint64_t *args);

#endif
