/*
 * callback_signal.c - callback_signal(name, name_len): records the name
 * of the guest's exported signal handler (wasix-abi.md 3.8).  Delivery
 * comes with the signals work; until then the name is kept so that a
 * later lookup sees the guest's latest choice (libc re-registers a bogus
 * name to block signals).
 */
#include <stdlib.h>

#include "../internal.h"

int wx_wasix_callback_signal(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL, *old;
	if (wx_guest_string(p, wx_arg32(args, 0), wx_arg32(args, 1), &name) !=
	    0)
		return 0; /* no errno result: a bad name is simply not kept */
	if (name[0] != '\0')
		wx_signal_handler_registered();
	/* Where the table behind the handler is, for the host signal
	 * handler (SA_RESTART); a name that does not resolve (libc blocking
	 * signals) keeps what the last one told. */
	if (name[0] != '\0') {
		struct wx_extern ext;
		if (wx_instance_export(t->site.func->inst, name, &ext) &&
		    ext.kind == WX_EXTERN_FUNC)
			__atomic_store_n(&p->sigtab_base,
					 wx_sigtab_base(ext.u.func),
					 __ATOMIC_RELEASE);
	}
	old = p->signal_handler;
	/* An empty name unregisters: default actions again.  The signal
	 * thread only tests the pointer for NULL, never reads the name. */
	__atomic_store_n(&p->signal_handler, name[0] != '\0' ? name : NULL,
			 __ATOMIC_RELEASE);
	if (name[0] == '\0')
		free(name);
	free(old);
	/* libc blocks signals by registering a name that does not resolve
	 * (fork does, around proc_fork) and unblocks by registering its
	 * handler again: what stayed pending meanwhile is due now. */
	wx_signal_unblocked(t, p);
	return 0;
}
