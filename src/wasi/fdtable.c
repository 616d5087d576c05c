/*
 * fdtable.c - guest fd table (see fdtable.h for the model and invariants).
 *
 * Spec: WASI preview1 `fd` handles and `rights` (wasix-abi.md 2a); the
 * renumber and rights-dropping rules follow the preview1 witx text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi.h"
#include "fdtable.h"

void wx_fdtable_init(struct wx_fdtable *tab)
{
	pthread_mutex_init(&tab->lock, NULL);
	tab->e = NULL;
	tab->n = 0;
	tab->pre = NULL;
	tab->npre = 0;
	tab->max = WX_FDTABLE_MAX;
}

void wx_fdtable_set_max(struct wx_fdtable *tab, uint32_t max)
{
	tab->max = max == 0 || max > WX_FDTABLE_MAX ? WX_FDTABLE_MAX : max;
}

void wx_fdtable_fini(struct wx_fdtable *tab)
{
	uint32_t i;

	for (i = 0; i < tab->n; i++)
		if (tab->e[i].obj != NULL)
			wx_fdobj_release(tab->e[i].obj);
	free(tab->e);
	tab->e = NULL;
	tab->n = 0;
	for (i = 0; i < tab->npre; i++)
		if (tab->pre[i].obj != NULL)
			wx_fdobj_release(tab->pre[i].obj);
	free(tab->pre);
	tab->pre = NULL;
	tab->npre = 0;
	pthread_mutex_destroy(&tab->lock);
}

int wx_fdtable_clone(struct wx_fdtable *dst, struct wx_fdtable *src)
{
	uint32_t i;
	int ret = 0;

	pthread_mutex_lock(&src->lock);
	dst->e = calloc(src->n ? src->n : 1, sizeof(*dst->e));
	if (dst->e == NULL) {
		ret = ENOMEM;
		goto fail;
	}
	dst->n = src->n;
	dst->max = src->max;
	for (i = 0; i < src->n; i++) {
		dst->e[i] = src->e[i];
		if (dst->e[i].obj != NULL)
			wx_fdobj_retain(dst->e[i].obj);
	}
	if (src->npre > 0) {
		dst->pre = malloc(src->npre * sizeof(*dst->pre));
		if (dst->pre == NULL) {
			ret = ENOMEM;
			goto fail;
		}
		dst->npre = src->npre;
		for (i = 0; i < src->npre; i++) {
			dst->pre[i] = src->pre[i];
			if (dst->pre[i].obj != NULL)
				wx_fdobj_retain(dst->pre[i].obj);
		}
	}
fail:
	pthread_mutex_unlock(&src->lock);
	return ret;
}

struct wx_fdobj *wx_fdobj_create(int host_fd, uint8_t filetype,
				 bool borrowed)
{
	struct wx_fdobj *o = calloc(1, sizeof(*o));

	if (o == NULL)
		return NULL;
	o->refcount = 1;
	o->host_fd = host_fd;
	o->borrowed = borrowed;
	o->filetype = filetype;
	pthread_mutex_init(&o->lock, NULL);
	return o;
}

void wx_fdobj_retain(struct wx_fdobj *o)
{
	__atomic_add_fetch(&o->refcount, 1, __ATOMIC_RELAXED);
}

void wx_fdobj_release(struct wx_fdobj *o)
{
	if (__atomic_sub_fetch(&o->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (o->dir != NULL)
		closedir(o->dir);
	if (o->ext_free != NULL)
		o->ext_free(o->ext);
	if (!o->borrowed && o->host_fd >= 0)
		close(o->host_fd);
	pthread_mutex_destroy(&o->lock);
	free(o->preopen);
	free(o->vdir);
	free(o);
}

/* Make room for index `fd`.  Caller holds the lock.  0 or ENOMEM. */
static int wx_fdtable_grow(struct wx_fdtable *tab, uint32_t fd)
{
	uint32_t n = tab->n ? tab->n : 16;
	struct wx_fdentry *e;

	if (fd < tab->n)
		return 0;
	while (n <= fd)
		n *= 2;
	if (n > tab->max)
		n = tab->max;
	e = realloc(tab->e, n * sizeof(*e));
	if (e == NULL)
		return ENOMEM;
	memset(e + tab->n, 0, (n - tab->n) * sizeof(*e));
	tab->e = e;
	tab->n = n;
	return 0;
}

int wx_fdtable_insert(struct wx_fdtable *tab, struct wx_fdobj *o,
		      uint64_t base, uint64_t inh, uint32_t min, bool exact,
		      uint32_t *fdp)
{
	struct wx_fdobj *old = NULL;
	uint32_t fd;
	int ret = 0;

	pthread_mutex_lock(&tab->lock);
	if (min >= tab->max) {
		ret = exact ? WX_WASI_EBADF : WX_WASI_EMFILE;
		goto fail;
	}
	for (fd = min; !exact && fd < tab->n && tab->e[fd].obj != NULL; fd++)
		;
	if (fd >= tab->max) {
		ret = WX_WASI_EMFILE;
		goto fail;
	}
	if (wx_fdtable_grow(tab, fd) != 0) {
		ret = WX_WASI_ENOMEM;
		goto fail;
	}
	old = tab->e[fd].obj;
	tab->e[fd].obj = o;
	tab->e[fd].rights_base = base;
	tab->e[fd].rights_inh = inh;
	tab->e[fd].flagsext = 0;
	*fdp = fd;
	o = NULL;
fail:
	pthread_mutex_unlock(&tab->lock);
	if (old != NULL)
		wx_fdobj_release(old);
	if (o != NULL)
		wx_fdobj_release(o);
	return ret;
}

int wx_fdtable_seal_preopens(struct wx_fdtable *tab)
{
	uint32_t i;
	int ret = 0;

	pthread_mutex_lock(&tab->lock);
	tab->pre = calloc(tab->n ? tab->n : 1, sizeof(*tab->pre));
	if (tab->pre == NULL) {
		ret = ENOMEM;
		goto out;
	}
	for (i = 0; i < tab->n; i++)
		if (tab->e[i].obj != NULL && tab->e[i].obj->preopen != NULL) {
			tab->pre[i] = tab->e[i];
			wx_fdobj_retain(tab->pre[i].obj);
			tab->npre = i + 1;
		}
out:
	pthread_mutex_unlock(&tab->lock);
	return ret;
}

/* The preopen the program had at `fd` when another object (or none) is
 * there now: a counted reference in *ref, or false. */
static bool shadow_preopen(struct wx_fdtable *tab, uint32_t fd,
			   struct wx_fdref *ref)
{
	struct wx_fdentry *p;
	bool found = false;

	pthread_mutex_lock(&tab->lock);
	p = fd < tab->npre ? &tab->pre[fd] : NULL;
	if (p != NULL && p->obj != NULL &&
	    (fd >= tab->n || tab->e[fd].obj != p->obj)) {
		wx_fdobj_retain(p->obj);
		ref->obj = p->obj;
		ref->rights_base = p->rights_base;
		ref->rights_inh = p->rights_inh;
		ref->fd = fd;
		found = true;
	}
	pthread_mutex_unlock(&tab->lock);
	return found;
}

int wx_fdtable_get_dir(struct wx_fdtable *tab, uint32_t fd, uint64_t need,
		       struct wx_fdref *ref)
{
	struct wx_fdref own;
	int ret = wx_fdtable_get(tab, fd, need, &own);

	if (ret == 0 && own.obj->filetype == WX_FILETYPE_DIRECTORY) {
		*ref = own;
		return 0;
	}
	if (!shadow_preopen(tab, fd, ref)) {
		*ref = own;
		return ret;
	}
	if (ret == 0)
		wx_fdref_release(&own);
	if ((need & ~ref->rights_base) != 0) {
		wx_fdref_release(ref);
		return WX_WASI_ENOTCAPABLE;
	}
	return 0;
}

int wx_fdtable_get_preopen(struct wx_fdtable *tab, uint32_t fd,
			   struct wx_fdref *ref)
{
	int ret = wx_fdtable_get(tab, fd, 0, ref);

	if (ret == 0 && ref->obj->preopen != NULL)
		return 0;
	if (ret == 0)
		wx_fdref_release(ref);
	return shadow_preopen(tab, fd, ref) ? 0 : WX_WASI_EBADF;
}

bool wx_fdtable_preopen_for(struct wx_fdtable *tab, const char *abs,
			    struct wx_fdref *ref, size_t *lenp)
{
	struct wx_fdentry *best = NULL;
	size_t best_len = 0, len;
	uint32_t i;

	memset(ref, 0, sizeof(*ref));
	pthread_mutex_lock(&tab->lock);
	for (i = 0; i < tab->npre; i++) {
		struct wx_fdobj *o = tab->pre[i].obj;
		if (o == NULL)
			continue;
		len = o->preopen_len;
		while (len > 0 && o->preopen[len - 1] == '/')
			len--;
		if (strncmp(abs, o->preopen, len) != 0 ||
		    (abs[len] != '/' && abs[len] != '\0'))
			continue;
		if (best == NULL || len > best_len) {
			best = &tab->pre[i];
			best_len = len;
			ref->fd = i;
		}
	}
	if (best != NULL) {
		wx_fdobj_retain(best->obj);
		ref->obj = best->obj;
		ref->rights_base = best->rights_base;
		ref->rights_inh = best->rights_inh;
		*lenp = best_len;
	}
	pthread_mutex_unlock(&tab->lock);
	return best != NULL;
}

int wx_fdtable_get(struct wx_fdtable *tab, uint32_t fd, uint64_t need,
		   struct wx_fdref *ref)
{
	struct wx_fdentry *e;
	uint64_t missing;
	int ret = 0;

	memset(ref, 0, sizeof(*ref));
	pthread_mutex_lock(&tab->lock);
	if (fd >= tab->n || tab->e[fd].obj == NULL) {
		ret = WX_WASI_EBADF;
		goto fail;
	}
	e = &tab->e[fd];
	missing = need & ~e->rights_base;
	if (missing != 0) {
		if (missing & (WX_RIGHT_FD_READ | WX_RIGHT_FD_WRITE))
			ret = WX_WASI_EBADF;
		else if ((e->rights_base & WX_RIGHT_FD_WRITE) != 0)
			ret = WX_WASI_ENOTCAPABLE;
		else if (missing & WX_RIGHT_FD_ALLOCATE)
			ret = WX_WASI_EBADF; /* posix_fallocate */
		else if (missing & WX_RIGHT_FD_FILESTAT_SET_SIZE)
			ret = WX_WASI_EINVAL; /* ftruncate */
		else
			ret = WX_WASI_ENOTCAPABLE;
		goto fail;
	}
	wx_fdobj_retain(e->obj);
	ref->obj = e->obj;
	ref->rights_base = e->rights_base;
	ref->rights_inh = e->rights_inh;
	ref->fd = fd;
fail:
	pthread_mutex_unlock(&tab->lock);
	return ret;
}

void wx_fdref_release(struct wx_fdref *ref)
{
	if (ref->obj != NULL)
		wx_fdobj_release(ref->obj);
	ref->obj = NULL;
}

int wx_fdtable_close(struct wx_fdtable *tab, uint32_t fd)
{
	struct wx_fdobj *o = NULL;

	pthread_mutex_lock(&tab->lock);
	if (fd < tab->n) {
		o = tab->e[fd].obj;
		tab->e[fd].obj = NULL;
	}
	pthread_mutex_unlock(&tab->lock);
	if (o == NULL)
		return WX_WASI_EBADF;
	wx_fdobj_release(o);
	return 0;
}

int wx_fdtable_renumber(struct wx_fdtable *tab, uint32_t from, uint32_t to)
{
	struct wx_fdobj *old = NULL;
	int ret = 0;

	pthread_mutex_lock(&tab->lock);
	if (from >= tab->n || tab->e[from].obj == NULL || to >= tab->n ||
	    tab->e[to].obj == NULL) {
		ret = WX_WASI_EBADF;
		goto fail;
	}
	if (from == to)
		goto fail;
	old = tab->e[to].obj;
	tab->e[to] = tab->e[from];
	/* Like dup2, the target does not inherit close-on-exec. */
	tab->e[to].flagsext = 0;
	tab->e[from].obj = NULL;
fail:
	pthread_mutex_unlock(&tab->lock);
	if (old != NULL)
		wx_fdobj_release(old);
	return ret;
}

int wx_fdtable_dup2(struct wx_fdtable *tab, uint32_t from, uint32_t to)
{
	struct wx_fdobj *old = NULL;
	int ret = 0;

	pthread_mutex_lock(&tab->lock);
	if (from >= tab->n || tab->e[from].obj == NULL || to >= tab->max) {
		ret = WX_WASI_EBADF;
		goto fail;
	}
	if (from == to)
		goto fail;
	if (wx_fdtable_grow(tab, to) != 0) {
		ret = WX_WASI_ENOMEM;
		goto fail;
	}
	old = tab->e[to].obj;
	tab->e[to] = tab->e[from];
	tab->e[to].flagsext = 0;
	wx_fdobj_retain(tab->e[to].obj);
fail:
	pthread_mutex_unlock(&tab->lock);
	if (old != NULL)
		wx_fdobj_release(old);
	return ret;
}

int wx_fdtable_set_rights(struct wx_fdtable *tab, uint32_t fd, uint64_t base,
			  uint64_t inh)
{
	struct wx_fdentry *e;
	int ret = 0;

	pthread_mutex_lock(&tab->lock);
	if (fd >= tab->n || tab->e[fd].obj == NULL) {
		ret = WX_WASI_EBADF;
		goto fail;
	}
	e = &tab->e[fd];
	if ((base & ~e->rights_base) != 0 || (inh & ~e->rights_inh) != 0) {
		ret = WX_WASI_ENOTCAPABLE;
		goto fail;
	}
	e->rights_base = base;
	e->rights_inh = inh;
fail:
	pthread_mutex_unlock(&tab->lock);
	return ret;
}
