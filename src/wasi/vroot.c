/*
 * vroot.c - the guest's "/" when no --dir maps it: a virtual, read-only
 * tree of the directories that lead to the mount points.
 *
 * A guest sees only its preopens, each at an absolute guest path
 * (/work/src, /dev, /bin).  Without a root, everything above them did
 * not exist: stat("/work") failed, `cd /` failed, and wasix-libc's
 * realpath(), which reads every component from "/" down, failed for any
 * path at all - programs that canonicalise paths (shells' `pwd -P`,
 * realpath, build tools, interpreters finding their libraries) broke.
 * Wasmer gives every program a virtual root holding its mounts; so do we:
 * a preopen "/" (after the others, so --dir fds keep their numbers)
 * whose directories are "/" and every strict ancestor of a mount point,
 * each listing the next components on the way to the mounts.
 *
 * Sandbox: a virtual directory has no host directory (host_fd -1).  A
 * path through one is walked here component by component (lexically:
 * virtual directories hold no links) until it reaches a mount point;
 * from there it is resolved beneath that preopen exactly as an absolute
 * path always was (path.c).  Nothing else exists: other names are
 * ENOENT, and creating, removing or renaming anything in a virtual
 * directory is EACCES, as in a root-owned directory for a user.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* Does mount guest path `m` (absolute, maybe with repeated or trailing
 * slashes) equal `p` (1), lie strictly below it (2), or neither (0)?
 * `p` is normalised: "/" or "/a/b". */
static int mount_rel(const char *m, const char *p)
{
	const char *q = p;
	if (m[0] != '/')
		return 0;
	if (strcmp(p, "/") == 0) {
		while (*m == '/')
			m++;
		return *m == '\0' ? 1 : 2;
	}
	/* Compare component by component, skipping repeated slashes. */
	for (;;) {
		while (*m == '/')
			m++;
		while (*q == '/')
			q++;
		if (*q == '\0')
			return *m == '\0' ? 1 : 2;
		while (*q != '\0' && *q != '/' && *m == *q) {
			m++;
			q++;
		}
		if ((*q != '\0' && *q != '/') || (*m != '\0' && *m != '/'))
			return 0;
	}
}

/* Is `p` a mount point (1), a virtual directory (2), or nothing (0)? */
static int vroot_kind(struct wx_fdtable *tab, const char *p)
{
	int kind = 0, k;
	uint32_t i;
	pthread_mutex_lock(&tab->lock);
	for (i = 0; i < tab->npre && kind != 1; i++) {
		struct wx_fdobj *o = tab->pre[i].obj;
		if (o == NULL || o->vdir != NULL || o->preopen == NULL)
			continue;
		k = mount_rel(o->preopen, p);
		if (k == 1 || (k == 2 && kind == 0))
			kind = k;
	}
	pthread_mutex_unlock(&tab->lock);
	if (kind == 0 && strcmp(p, "/") == 0)
		kind = 2;
	return kind;
}

int wx_vroot_walk(struct wx_wasi *w, const char *base, const char *rel,
		  char **out, bool *virtual, bool *last)
{
	size_t cap = strlen(base) + strlen(rel) + 3, n;
	char *cur = malloc(cap);
	const char *c = rel, *e;
	*out = NULL;
	if (cur == NULL)
		return WX_WASI_ENOMEM;
	strcpy(cur, base);
	for (;;) {
		while (*c == '/')
			c++;
		if (*c == '\0')
			break;
		for (e = c; *e != '\0' && *e != '/'; e++)
			;
		if (e - c == 1 && c[0] == '.') {
			c = e;
			continue;
		}
		if (e - c == 2 && c[0] == '.' && c[1] == '.') {
			char *slash = strrchr(cur, '/');
			if (slash == cur)
				cur[1] = '\0';
			else if (slash != NULL)
				*slash = '\0';
			c = e;
			continue;
		}
		n = strlen(cur);
		if (n > 1)
			cur[n++] = '/';
		memcpy(cur + n, c, (size_t)(e - c));
		cur[n + (size_t)(e - c)] = '\0';
		c = e;
		switch (vroot_kind(&w->fds, cur)) {
		case 1: /* a mount point: the rest is resolved beneath it */
			strcat(cur, c);
			*out = cur;
			*virtual = false;
			return 0;
		case 2:
			continue;
		default:
			free(cur);
			while (*c == '/')
				c++;
			if (last != NULL)
				*last = *c == '\0';
			return WX_WASI_ENOENT;
		}
	}
	*out = cur;
	*virtual = true;
	return 0;
}

bool wx_vroot_is_dir(struct wx_wasi *w, const char *abs)
{
	char *p;
	bool virtual = false;
	if (!w->vroot || abs[0] != '/' ||
	    wx_vroot_walk(w, "/", abs, &p, &virtual, NULL) != 0)
		return false;
	free(p);
	return virtual;
}

/* The same inode for the same virtual directory: FNV-1a of its path,
 * with the top bit set to keep clear of small host inode numbers. */
static uint64_t vdir_ino(const char *p)
{
	uint64_t h = 1469598103934665603ull;
	for (; *p != '\0'; p++)
		h = (h ^ (uint8_t)*p) * 1099511628211ull;
	return h | (1ull << 63);
}

void wx_vroot_stat(const char *vpath, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFDIR | 0555;
	st->st_nlink = 2;
	st->st_ino = (ino_t)vdir_ino(vpath);
	st->st_dev = 0;
}

/* The names directly below virtual directory `vpath` on the way to the
 * mounts, sorted and unique; *np of them.  NULL on ENOMEM. */
static char **children(struct wx_fdtable *tab, const char *vpath, size_t *np)
{
	char **v = NULL;
	size_t n = 0, i, j;
	uint32_t k;
	*np = 0;
	pthread_mutex_lock(&tab->lock);
	for (k = 0; k < tab->npre; k++) {
		struct wx_fdobj *o = tab->pre[k].obj;
		const char *m, *q, *e;
		char *name, **nv;
		if (o == NULL || o->vdir != NULL || o->preopen == NULL ||
		    mount_rel(o->preopen, vpath) != 2)
			continue;
		/* Skip vpath's components in the mount's path. */
		m = o->preopen;
		for (q = vpath;;) {
			while (*m == '/')
				m++;
			while (*q == '/')
				q++;
			if (*q == '\0')
				break;
			while (*q != '\0' && *q != '/') {
				q++;
				m++;
			}
		}
		for (e = m; *e != '\0' && *e != '/'; e++)
			;
		for (i = 0; i < n; i++)
			if (strlen(v[i]) == (size_t)(e - m) &&
			    memcmp(v[i], m, (size_t)(e - m)) == 0)
				break;
		if (i < n)
			continue;
		name = strndup(m, (size_t)(e - m));
		nv = name != NULL ? realloc(v, (n + 1) * sizeof(*v)) : NULL;
		if (nv == NULL) {
			free(name);
			for (i = 0; i < n; i++)
				free(v[i]);
			free(v);
			pthread_mutex_unlock(&tab->lock);
			return NULL;
		}
		v = nv;
		/* Insertion sort: a listing in a stable order. */
		for (j = n; j > 0 && strcmp(v[j - 1], name) > 0; j--)
			v[j] = v[j - 1];
		v[j] = name;
		n++;
	}
	pthread_mutex_unlock(&tab->lock);
	*np = n;
	if (v == NULL)
		v = malloc(sizeof(*v));
	return v;
}

int wx_vroot_readdir(struct wx_wasi *w, const char *vpath, uint8_t *buf,
		     uint32_t len, uint64_t cookie, uint32_t *usedp)
{
	size_t n, i;
	char **names = children(&w->fds, vpath, &n);
	uint64_t k;
	uint32_t used = 0;
	char *child;
	if (names == NULL)
		return WX_WASI_ENOMEM;
	for (k = cookie; k < n + 2 && used < len; k++) {
		const char *name = k == 0 ? "." : k == 1 ? ".." : names[k - 2];
		uint64_t ino;
		if (k < 2) {
			ino = vdir_ino(vpath);
		} else if ((child = malloc(strlen(vpath) + strlen(name) + 2)) !=
			   NULL) {
			strcpy(child, vpath);
			if (strcmp(vpath, "/") != 0)
				strcat(child, "/");
			strcat(child, name);
			ino = vdir_ino(child);
			free(child);
		} else {
			ino = 0;
		}
		wx_dirent_put(buf, len, &used, k + 1, ino, name,
			      WX_FILETYPE_DIRECTORY);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	*usedp = used;
	return 0;
}
