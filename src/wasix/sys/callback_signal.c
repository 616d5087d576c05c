/*
 * callback_signal.c - callback_signal(name, name_len): records the name
 * of the guest's exported signal handler (wasix-abi.md 3.8), so that a
 * later lookup sees the guest's latest choice (libc re-registers a bogus
 * name to block signals, and the real one again to unblock them, when
 * the signals kept pending meanwhile are looked at again).
 *
 * wasix-libc (2025-26) installs its table of default actions only at
 * the first sigaction(): until then its __wasm_signal calls a null
 * function pointer for any signal without a handler, so a SIGCHLD or a
 * SIGTERM reaching a program that never called sigaction() trapped
 * ("uninitialized element") instead of being ignored or ending it.  The
 * libc exports __wasm_sigaction(sig, disposition) for the host to set
 * dispositions; when it first registers its handler (at startup, before
 * main) we set SIGKILL - which no program can handle - to its default
 * through it, which installs that table.
 *
 * Names are interned and never freed: any thread may be looking the
 * current name up (signal.c, handler_of) while another replaces it, so a
 * replaced name must stay readable.  A libc alternates between two
 * names, so the table stays tiny.
 */
#include <signal.h>
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

static void libc_default_actions(struct wx_thread *t, struct wx_proc *p)
{
	struct wx_instance *inst = t->owner != NULL
					   ? ((struct wx_tinfo *)t->owner)->inst
					   : p->inst;
	const struct wx_functype *ft;
	struct wx_extern ext;
	uint64_t args[2];
	if (p->libc_dfl_done || inst == NULL)
		return;
	p->libc_dfl_done = true; /* before the call: it may register again */
	if (!wx_instance_export(inst, "__wasm_sigaction", &ext) ||
	    ext.kind != WX_EXTERN_FUNC)
		return;
	ft = ext.u.func->type;
	if (ft->nparams != 2 || ft->nresults != 1 || ft->types[0] != WX_I32 ||
	    ft->types[1] != WX_I32 || ft->types[2] != WX_I32)
		return;
	args[0] = SIGKILL;
	args[1] = 0; /* __WASI_DISPOSITION_DEFAULT */
	/* A trap or exit here surfaces at the guest's next safe point
	 * anyway; nothing to undo. */
	(void)wx_call(t, ext.u.func, args);
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
	if (kept != NULL && strcmp(kept, "__wasm_signal") == 0)
		libc_default_actions(t, p);
	/* Where the table behind the handler is, for the host signal
	 * handler (SA_RESTART); a name that does not resolve (libc blocking
	 * signals) keeps what the last one told. */
	if (kept != NULL) {
		struct wx_extern ext;
		if (wx_instance_export(t->site.func->inst, kept, &ext) &&
		    ext.kind == WX_EXTERN_FUNC)
			__atomic_store_n(&p->sigtab_base,
					 wx_sigtab_base(ext.u.func),
					 __ATOMIC_RELEASE);
	}
	/* An empty name unregisters: default actions again. */
	__atomic_store_n(&p->signal_handler, kept, __ATOMIC_RELEASE);
	/* Signals that arrived while the name did not resolve (libc's way
	 * of blocking them) were kept pending: look at them now, on every
	 * thread that has some. */
	wx_threads_rekick(p);
	return 0;
}
