/*
 * thread_local.c - the legacy thread_local_create/destroy/set/get of
 * 2022-2023 WASIX binaries (before TLS moved into the guest's own
 * __tls_base): a key per variable, a 64-bit value per (thread, key).
 * The four calls share one table, so they share this file.
 *
 *   thread_local_create(user_data:u64, ret_key) -> errno
 *   thread_local_destroy(key) -> errno
 *   thread_local_set(key, val:u64) -> errno
 *   thread_local_get(key, ret_val:u64*) -> errno   (0 if never set)
 *
 * Destructors: when a thread ends normally, and for every thread's value
 * when a key is destroyed, the guest's export `_thread_local_destroy` (or
 * the one named with callback_thread_local_destroy) is
 * called with (user_data of the key, value) - each u64 as one i64 or as
 * two i32 halves, low first, as the export's type says (both shapes
 * existed) - on the thread that ends, or that destroys the key (Wasmer's
 * order).  Without that export the values are just dropped.
 */
#include <stdlib.h>

#include "../internal.h"

struct tl_val {
	struct tl_val *next;
	uint32_t tid, key;
	uint64_t val;
};

static pthread_mutex_t tl_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tl_val *tl_vals;
static uint32_t tl_next_key = 1;
static uint8_t tl_live[4096]; /* keys in use, by number */
static uint64_t tl_user[4096]; /* each key's user_data */

static uint32_t tid_of(struct wx_thread *t)
{
	return t->id ? t->id : 1;
}

/* Pass (user_data, value) pairs to the guest's destructor; frees `v`.
 * A VM status (a trap or exit in the destructor) ends the loop.  The
 * destructor's name is the calling process's (`p`, the call's own
 * context: wx_proc_self is NULL where no WASIX process runs, as for an
 * embedder's instance or the fuzz harness; fuzz_hostcall found that). */
static int run_dtors(struct wx_thread *t, struct wx_proc *p,
		     struct wx_instance *inst, uint64_t (*v)[2], size_t n)
{
	char name[128];
	size_t i;
	int r = 0;
	if (n > 0)
		wx_legacy_cb_name(p, WX_CB_TL_DESTROY, name);
	for (i = 0; i < n && r == 0; i++) {
		r = wx_call_legacy_export(t, inst, name, v[i], 2);
		if (r == WX_ENOEXPORT)
			r = 0;
	}
	free(v);
	return r;
}

/* Unlink every value matching (key, tid) - 0 matching any - and return
 * their (user_data, value) pairs.  Call with tl_lock held. */
static uint64_t (*take_vals(uint32_t key, uint32_t tid, size_t *np))[2]
{
	uint64_t(*out)[2] = NULL, (*grown)[2];
	size_t n = 0, cap = 0;
	struct tl_val **pp, *v;
	for (pp = &tl_vals; (v = *pp) != NULL;) {
		if ((key != 0 && v->key != key) || (tid != 0 && v->tid != tid)) {
			pp = &v->next;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			grown = realloc(out, cap * sizeof(*out));
			if (grown == NULL)
				break; /* the rest are dropped below */
			out = grown;
		}
		out[n][0] = tl_user[v->key];
		out[n][1] = v->val;
		n++;
		*pp = v->next;
		free(v);
	}
	/* Out of memory: drop the rest without their destructors. */
	for (pp = &tl_vals; (v = *pp) != NULL;) {
		if ((key == 0 || v->key == key) && (tid == 0 || v->tid == tid)) {
			*pp = v->next;
			free(v);
		} else {
			pp = &v->next;
		}
	}
	*np = n;
	return out;
}

static struct wx_instance *inst_of(struct wx_thread *t, struct wx_proc *p)
{
	return t->owner != NULL ? ((struct wx_tinfo *)t->owner)->inst
				: p->inst;
}

int wx_thread_local_exit(struct wx_thread *t, struct wx_instance *inst)
{
	uint64_t(*v)[2];
	size_t n;
	pthread_mutex_lock(&tl_lock);
	v = take_vals(0, tid_of(t), &n);
	pthread_mutex_unlock(&tl_lock);
	return run_dtors(t, wx_proc_self, inst, v, n);
}

int wx_wasix_thread_local_create(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	uint32_t key = 0;
	int ret = 0;
	pthread_mutex_lock(&tl_lock);
	if (tl_next_key >= sizeof(tl_live))
		ret = WX_WASI_EAGAIN;
	else
		tl_live[key = tl_next_key++] = 1;
	if (key != 0)
		tl_user[key] = args[0];
	pthread_mutex_unlock(&tl_lock);
	if (ret == 0)
		ret = wx_proc_put32(ctx, wx_arg32(args, 1), key);
	args[0] = (uint32_t)ret;
	return 0;
}

int wx_wasix_thread_local_destroy(struct wx_thread *t, void *ctx,
				  uint64_t *args)
{
	uint32_t key = wx_arg32(args, 0);
	uint64_t(*v)[2] = NULL;
	size_t n = 0;
	int ret = 0;
	pthread_mutex_lock(&tl_lock);
	if (key == 0 || key >= sizeof(tl_live) || !tl_live[key]) {
		ret = WX_WASI_EINVAL;
	} else {
		tl_live[key] = 0;
		v = take_vals(key, 0, &n);
	}
	pthread_mutex_unlock(&tl_lock);
	args[0] = (uint32_t)ret;
	/* Every thread's value of the key, destroyed on the caller. */
	return run_dtors(t, ctx, inst_of(t, ctx), v, n);
}

int wx_wasix_thread_local_set(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint32_t key = wx_arg32(args, 0), tid = tid_of(t);
	struct tl_val *v;
	int ret = 0;
	pthread_mutex_lock(&tl_lock);
	if (key >= sizeof(tl_live) || !tl_live[key]) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	for (v = tl_vals; v != NULL; v = v->next)
		if (v->key == key && v->tid == tid)
			break;
	if (v == NULL) {
		v = calloc(1, sizeof(*v));
		if (v == NULL) {
			ret = WX_WASI_ENOMEM;
			goto out;
		}
		v->key = key;
		v->tid = tid;
		v->next = tl_vals;
		tl_vals = v;
	}
	v->val = args[1];
out:
	pthread_mutex_unlock(&tl_lock);
	args[0] = (uint32_t)ret;
	return 0;
}

int wx_wasix_thread_local_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t key = wx_arg32(args, 0), tid = tid_of(t);
	uint8_t *out = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 8);
	struct tl_val *v;
	uint64_t val = 0;
	int ret = 0;
	if (out == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	pthread_mutex_lock(&tl_lock);
	if (key >= sizeof(tl_live) || !tl_live[key])
		ret = WX_WASI_EINVAL;
	for (v = tl_vals; ret == 0 && v != NULL; v = v->next)
		if (v->key == key && v->tid == tid) {
			val = v->val;
			break;
		}
	pthread_mutex_unlock(&tl_lock);
	if (ret == 0)
		wx_put64(out, val);
	args[0] = (uint32_t)ret;
	return 0;
}
