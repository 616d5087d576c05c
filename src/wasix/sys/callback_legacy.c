/*
 * callback_legacy.c - callback_thread(name, name_len),
 * callback_reactor(name, name_len) and
 * callback_thread_local_destroy(name, name_len) of 2022-2023 wasix-libc:
 * the guest names the export that the legacy thread_spawn enters through
 * (default `_start_thread`), the reactor callback (default `_react`; never
 * run, see thread_spawn_legacy.c) and the destructor of thread_local_*
 * values (default `_thread_local_destroy`).  Like callback_signal they
 * return nothing; a name that cannot be read or is too long to be an
 * export we would find is not kept.  An empty name restores the default.
 * The three share the table below, so they share this file.
 */
#include <string.h>

#include "../internal.h"

static const char *const defaults[] = {"_start_thread", "_react",
				       "_thread_local_destroy"};

static void set_cb(struct wx_proc *p, int which, uint64_t *args)
{
	uint32_t len = wx_arg32(args, 1);
	const char *src = wx_wasi_mem(p->wasi, wx_arg32(args, 0), len);
	if (src == NULL || len >= sizeof(p->legacy_cb[0]) ||
	    memchr(src, '\0', len) != NULL)
		return;
	pthread_mutex_lock(&p->threads_lock);
	memcpy(p->legacy_cb[which], src, len);
	p->legacy_cb[which][len] = '\0';
	pthread_mutex_unlock(&p->threads_lock);
}

/* No process (a thread leaving outside one): the default name. */
void wx_legacy_cb_name(struct wx_proc *p, int which, char out[128])
{
	out[0] = '\0';
	if (p != NULL) {
		pthread_mutex_lock(&p->threads_lock);
		memcpy(out, p->legacy_cb[which], sizeof(p->legacy_cb[which]));
		pthread_mutex_unlock(&p->threads_lock);
	}
	if (out[0] == '\0')
		strcpy(out, defaults[which]);
}

void wx_legacy_cb_reset(struct wx_proc *p)
{
	pthread_mutex_lock(&p->threads_lock);
	memset(p->legacy_cb, 0, sizeof(p->legacy_cb));
	pthread_mutex_unlock(&p->threads_lock);
}

int wx_wasix_callback_thread(struct wx_thread *t, void *ctx, uint64_t *args)
{
	set_cb(ctx, WX_CB_THREAD, args);
	return 0;
}

int wx_wasix_callback_reactor(struct wx_thread *t, void *ctx, uint64_t *args)
{
	set_cb(ctx, WX_CB_REACTOR, args);
	return 0;
}

int wx_wasix_callback_thread_local_destroy(struct wx_thread *t, void *ctx,
					   uint64_t *args)
{
	set_cb(ctx, WX_CB_TL_DESTROY, args);
	return 0;
}
