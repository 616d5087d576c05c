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

static uint32_t tid_of(struct wx_thread *t)
{
	return t->id ? t->id : 1;
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
	struct tl_val **pp;
	int ret = 0;
	pthread_mutex_lock(&tl_lock);
	if (key >= sizeof(tl_live) || !tl_live[key]) {
		ret = WX_WASI_EINVAL;
	} else {
		tl_live[key] = 0;
		for (pp = &tl_vals; *pp != NULL;) {
			struct tl_val *v = *pp;
			if (v->key == key) {
				*pp = v->next;
				free(v);
			} else {
				pp = &v->next;
			}
		}
	}
	pthread_mutex_unlock(&tl_lock);
	args[0] = (uint32_t)ret;
	return 0;
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
