/*
 * fdtable.h - the guest's file descriptors: a table from guest fd numbers
 * to reference-counted open objects, plus the per-fd rights.
 *
 * Two levels, like POSIX: a table entry (per guest fd: rights, and the
 * WASIX per-fd flags such as CLOEXEC) points at an object (per open file
 * description: host fd, file type, directory iteration state, preopen
 * name).  WASIX fd_dup/fd_dup2 make two entries share one object; fork
 * copies the table with wx_fdtable_clone.  Pipes, sockets and event fds
 * are objects of other file types over a host fd.
 *
 * Invariants:
 *  - Guest fd numbers are virtual; the guest never learns a host fd.
 *  - An object lives while any table entry or wx_fdref holds it, so a
 *    syscall blocked on an fd is safe against a concurrent fd_close from
 *    another thread (the host fd is closed by the last release).
 *  - The table lock is held only to look up, insert or remove entries,
 *    never across a blocking host call.
 */
#ifndef WX_WASI_FDTABLE_H
#define WX_WASI_FDTABLE_H

#include <dirent.h>
#include <pthread.h>

#include "../util/common.h"

struct wx_fdobj {
	int refcount; /* atomic */
	int host_fd;
	bool borrowed;    /* stdio from the embedder: never close host_fd */
	uint8_t filetype; /* WX_FILETYPE_* */
	char *preopen;    /* guest path of a preopened directory, else NULL */
	bool devfs;       /* the virtual /dev (devfs.c); host_fd is -1 */
	/* A directory of the virtual root (vroot.c): its absolute guest
	 * path; host_fd is -1. */
	char *vdir;
	size_t preopen_len;
	/* fd_readdir state, under `lock`: `dir` reads a dup of host_fd and is
	 * positioned at the entry whose index is `dir_cookie`. */
	pthread_mutex_t lock;
	DIR *dir;
	uint64_t dir_cookie;
	/* State of a kind of object that the WASI layer does not know
	 * (WASIX sockets, epoll instances), freed by `ext_free` with the
	 * object; set once, when the object is created. */
	void *ext;
	void (*ext_free)(void *ext);
};

struct wx_fdentry {
	struct wx_fdobj *obj; /* NULL: the fd is free */
	uint64_t rights_base;
	uint64_t rights_inh;
	uint16_t flagsext; /* WASIX fdflagsext (bit 0 CLOEXEC); 0 in preview1 */
};

struct wx_fdtable {
	pthread_mutex_t lock;
	struct wx_fdentry *e;
	uint32_t n; /* entries allocated */
	/* The preopens as the program found them at start, by fd
	 * (wx_fdtable_seal_preopens).  A libc learns its preopens' fd
	 * numbers once and resolves every path through them; a shell's
	 * `exec 3>file` or `exec 3>&-` then replaces or closes one, and
	 * every later open, stat and exec of the program failed.  Path calls
	 * on such an fd number, and absolute guest paths, keep resolving
	 * through the preopen it had. */
	struct wx_fdentry *pre;
	uint32_t npre;
	/* Guest fd numbers are below this (limits.h: the run's fds bound,
	 * as RLIMIT_NOFILE), at most WX_FDTABLE_MAX. */
	uint32_t max;
};

/* A counted reference to an fd's object with a snapshot of its rights. */
struct wx_fdref {
	struct wx_fdobj *obj;
	uint64_t rights_base;
	uint64_t rights_inh;
	uint32_t fd;
};

/* Largest guest fd number we ever hand out (+1); a table's own bound,
 * `max`, is at most this. */
#define WX_FDTABLE_MAX 65536u

/* An empty table whose fds are below `max` (1..WX_FDTABLE_MAX). */
void wx_fdtable_init(struct wx_fdtable *tab);
void wx_fdtable_set_max(struct wx_fdtable *tab, uint32_t max);
/* Release every entry. */
void wx_fdtable_fini(struct wx_fdtable *tab);
/* Record the preopens now in the table as the program's own (after the
 * configured ones are inserted, before the program runs). */
int wx_fdtable_seal_preopens(struct wx_fdtable *tab);
/* The directory for a path call on `fd` (as wx_fdtable_get): the fd's
 * own object, or - when the program closed or replaced a preopen there
 * by something that is not a directory - that preopen.  DEVIATION:
 * Wasmer refuses to replace a preopen (ENOTSUP), which breaks shells;
 * POSIX lets the fd go, and the program's libc keeps its path. */
int wx_fdtable_get_dir(struct wx_fdtable *tab, uint32_t fd, uint64_t need,
		       struct wx_fdref *ref);
/* The preopen at `fd`: the fd's own object if it is one, or the one the
 * program had there (fd_prestat_get: an exec'd program's libc finds the
 * preopens its parent closed or replaced).  EBADF when there is none. */
int wx_fdtable_get_preopen(struct wx_fdtable *tab, uint32_t fd,
			   struct wx_fdref *ref);
/* The preopen whose guest path is the longest prefix of absolute path
 * `abs` (at a component boundary), as a counted reference; *lenp is the
 * length of that prefix.  EBADF-free: false when none holds it. */
bool wx_fdtable_preopen_for(struct wx_fdtable *tab, const char *abs,
			    struct wx_fdref *ref, size_t *lenp);
/* Copy every entry (sharing the objects) into an empty `dst`: fork. */
int wx_fdtable_clone(struct wx_fdtable *dst, struct wx_fdtable *src);

/* A new object over `host_fd` (owned unless `borrowed`); NULL on ENOMEM
 * (host_fd is then left open for the caller to close). */
struct wx_fdobj *wx_fdobj_create(int host_fd, uint8_t filetype,
				 bool borrowed);
void wx_fdobj_retain(struct wx_fdobj *o);
/* Drop one reference; the last one closes the host fd. */
void wx_fdobj_release(struct wx_fdobj *o);

/* Put `o` (reference transferred) at the lowest free fd >= `min`, or at
 * exactly `min` when `exact`.  Returns a guest errno (EMFILE when no fd
 * below the table's bound is free, EBADF for an exact fd at or above
 * it, ENOMEM); on failure the reference is released. */
int wx_fdtable_insert(struct wx_fdtable *tab, struct wx_fdobj *o,
		      uint64_t base, uint64_t inh, uint32_t min, bool exact,
		      uint32_t *fdp);
/* Look up `fd`, requiring every right in `need`.  Guest errno: EBADF for
 * an fd that is not open; for a missing right, EBADF when it is FD_READ
 * or FD_WRITE (what POSIX programs expect from read(2) on a write-only
 * fd, and what wasmtime returns); on an fd not open for writing, what
 * POSIX says of posix_fallocate (EBADF) and ftruncate (EINVAL) for
 * FD_ALLOCATE and FD_FILESTAT_SET_SIZE; ENOTCAPABLE otherwise (a right
 * the guest dropped). */
int wx_fdtable_get(struct wx_fdtable *tab, uint32_t fd, uint64_t need,
		   struct wx_fdref *ref);
void wx_fdref_release(struct wx_fdref *ref);
/* Close a guest fd.  Guest errno (EBADF). */
int wx_fdtable_close(struct wx_fdtable *tab, uint32_t fd);
/* fd_renumber: move `from` onto `to` (which must be open), closing what
 * `to` held. Guest errno. */
int wx_fdtable_renumber(struct wx_fdtable *tab, uint32_t from, uint32_t to);
/* POSIX dup2: `to` refers to what `from` does (rights included, no
 * CLOEXEC), closing what `to` held; `from` stays open.  Guest errno
 * (EBADF also for `to` at or above the table's bound). */
int wx_fdtable_dup2(struct wx_fdtable *tab, uint32_t from, uint32_t to);
/* Replace the rights of `fd`; only dropping is allowed (ENOTCAPABLE). */
int wx_fdtable_set_rights(struct wx_fdtable *tab, uint32_t fd, uint64_t base,
			  uint64_t inh);

#endif
