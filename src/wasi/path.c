/*
 * path.c - sandboxed resolution of guest paths beneath a directory fd.
 *
 * WASI's capability model: a path is always relative to a directory fd
 * the guest holds (a preopen or something opened beneath one) and must
 * never name anything outside it.  That rules out absolute paths, `..`
 * above the directory, and symlinks whose target (absolute, or relative
 * with enough `..`) leaves it, at any depth and through any chain.
 * Escapes fail with ENOTCAPABLE, as in wasmtime.
 *
 * How: the directory part of the path is opened (O_PATH) with
 * openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) when the kernel has it
 * (Linux >= 5.6; probed once: ENOSYS means no); otherwise by walking it
 * one component at a time with O_PATH|O_NOFOLLOW opens, keeping a stack
 * of directory fds for `..` and expanding symlinks ourselves.  The final
 * component is then handled here: if the caller follows symlinks (or the
 * path ends in '/'), a symlink there is read and resolution restarts with
 * its target spliced in, at most WX_SYMLOOP_MAX times (ELOOP).  The caller
 * gets (parent dirfd, single-component name) and uses *at() calls with
 * AT_SYMLINK_NOFOLLOW / O_NOFOLLOW, so the kernel never follows a link we
 * did not check; a link swapped in concurrently makes the call fail
 * (ELOOP) rather than escape.
 *
 * Setting WASIXRT_NO_OPENAT2 in the host environment forces the walk, so
 * the tests can exercise both implementations on one kernel.
 *
 * Trailing slashes: "name/" must be a directory (ENOTDIR otherwise) and
 * always follows a final symlink (POSIX path resolution, 4.13).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* 1: openat2 works, -1: it does not, 0: not probed yet. */
static int wx_openat2_state;

static int wx_path_err(int e)
{
	/* RESOLVE_BENEATH reports an escape as EXDEV. */
	return e == EXDEV ? WX_WASI_ENOTCAPABLE : wx_wasi_errno(e);
}

/* openat2 of a directory beneath rootfd: fd, or -1 with errno; errno
 * ENOSYS when the kernel lacks it (then remembered). */
static int wx_open_beneath2(int rootfd, const char *dir)
{
	struct open_how how;
	int fd, tries;

	memset(&how, 0, sizeof(how));
	how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	for (tries = 0; tries < 16; tries++) {
		fd = (int)syscall(SYS_openat2, rootfd, dir, &how, sizeof(how));
		/* EAGAIN: a concurrent rename made the kernel unsure the
		 * walk stayed beneath; it asks us to retry. */
		if (fd >= 0 || (errno != EAGAIN && errno != EINTR))
			break;
	}
	return fd;
}

/* Component walk of `dir` beneath rootfd without openat2.  Returns a
 * host fd or -(guest errno).  With `restart` (absolute links allowed), a
 * symlink to an absolute path ends the walk with -WX_PATH_RESTART and
 * *restart = the target + the rest of `dir`: a guest path to resolve
 * from the guest's root. */
static int wx_open_beneath_walk(int rootfd, const char *dir, char **restart)
{
	int *stack = NULL, depth = 0, cap = 16, links = 0, fd, ret;
	char *work = NULL, *p, *comp, *next, *tmp;
	char target[WX_PATH_MAX + 1];
	struct stat st;
	ssize_t n;
	size_t rest;

	stack = malloc(cap * sizeof(*stack));
	work = strdup(dir);
	if (stack == NULL || work == NULL) {
		ret = -WX_WASI_ENOMEM;
		goto fail;
	}
	stack[0] = openat(rootfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (stack[0] < 0) {
		ret = -wx_wasi_errno(errno);
		goto fail;
	}
	p = work;
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		comp = p;
		next = strchr(p, '/');
		if (next != NULL) {
			*next = '\0';
			p = next + 1;
		} else {
			p += strlen(p);
		}
		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			if (depth == 0) {
				ret = -WX_WASI_ENOTCAPABLE;
				goto fail;
			}
			close(stack[depth--]);
			continue;
		}
		fd = openat(stack[depth], comp,
			    O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			ret = -wx_wasi_errno(errno);
			goto fail;
		}
		if (fstat(fd, &st) != 0) {
			ret = -wx_wasi_errno(errno);
			close(fd);
			goto fail;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth + 1 == cap) {
				int *ns = realloc(stack, 2 * cap * sizeof(*ns));
				if (ns == NULL) {
					close(fd);
					ret = -WX_WASI_ENOMEM;
					goto fail;
				}
				stack = ns;
				cap *= 2;
			}
			stack[++depth] = fd;
			continue;
		}
		if (!S_ISLNK(st.st_mode)) {
			close(fd);
			ret = -WX_WASI_ENOTDIR;
			goto fail;
		}
		/* A symlink: read it through the O_PATH fd (no race) and
		 * continue with target + "/" + rest, relative to the
		 * directory that holds the link. */
		n = readlinkat(fd, "", target, sizeof(target) - 1);
		close(fd);
		if (n < 0) {
			ret = -wx_wasi_errno(errno);
			goto fail;
		}
		if (++links > WX_SYMLOOP_MAX) {
			ret = -WX_WASI_ELOOP;
			goto fail;
		}
		target[n] = '\0';
		if (n == 0) {
			ret = -WX_WASI_ENOENT;
			goto fail;
		}
		rest = strlen(p);
		if (target[0] == '/') {
			ret = -WX_WASI_ENOTCAPABLE;
			if (restart == NULL)
				goto fail;
			if ((size_t)n + 1 + rest > WX_PATH_MAX) {
				ret = -WX_WASI_ENAMETOOLONG;
				goto fail;
			}
			if ((*restart = malloc((size_t)n + rest + 2)) == NULL) {
				ret = -WX_WASI_ENOMEM;
				goto fail;
			}
			memcpy(*restart, target, (size_t)n);
			(*restart)[n] = '/';
			memcpy(*restart + n + 1, p, rest + 1);
			ret = -WX_PATH_RESTART;
			goto fail;
		}
		if ((size_t)n + 1 + rest > WX_PATH_MAX) {
			ret = -WX_WASI_ENAMETOOLONG;
			goto fail;
		}
		tmp = malloc((size_t)n + 1 + rest + 1);
		if (tmp == NULL) {
			ret = -WX_WASI_ENOMEM;
			goto fail;
		}
		memcpy(tmp, target, (size_t)n);
		tmp[n] = '/';
		memcpy(tmp + n + 1, p, rest + 1);
		free(work);
		work = p = tmp;
	}
	ret = stack[depth];
	depth--;
fail:
	while (stack != NULL && depth >= 0)
		close(stack[depth--]);
	free(stack);
	free(work);
	return ret;
}

/* Open directory `dir` (relative, may be "") beneath rootfd.  Returns a
 * host O_PATH fd or -(guest errno). */
static int wx_open_beneath(int rootfd, const char *dir, char **restart)
{
	int state = __atomic_load_n(&wx_openat2_state, __ATOMIC_RELAXED);
	int fd;

	if (state == 0) {
		state = getenv("WASIXRT_NO_OPENAT2") != NULL ? -1 : 1;
		__atomic_store_n(&wx_openat2_state, state, __ATOMIC_RELAXED);
	}
	if (state > 0) {
		fd = wx_open_beneath2(rootfd, *dir ? dir : ".");
		if (fd >= 0)
			return fd;
		/* EXDEV: an escape, or an absolute link the walk may follow
		 * from the guest's root. */
		if (errno == EXDEV && restart != NULL)
			return wx_open_beneath_walk(rootfd, dir, restart);
		if (errno != ENOSYS)
			return -wx_path_err(errno);
		__atomic_store_n(&wx_openat2_state, -1, __ATOMIC_RELAXED);
	}
	return wx_open_beneath_walk(rootfd, dir, restart);
}

int wx_path_copyin(struct wx_wasi *w, uint32_t ptr, uint32_t len,
		   char **out)
{
	const uint8_t *src;
	char *s;
	uint32_t i;

	*out = NULL;
	if (len >= WX_PATH_MAX)
		return WX_WASI_ENAMETOOLONG;
	src = wx_wasi_mem(w, ptr, len);
	if (src == NULL)
		return WX_WASI_EFAULT;
	/* WASI paths are UTF-8 strings without NULs (wasmtime: EILSEQ). */
	for (i = 0; i < len; i++) {
		uint8_t c = src[i];
		uint32_t k, more;
		if (c == 0)
			return WX_WASI_EILSEQ;
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf)
			more = 1;
		else if (c >= 0xe0 && c <= 0xef)
			more = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			more = 3;
		else
			return WX_WASI_EILSEQ;
		if (more > len - 1 - i)
			return WX_WASI_EILSEQ;
		for (k = 1; k <= more; k++)
			if ((src[i + k] & 0xc0) != 0x80)
				return WX_WASI_EILSEQ;
		i += more;
	}
	s = malloc((size_t)len + 1);
	if (s == NULL)
		return WX_WASI_ENOMEM;
	memcpy(s, src, len);
	s[len] = '\0';
	if (!wx_path_names_fit(s)) {
		free(s);
		return WX_WASI_ENAMETOOLONG;
	}
	*out = s;
	return 0;
}

/* WX_PATH_RESTART with out->name = `head` (owned; NULL is ENOMEM) + "/"
 * + `last` (if any) + "/" if `trailing`: a guest path from the root. */
static int restart_with(struct wx_path *out, char *head, const char *last,
			bool trailing)
{
	size_t n;
	if (head == NULL)
		return WX_WASI_ENOMEM;
	n = strlen(head) + (last != NULL ? strlen(last) + 1 : 0) + 2;
	if (n > WX_PATH_MAX + 1) {
		free(head);
		return WX_WASI_ENAMETOOLONG;
	}
	out->name = malloc(n);
	if (out->name == NULL) {
		free(head);
		return WX_WASI_ENOMEM;
	}
	strcpy(out->name, head);
	free(head);
	if (last != NULL) {
		strcat(out->name, "/");
		strcat(out->name, last);
	}
	if (trailing)
		strcat(out->name, "/");
	return WX_PATH_RESTART;
}

/* wx_path_resolve; with `borrow`, a path of one component gets rootfd
 * itself as its directory instead of a new fd for "." beneath it (an
 * openat2 and a close fewer on every open of a file in a directory the
 * caller holds, such as a server's document root). */
static int wx_path_resolve_at(int rootfd, const char *path, bool follow,
			      bool borrow, bool abs_ok, struct wx_path *out)
{
	char target[WX_PATH_MAX + 1];
	char *cur, *slash, *last, *dir, *next, *restart = NULL;
	struct stat st;
	int links = 0, dfd = -1, ret;
	bool trailing;
	size_t len, dlen;
	ssize_t n;

	out->dirfd = -1;
	out->dirfd_borrowed = false;
	out->name = NULL;
	out->trailing_slash = false;
	out->devdir = NULL;
	out->vdir = NULL;
	if (path[0] == '\0')
		return WX_WASI_ENOENT;
	if (path[0] == '/')
		return WX_WASI_ENOTCAPABLE;
	cur = strdup(path);
	if (cur == NULL)
		return WX_WASI_ENOMEM;
	for (;;) {
		len = strlen(cur);
		trailing = false;
		while (len > 1 && cur[len - 1] == '/') {
			cur[--len] = '\0';
			trailing = true;
		}
		slash = strrchr(cur, '/');
		if (slash != NULL) {
			*slash = '\0';
			dir = cur;
			last = slash + 1;
		} else {
			dir = "";
			last = cur;
		}
		if (strcmp(last, "..") == 0) {
			/* The parent of the target would be above what we
			 * checked: resolve the whole path as a directory and
			 * name it ".". */
			if (slash != NULL)
				*slash = '/';
			dfd = wx_open_beneath(rootfd, cur,
					      abs_ok ? &restart : NULL);
			last = ".";
		} else if (borrow && slash == NULL) {
			dfd = rootfd;
		} else {
			dfd = wx_open_beneath(rootfd, dir,
					      abs_ok ? &restart : NULL);
		}
		if (dfd == -WX_PATH_RESTART) {
			/* An absolute link on the way: what is left is a
			 * path from the guest's root. */
			dfd = -1;
			ret = restart_with(out, restart, last, trailing);
			restart = NULL;
			goto fail;
		}
		if (dfd < 0) {
			ret = -dfd;
			goto fail;
		}
		if (!(follow || trailing) || strcmp(last, ".") == 0 ||
		    fstatat(dfd, last, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISLNK(st.st_mode))
			break;
		/* A symlink in the final position that we must follow. */
		n = readlinkat(dfd, last, target, sizeof(target) - 1);
		if (n < 0) {
			ret = wx_wasi_errno(errno);
			goto fail;
		}
		target[n] = '\0';
		if (++links > WX_SYMLOOP_MAX) {
			ret = WX_WASI_ELOOP;
			goto fail;
		}
		if (n == 0) {
			ret = WX_WASI_ENOENT;
			goto fail;
		}
		if (target[0] == '/') {
			ret = WX_WASI_ENOTCAPABLE;
			if (abs_ok)
				ret = restart_with(out, strdup(target), NULL,
						   trailing);
			goto fail;
		}
		dlen = slash != NULL ? strlen(dir) : 0;
		if (dlen + 1 + (size_t)n + 1 > WX_PATH_MAX) {
			ret = WX_WASI_ENAMETOOLONG;
			goto fail;
		}
		next = malloc(dlen + 1 + (size_t)n + 2);
		if (next == NULL) {
			ret = WX_WASI_ENOMEM;
			goto fail;
		}
		next[0] = '\0';
		if (dlen != 0) {
			memcpy(next, dir, dlen);
			next[dlen] = '/';
			next[dlen + 1] = '\0';
		}
		strcat(next, target);
		if (trailing)
			strcat(next, "/");
		free(cur);
		cur = next;
		if (dfd != rootfd)
			close(dfd);
		dfd = -1;
	}
	out->name = strdup(last);
	if (out->name == NULL) {
		ret = WX_WASI_ENOMEM;
		goto fail;
	}
	out->dirfd = dfd;
	out->dirfd_borrowed = dfd == rootfd;
	out->trailing_slash = trailing;
	free(cur);
	return 0;
fail:
	if (dfd >= 0 && dfd != rootfd)
		close(dfd);
	free(cur);
	return ret;
}

int wx_path_resolve(int rootfd, const char *path, bool follow,
		    struct wx_path *out)
{
	return wx_path_resolve_at(rootfd, path, follow, false, false, out);
}

int wx_path_resolve_abs(int rootfd, const char *path, bool follow,
			struct wx_path *out)
{
	return wx_path_resolve_at(rootfd, path, follow, false, true, out);
}

void wx_path_fini(struct wx_path *p)
{
	if (p->dirfd >= 0 && !p->dirfd_borrowed)
		close(p->dirfd);
	free(p->name);
	free(p->vdir);
	p->dirfd = -1;
	p->dirfd_borrowed = false;
	p->name = NULL;
	p->vdir = NULL;
}

int wx_path_check_trailing(const struct wx_path *p)
{
	struct stat st;

	if (!p->trailing_slash)
		return 0;
	if (fstatat(p->dirfd, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISDIR(st.st_mode))
		return WX_WASI_ENOTDIR;
	return 0;
}

/* The preopen whose guest path holds absolute path `abs` (the longest
 * prefix, at a component boundary), as a counted reference with its
 * rights; *restp is the rest of the path.  Guest errno: ENOTCAPABLE
 * when none does. */
static int wx_path_preopen(struct wx_wasi *w, const char *abs,
			   struct wx_fdref *ref, const char **restp)
{
	size_t len;

	if (!wx_fdtable_preopen_for(&w->fds, abs, ref, &len))
		return WX_WASI_ENOTCAPABLE;
	*restp = abs + len;
	return 0;
}

/* What may not happen in a virtual directory: a new name there is
 * EACCES for these, as in a directory of root's (a missing directory on
 * the way stays ENOENT). */
#define WX_VROOT_CREATING                                                   \
	(WX_RIGHT_PATH_CREATE_DIRECTORY | WX_RIGHT_PATH_CREATE_FILE |      \
	 WX_RIGHT_PATH_LINK_TARGET | WX_RIGHT_PATH_RENAME_TARGET |         \
	 WX_RIGHT_PATH_SYMLINK)

/* Absolute guest path `path`: *ref becomes the preopen holding it (need
 * checked there too), *relp the rest ("." for the preopen itself). */
static int wx_path_absolute(struct wx_wasi *w, const char *path,
			    uint64_t need, struct wx_fdref *ref,
			    const char **relp)
{
	struct wx_fdref root;
	const char *rel;
	int ret = wx_path_preopen(w, path, &root, &rel);
	if (ret != 0)
		return ret;
	wx_fdref_release(ref);
	*ref = root;
	if ((need & ~ref->rights_base) != 0)
		return WX_WASI_ENOTCAPABLE;
	while (*rel == '/')
		rel++;
	*relp = *rel == '\0' ? "." : rel;
	return 0;
}

int wx_path_begin(struct wx_wasi *w, uint32_t fd, uint64_t need,
		  uint32_t path_ptr, uint32_t path_len, bool follow,
		  struct wx_fdref *ref, struct wx_path *out)
{
	char *path = NULL, dev[64];
	const char *rel;
	int ret, restarts = 0;

	out->dirfd = -1;
	out->dirfd_borrowed = false;
	out->name = NULL;
	out->trailing_slash = false;
	out->devdir = NULL;
	out->vdir = NULL;
	ret = wx_fdtable_get_dir(&w->fds, fd, 0, ref);
	if (ret != 0)
		return ret;
	/* A file fd is not a directory before it lacks the path rights. */
	if (ref->obj->filetype != WX_FILETYPE_DIRECTORY) {
		ret = WX_WASI_ENOTDIR;
		goto fail;
	}
	if ((need & ~ref->rights_base) != 0) {
		ret = WX_WASI_ENOTCAPABLE;
		goto fail;
	}
	ret = wx_path_copyin(w, path_ptr, path_len, &path);
	if (ret != 0)
		goto fail;
	rel = path;
again:
	if (path[0] == '/' &&
	    (ret = wx_path_absolute(w, path, need, ref, &rel)) != 0)
		goto fail;
	if (ref->obj->vdir != NULL) {
		/* In the virtual root: walk to a virtual directory, or to a
		 * path beneath a mount point, resolved as any absolute one. */
		char *abs;
		bool virtual, last = false;
		ret = wx_vroot_walk(w, ref->obj->vdir, rel, &abs, &virtual,
				    &last);
		if (ret == WX_WASI_ENOENT && last && (need & WX_VROOT_CREATING))
			ret = WX_WASI_EACCES;
		if (ret != 0)
			goto fail;
		free(path);
		path = abs;
		if (virtual) {
			/* It exists: making it is EEXIST (mkdir -p walks
			 * down from "/"), anything else but looking EACCES. */
			if (need & (WX_RIGHT_PATH_CREATE_DIRECTORY |
				    WX_RIGHT_PATH_SYMLINK |
				    WX_RIGHT_PATH_LINK_TARGET))
				ret = WX_WASI_EEXIST;
			else if (!(need & (WX_RIGHT_PATH_OPEN |
					   WX_RIGHT_PATH_FILESTAT_GET |
					   WX_RIGHT_PATH_READLINK)))
				ret = WX_WASI_EACCES;
			else
				out->vdir = path, path = NULL;
			goto fail;
		}
		rel = path;
		if ((ret = wx_path_absolute(w, path, need, ref, &rel)) != 0)
			goto fail;
	}
	if (ref->obj->devfs) {
		if (!(need & (WX_RIGHT_PATH_OPEN | WX_RIGHT_PATH_FILESTAT_GET |
			      WX_RIGHT_PATH_READLINK)))
			ret = WX_WASI_EACCES;
		else if (!wx_devfs_name(rel, dev, sizeof(dev)))
			ret = WX_WASI_ENOENT;
		else if ((out->name = strdup(dev)) == NULL)
			ret = WX_WASI_ENOMEM;
		if (ret != 0)
			goto fail;
		out->devdir = ref->obj;
		out->trailing_slash = rel[0] != '\0' &&
				      rel[strlen(rel) - 1] == '/' &&
				      strcmp(dev, ".") != 0;
		goto fail;
	}
	/* `ref` outlives `out` (the callers finish it first): its
	 * directory fd can be borrowed. */
	ret = wx_path_resolve_at(ref->obj->host_fd, rel, follow, true,
				 w->abs_links, out);
	if (ret == WX_PATH_RESTART) {
		/* An absolute symlink (WASIX, beside the virtual root): go
		 * on from the guest's root with what is left. */
		free(path);
		path = out->name;
		out->name = NULL;
		if (++restarts > WX_SYMLOOP_MAX) {
			ret = WX_WASI_ELOOP;
			goto fail;
		}
		rel = path;
		goto again;
	}
fail:
	free(path);
	if (ret != 0)
		wx_fdref_release(ref);
	return ret;
}
