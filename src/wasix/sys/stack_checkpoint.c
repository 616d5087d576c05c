/*
 * stack_checkpoint.c - setjmp/longjmp natively (wasix-abi.md 3.9):
 * stack_checkpoint(snapshot_ptr, ret_val_ptr) -> errno and
 * stack_restore(snapshot_ptr, val), without asyncify.
 *
 * A checkpoint records the call site, the checkpointing frame's slots and
 * the instance's mutable globals (the guest's stack pointer among them).
 * The frames below it stay intact while that function is live, which is
 * all C allows longjmp to rely on.  The guest's buffer holds our index and
 * a tag; restore checks both and that the checkpointing function has not
 * returned, so an unknown or stale buffer is a clean trap.
 * Snapshots are plain process memory, so after a fork the child's copies
 * are valid in the child.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"

#define SNAPSHOT_SIZE 24 /* user u64 @0, hash {u64 @8, u64 @16} */

static void cp_clear(struct wx_checkpoint *cp)
{
	wx_snapshot_free(&cp->snap);
	free(cp->globals);
	cp->globals = NULL;
}

int wx_wasix_stack_checkpoint(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t buf = wx_arg32(args, 0), rv = wx_arg32(args, 1), i, k = 0;
	uint8_t *snapp = wx_wasi_mem(p->wasi, buf, SNAPSHOT_SIZE);
	uint8_t *rvp = wx_wasi_mem(p->wasi, rv, 8);
	const struct wx_module *m = p->inst->module;
	struct wx_checkpoint *cp = NULL;
	size_t idx;

	if (snapp == NULL || rvp == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	for (idx = 0; idx < p->ncps; idx++)
		if (p->cps[idx].buf_ptr == buf) {
			cp = &p->cps[idx];
			cp_clear(cp);
			break;
		}
	if (cp == NULL) {
		if (p->ncps == p->cps_cap) {
			size_t cap = p->cps_cap ? p->cps_cap * 2 : 8;
			struct wx_checkpoint *n =
				realloc(p->cps, cap * sizeof(*n));
			if (n == NULL) {
				args[0] = WX_WASI_ENOMEM;
				return 0;
			}
			p->cps = n;
			p->cps_cap = cap;
		}
		idx = p->ncps++;
		cp = &p->cps[idx];
		memset(cp, 0, sizeof(*cp));
	}
	cp->globals = calloc(m->nglobals + 1, sizeof(uint64_t));
	if (cp->globals == NULL || wx_snapshot_take(t, &cp->snap, false) != 0) {
		cp_clear(cp);
		cp->buf_ptr = 0;
		args[0] = WX_WASI_ENOMEM;
		return 0;
	}
	for (i = 0; i < m->nglobals; i++)
		if (p->inst->globals[i]->type.mut)
			cp->globals[k++] = p->inst->globals[i]->val[0];
	cp->buf_ptr = buf;
	cp->ret_val_ptr = rv;
	cp->tag = ++p->next_tag;
	wx_put64(snapp, 0);
	wx_put64(snapp + 8, idx);
	wx_put64(snapp + 16, cp->tag);
	wx_put64(rvp, 0);
	args[0] = 0;
	return 0;
}

static int bad_snapshot(struct wx_thread *t, const char *why)
{
	snprintf(t->trap_detail, sizeof(t->trap_detail),
		 "stack_restore: %s", why);
	return wx_thread_trap(t, WX_TRAP_HOST);
}

int wx_wasix_stack_restore(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	const uint8_t *snapp = wx_wasi_mem(p->wasi, wx_arg32(args, 0),
					   SNAPSHOT_SIZE);
	const struct wx_module *m = p->inst->module;
	struct wx_checkpoint *cp;
	uint8_t *rvp;
	uint64_t idx;
	uint32_t i, k = 0;

	if (snapp == NULL)
		return bad_snapshot(t, "snapshot pointer out of bounds");
	idx = wx_get64(snapp + 8);
	if (idx >= p->ncps || p->cps[idx].tag != wx_get64(snapp + 16) ||
	    p->cps[idx].buf_ptr == 0)
		return bad_snapshot(t, "unknown snapshot");
	cp = &p->cps[idx];
	/* The checkpointing call must still be on the stack. */
	if (cp->snap.frame_top > t->frame_top ||
	    cp->snap.site.entry_frame > t->site.entry_frame)
		return bad_snapshot(t, "the function that took the snapshot "
				       "has returned");
	rvp = wx_wasi_mem(p->wasi, cp->ret_val_ptr, 8);
	if (rvp == NULL)
		return bad_snapshot(t, "return value pointer out of bounds");
	for (i = 0; i < m->nglobals; i++)
		if (p->inst->globals[i]->type.mut)
			p->inst->globals[i]->val[0] = cp->globals[k++];
	wx_put64(rvp, args[1]);
	return wx_thread_resume(t, &cp->snap, WX_WASI_ESUCCESS);
}
