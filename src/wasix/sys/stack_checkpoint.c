/*
 * stack_checkpoint.c - setjmp/longjmp natively (wasix-abi.md 3.9):
 * stack_checkpoint(snapshot_ptr, ret_val_ptr) -> errno and
 * stack_restore(snapshot_ptr, val), without asyncify.
 *
 * wasix-libc's setjmp is a function (__wasilibc_setjmp) that checkpoints
 * and returns; longjmp restores after that function, and any wrapper
 * around it, has returned and its frames have been reused.  So a
 * checkpoint copies the frames and slots from the function that called
 * setjmp up - the frames below it stay as they are while it is live, as
 * C requires for longjmp - which is O(1) in the depth of the stack where
 * the module names libc's setjmp functions (else the checkpoint copies
 * from the interpreter loop's entry: O(stack in use)), and the
 * instance's mutable globals (the guest's stack pointer among them);
 * restore writes them back and continues after the checkpoint call with
 * *ret_val_ptr = val, as Wasmer's asyncify rewind does.  Linear memory
 * is not restored (C's volatile locals live there).  The signals held
 * back while handlers run are restored too: wasix-libc's sigsetjmp is
 * its setjmp (the same call), and a longjmp out of a handler must not
 * leave that handler's signal blocked for good - POSIX siglongjmp with a
 * saved mask, which is how such code is written.
 *
 * Records belong to the thread that took them (its own stacks), one per
 * setjmp place (the jmp_buf, the calling frame and the call: wx_cpkey),
 * reused with their buffers when the same place sets the buffer again.
 * A jmp_buf is a value: programs copy it away, set it again deeper and
 * copy the old bytes back before jumping to them (bash's top_level), so
 * setting a buffer from another place never replaces the record its old
 * contents name.  The guest's buffer holds our index and a tag unique in
 * the process, so a stale, copied-across-threads or forged buffer is a
 * clean trap.  Records that are gone (their buffer overwritten and not
 * set again deeper, or set by a function that has returned) are recycled
 * before the table grows, and the table has a ceiling (CP_MAX).
 * Snapshots are plain process memory: after a fork the child's copies
 * are valid in the child.
 *
 * In native code (t->site.native) there are no frame records: the
 * snapshot is the used part of the native stack and the registers, taken
 * by the native tier when this call returns (native_rt.c), O(stack in
 * use); a record's place is the depth of the import call on the native
 * stack (in bytes: larger is deeper, as `from` is for frame records),
 * the calling function and the call's offset; and "the function that
 * called setjmp is live" is what native code can tell: the entry that
 * took it still runs and the current call is not shallower than the
 * snapshot's (wx_snapshot_native_live).  A longjmp to a function that
 * has returned at the same depth is not caught there (undefined in C;
 * the interpreter traps it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"

#define SNAPSHOT_SIZE 24 /* user u64 @0, hash {u64 @8, u64 @16} */
/* Records per thread before the oldest is reused even if it may be live.
 * A buffer set again by the same function at the same depth of the stack
 * cannot be told from a dead one (no frame keeps an invocation count),
 * so a program that sets ever new jmp_bufs from a function that returns
 * would grow the table without bound; a program with more live jmp_bufs
 * than this at once is not known. */
#define CP_MAX 16384u

void wx_cptab_free(struct wx_cptab *tab)
{
	uint32_t i;
	for (i = 0; i < tab->n; i++) {
		wx_snapshot_free(&tab->v[i]->snap);
		free(tab->v[i]->globals);
		free(tab->v[i]);
	}
	free(tab->v);
	free(tab->freev);
	memset(tab, 0, sizeof(*tab));
}

static struct wx_cptab *table_of(struct wx_thread *t, struct wx_proc *p)
{
	return t->owner != NULL ? &((struct wx_tinfo *)t->owner)->cps
				: &p->cps;
}

/* libc's functions between a setjmp call and the import. */
static bool setjmp_wrapper(const struct wx_func *f)
{
	static const char *const names[] = {
		"__wasi_stack_checkpoint", "__wasilibc_setjmp", "setjmp",
		"_setjmp", "sigsetjmp", "__sigsetjmp",
	};
	const struct wx_module *m;
	const char *name;
	size_t i;
	if (f == NULL || f->inst == NULL)
		return false;
	m = f->inst->module;
	if (m->func_names == NULL || (name = m->func_names[f->index]) == NULL)
		return false;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* The frame record of the call into setjmp (whose slots start at the
 * setjmp caller's), found by libc's function names; without names, the
 * first record of the interpreter loop (then the checkpoint is O(stack
 * in use) instead of O(1)). */
static const struct wx_frame *setjmp_caller(const struct wx_thread *t)
{
	const struct wx_frame *e = t->site.entry_frame, *r = t->frame_top;
	if (t->site.func->inst->module->func_names == NULL)
		return e + 1;
	if (!setjmp_wrapper(t->site.func))
		return r; /* the import called by the program itself */
	while (r - 1 > e && setjmp_wrapper(r[-1].func))
		r--;
	return r - 1 > e ? r - 1 : e + 1;
}

/* Whether the function that called setjmp for snapshot `s` is still
 * live on `t`: the interpreter loop that took it is running (this one or
 * one this call is nested in, as for a longjmp out of a signal handler),
 * and the frame record at the depth of the setjmp call is still that
 * function's (its func and fp; the return pc differs: it calls longjmp
 * now).  Then every frame below it is as it was, and resuming leaves the
 * interpreter consistent. */
static bool caller_live(const struct wx_thread *t, const struct wx_snapshot *s)
{
	const struct wx_frame *e = s->site.entry_frame, *c = s->frames_from;
	const struct wx_func *func = s->nframes > 0 ? s->frame_copy[0].func
						    : s->site.func;
	const uint64_t *fp = s->nframes > 0 ? s->frame_copy[0].fp : s->site.fp;
	if (s->site.native != NULL || t->site.native != NULL)
		return wx_snapshot_native_live(t, s);
	if (e > t->site.entry_frame || e->func != NULL || e->ret_pc != NULL)
		return false;
	if (c == e + 1)
		return true; /* everything above the loop's entry is saved */
	if (c >= t->frame_top)
		return false;
	if (c->func == NULL && c->ret_pc == NULL)
		return c->fp == fp; /* interrupted there: a handler runs */
	return c->func == func && c->fp == fp;
}

/* The index of the record the guest's buffer bytes `b` name, or
 * UINT32_MAX. */
static uint32_t named(const struct wx_cptab *tab, const uint8_t *b)
{
	uint64_t idx = wx_get64(b + 8);
	if (idx >= tab->n || tab->v[idx]->buf_ptr == 0 ||
	    tab->v[idx]->tag != wx_get64(b + 16))
		return UINT32_MAX;
	return (uint32_t)idx;
}

/* Whether record `cp` can still be the target of a longjmp: the function
 * that set it is live, and its buffer still holds what we wrote - or was
 * set again by a function deeper in the stack (which saved a copy of the
 * bytes to put back before it jumps on outwards, as bash's
 * parse_and_execute does with top_level). */
static bool cp_live(struct wx_proc *p, struct wx_thread *t,
		    struct wx_cptab *tab, const struct wx_checkpoint *cp)
{
	const uint8_t *b = wx_wasi_mem(p->wasi, cp->buf_ptr, SNAPSHOT_SIZE);
	const struct wx_checkpoint *x;
	uint32_t i;
	if (b == NULL || !caller_live(t, &cp->snap))
		return false;
	if ((i = named(tab, b)) == UINT32_MAX)
		return false;
	x = tab->v[i];
	return x == cp ||
	       (x->buf_ptr == cp->buf_ptr && x->key.from > cp->key.from);
}

/* Where the running stack_checkpoint was called from (wx_cpkey). */
static void key_of(const struct wx_thread *t, uint32_t buf,
		   struct wx_cpkey *k)
{
	const struct wx_frame *from;
	memset(k, 0, sizeof(*k));
	if (t->site.native != NULL) {
		/* Native code keeps no frame records: the depth of the
		 * call in bytes of host stack stands for the calling
		 * frame (larger is deeper, as `from` is for frame
		 * records), with the calling function and the call's
		 * offset.  Two live setjmp callers are never at the same
		 * depth, so a live record is never taken for another
		 * place's. */
		k->from = (const struct wx_frame *)(uintptr_t)(
			t->site.native->top - t->site.native_sp);
		k->func = t->site.func;
		k->pc = (const uint32_t *)(uintptr_t)t->site.native_off;
		k->buf_ptr = buf;
		return;
	}
	from = setjmp_caller(t);
	k->from = from;
	k->buf_ptr = buf;
	if (from < t->frame_top) {
		k->func = from->func;
		k->fp = from->fp;
		k->pc = from + 1 < t->frame_top ? from[1].ret_pc
						: t->site.ret_pc;
	} else {
		k->func = t->site.func;
		k->fp = t->site.fp;
		k->pc = t->site.ret_pc;
	}
}

static bool key_eq(const struct wx_cpkey *a, const struct wx_cpkey *b)
{
	return a->from == b->from && a->func == b->func && a->fp == b->fp &&
	       a->pc == b->pc && a->buf_ptr == b->buf_ptr;
}

static uint32_t key_slot(const struct wx_cpkey *k)
{
	uint64_t h = (uint64_t)(uintptr_t)k->from * 0x9e3779b97f4a7c15u;
	h ^= (uint64_t)(uintptr_t)k->pc * 0xc2b2ae3d27d4eb4fu;
	h ^= k->buf_ptr * 0x165667b19e3779f9u;
	return (uint32_t)(h >> 58); /* 64 slots */
}

/* The record for a setjmp at `key` (whose guest buffer bytes are `b`):
 * its own - the buffer names it, or the cache of recent keys finds it -
 * with *reused set, else a dead one recycled, or a new one.  O(1) but
 * for the sweeps, which are amortized.  NULL when out of memory. */
static struct wx_checkpoint *cp_get(struct wx_proc *p, struct wx_thread *t,
				    const struct wx_cpkey *key,
				    const uint8_t *b, uint32_t *idxp,
				    bool *reused)
{
	struct wx_cptab *tab = table_of(t, p);
	struct wx_checkpoint *cp;
	uint32_t i = named(tab, b), free_idx = UINT32_MAX;
	uint32_t slot = key_slot(key);
	*reused = false;
	if (i == UINT32_MAX || !key_eq(&tab->v[i]->key, key))
		i = tab->bykey[slot] - 1;
	if (i < tab->n && tab->v[i]->buf_ptr != 0 &&
	    key_eq(&tab->v[i]->key, key)) {
		*reused = true;
		tab->bykey[slot] = i + 1;
		*idxp = i;
		return tab->v[i];
	}
	tab->bykey[slot] = 0;
	/* Any other setjmp gets a record of its own: the buffer's old
	 * contents may live on in a copy (cp_live says until when). */
	if (tab->nfree > 0) {
		free_idx = tab->freev[--tab->nfree];
	} else if (tab->n == tab->cap && tab->n >= CP_MAX) {
		/* At the ceiling: a dead one near the cursor, else the one
		 * at the cursor (set longest ago, in the usual order). */
		uint32_t k;
		free_idx = tab->cursor % tab->n;
		for (k = 0; k < 64; k++) {
			i = (tab->cursor + k) % tab->n;
			if (!cp_live(p, t, tab, tab->v[i])) {
				free_idx = i;
				break;
			}
		}
		tab->cursor = free_idx + 1;
	} else if (tab->n == tab->cap && tab->n > 0) {
		/* Full: recycle the dead before growing (amortized: the
		 * table doubles when at most half of it was dead). */
		uint32_t dead = 0;
		if (tab->freev == NULL &&
		    (tab->freev = malloc(CP_MAX * sizeof(uint32_t))) == NULL)
			return NULL;
		for (i = 0; i < tab->n; i++)
			if (!cp_live(p, t, tab, tab->v[i])) {
				tab->v[i]->buf_ptr = 0;
				tab->v[i]->tag = 0;
				tab->freev[tab->nfree++] = i;
				dead++;
			}
		if (dead * 2 >= tab->n)
			free_idx = tab->freev[--tab->nfree];
	}
	if (free_idx != UINT32_MAX) {
		*idxp = free_idx;
		return tab->v[free_idx];
	}
	if (tab->n == tab->cap) {
		uint32_t cap = tab->cap ? tab->cap * 2 : 8;
		struct wx_checkpoint **nv = realloc(tab->v, cap * sizeof(*nv));
		if (nv == NULL)
			return NULL;
		tab->v = nv;
		tab->cap = cap;
	}
	cp = calloc(1, sizeof(*cp));
	if (cp == NULL)
		return NULL;
	tab->v[tab->n] = cp;
	*idxp = tab->n++;
	return cp;
}

int wx_wasix_stack_checkpoint(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t buf = wx_arg32(args, 0), rv = wx_arg32(args, 1), i, k = 0;
	uint8_t *snapp = wx_wasi_mem(p->wasi, buf, SNAPSHOT_SIZE);
	uint8_t *rvp = wx_wasi_mem(p->wasi, rv, 8);
	struct wx_instance *inst = t->site.func->inst;
	const struct wx_module *m = inst->module;
	struct wx_checkpoint *cp;
	struct wx_cpkey key;
	uint32_t idx;
	bool reused;

	if (snapp == NULL || rvp == NULL || buf == 0) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	key_of(t, buf, &key);
	cp = cp_get(p, t, &key, snapp, &idx, &reused);
	if (cp == NULL)
		goto nomem;
	if (cp->globals_cap < m->nglobals) {
		free(cp->globals);
		cp->globals_cap = 0;
		cp->globals = malloc(m->nglobals * sizeof(uint64_t));
		if (cp->globals == NULL)
			goto nomem_cp;
		cp->globals_cap = m->nglobals;
	}
	if (wx_snapshot_take(t, &cp->snap, key.from) != 0)
		goto nomem_cp;
	for (i = 0; i < m->nglobals; i++)
		if (inst->globals[i]->type.mut)
			cp->globals[k++] = inst->globals[i]->val[0];
	cp->inst = inst;
	cp->sigblocked = *wx_signal_blocked_of(t, p);
	cp->key = key;
	cp->buf_ptr = buf;
	cp->ret_val_ptr = rv;
	/* The same place again keeps its tag: a copy of the buffer it set
	 * before resumes at the same point. */
	if (!reused)
		cp->tag = __atomic_add_fetch(&p->next_tag, 1, __ATOMIC_RELAXED);
	table_of(t, p)->bykey[key_slot(&key)] = idx + 1;
	wx_put64(snapp, 0);
	wx_put64(snapp + 8, idx);
	wx_put64(snapp + 16, cp->tag);
	wx_put64(rvp, 0);
	args[0] = 0;
	return 0;
nomem_cp:
	cp->buf_ptr = 0;
	cp->tag = 0;
nomem:
	args[0] = WX_WASI_ENOMEM;
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
	struct wx_cptab *tab = table_of(t, p);
	struct wx_checkpoint *cp;
	const struct wx_module *m;
	uint8_t *rvp;
	uint64_t idx;
	uint32_t i, k = 0;

	if (snapp == NULL)
		return bad_snapshot(t, "snapshot pointer out of bounds");
	idx = wx_get64(snapp + 8);
	if (idx >= tab->n || tab->v[idx]->tag != wx_get64(snapp + 16) ||
	    tab->v[idx]->buf_ptr == 0)
		return bad_snapshot(t, "unknown snapshot (not set by setjmp "
				       "on this thread)");
	cp = tab->v[idx];
	if (!caller_live(t, &cp->snap) || cp->inst != t->site.func->inst)
		return bad_snapshot(t, "the function that called setjmp has "
				       "returned");
	rvp = wx_wasi_mem(p->wasi, cp->ret_val_ptr, 8);
	if (rvp == NULL)
		return bad_snapshot(t, "return value pointer out of bounds");
	m = cp->inst->module;
	for (i = 0; i < m->nglobals; i++)
		if (cp->inst->globals[i]->type.mut)
			cp->inst->globals[i]->val[0] = cp->globals[k++];
	wx_put64(rvp, args[1]);
	*wx_signal_blocked_of(t, p) = cp->sigblocked;
	wx_signal_unblocked(t, p);
	return wx_thread_resume(t, &cp->snap, WX_WASI_ESUCCESS);
}
