/*
 * callback_signal.c - callback_signal(name, name_len): records the name
 * of the guest's exported signal handler (wasix-abi.md 3.8), so that a
 * later lookup sees the guest's latest choice (libc re-registers a bogus
 * name to block signals, and the real one again to unblock them, when
 * the signals kept pending meanwhile are looked at again).
 *
 * Names are interned and never freed: any thread may be looking the
 * current name up (signal.c, handler_of) while another replaces it, so a
 * replaced name must stay readable.  A libc alternates between two
 * names, so the table stays tiny.
 */
#include <stdlib.h>
#include <string.h>

#include "../internal.h"

struct interned {
	struct interned *next;
	char name[];
};

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static struct interned *interned;

/* The interned copy of `name`, or NULL on ENOMEM. */
static const char *intern(const char *name)
{
	struct interned *e;
	size_t len = strlen(name);
	pthread_mutex_lock(&intern_lock);
	for (e = interned; e != NULL; e = e->next)
		if (strcmp(e->name, name) == 0)
			break;
	if (e == NULL && (e = malloc(sizeof(*e) + len + 1)) != NULL) {
		memcpy(e->name, name, len + 1);
		e->next = interned;
		interned = e;
	}
	pthread_mutex_unlock(&intern_lock);
	return e != NULL ? e->name : NULL;
}

int wx_wasix_callback_signal(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL;
	const char *kept = NULL;
	if (wx_guest_string(p, wx_arg32(args, 0), wx_arg32(args, 1), &name) !=
	    0)
		return 0; /* no errno result: a bad name is simply not kept */
	if (name[0] != '\0') {
		kept = intern(name);
		if (kept == NULL) {
			free(name);
			return 0; /* out of memory: the old name stays */
		}
		wx_signal_handler_registered();
	}
	free(name);
	/* An empty name unregisters: default actions again. */
	__atomic_store_n(&p->signal_handler, kept, __ATOMIC_RELEASE);
	/* Signals that arrived while the name did not resolve (libc's way
	 * of blocking them) were kept pending: look at them now, on every
	 * thread that has some. */
	wx_threads_rekick(p);
	return 0;
}
