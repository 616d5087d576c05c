/*
 * exn.c - exception objects (exception handling, wasm 3.0): allocation
 * and reclamation.
 *
 * An exnref is a pointer to a struct wx_exn.  There is no garbage
 * collector in the runtime, so exceptions are reclaimed by a small
 * conservative mark-and-sweep of their own, run only when a thread has
 * allocated many of them (a program that longjmps or throws in a loop):
 *  - every exception is on the list of the thread that threw it;
 *  - an exnref can only live in a value slot of that thread's stack, in
 *    another exception's payload, in a global or in a table.  Storing one
 *    in a global or a table pins it (the compiler emits exn_pin before
 *    such stores): pinned exceptions are taken off the list and never
 *    freed, since other instances and threads may read them;
 *  - the roots are the slots [t->stack, live_end) (every frame of every
 *    interpreter activation of the thread lies below the current frame's
 *    end), in the native tier the thread's C stack from the throw up to
 *    its outermost native entry (generated code keeps values in C locals;
 *    the thrower spills the registers first), and t->exn; a word whose
 *    64 bits equal an exception's address keeps it (an i64 that happens
 *    to look like one only delays a free);
 *  - a marked exception marks the exceptions its payload names.
 * The collection threshold doubles with what survives, so the cost per
 * throw stays constant.  Known limit: an exnref kept only in a snapshot's
 * copy of slots (a vfork or stack_checkpoint taken while the frame held
 * it, the frame since overwritten) is not a root.
 */
#include "runtime.h"

#include <stdlib.h>
#include <string.h>

#define WX_EXN_GC_MIN 1024

static int ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
	return x < y ? -1 : x > y;
}

/* The exception at address v among the sorted `all`, or NULL. */
static struct wx_exn *find(struct wx_exn **all, size_t n, uint64_t v)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t p = (uintptr_t)all[mid];
		if (p == (uintptr_t)v)
			return all[mid];
		if (p < (uintptr_t)v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void mark_from(struct wx_exn *e, struct wx_exn **work, size_t *nwork)
{
	if (e == NULL || e->mark)
		return;
	e->mark = true;
	work[(*nwork)++] = e;
}

/* The words of [lo, hi) that name an exception: a native tier's C stack,
 * read conservatively (it holds the redzones of instrumented frames). */
__attribute__((no_sanitize("address"))) static void
mark_range(const uint64_t *lo, const uint64_t *hi, struct wx_exn **all,
	   size_t n, struct wx_exn **work, size_t *nwork)
{
	const uint64_t *s;
	for (s = lo; s < hi; s++) {
		uint64_t v = *(const volatile uint64_t *)s;
		if (v != 0)
			mark_from(find(all, n, v), work, nwork);
	}
}

static void collect(struct wx_thread *t, const uint64_t *live_end,
		    const uint64_t *nlo, const uint64_t *nhi)
{
	struct wx_exn **all, **work, *e, **link;
	size_t n = 0, nwork = 0, i;
	const uint64_t *s;

	all = malloc(t->nexns * sizeof(*all));
	work = malloc(t->nexns * sizeof(*work));
	if (all == NULL || work == NULL) {
		free(all);
		free(work);
		return;
	}
	for (e = t->exns; e != NULL; e = e->next) {
		e->mark = false;
		all[n++] = e;
	}
	qsort(all, n, sizeof(*all), ptr_cmp);
	if (live_end > t->stack_end)
		live_end = t->stack_end;
	for (s = t->stack; s < live_end; s++)
		if (*s != 0)
			mark_from(find(all, n, *s), work, &nwork);
	if (nlo != NULL)
		mark_range(nlo, nhi, all, n, work, &nwork);
	if (t->exn != NULL)
		mark_from(find(all, n, (uintptr_t)t->exn), work, &nwork);
	while (nwork > 0) {
		e = work[--nwork];
		for (i = 0; i < e->n; i++)
			if (e->vals[i] != 0)
				mark_from(find(all, n, e->vals[i]), work,
					  &nwork);
	}
	/* Sweep: free the unmarked, drop the pinned from the list. */
	link = &t->exns;
	while ((e = *link) != NULL) {
		if (e->pinned) {
			*link = e->next;
			t->nexns--;
		} else if (!e->mark) {
			*link = e->next;
			t->nexns--;
			free(e);
		} else {
			link = &e->next;
		}
	}
	free(all);
	free(work);
	t->exn_gc_at = t->nexns * 2 > WX_EXN_GC_MIN ? t->nexns * 2
						     : WX_EXN_GC_MIN;
}

static struct wx_exn *exn_new(struct wx_thread *t, const struct wx_tag *tag,
			      const uint64_t *vals, const uint64_t *hi,
			      const uint64_t *live_end, const uint64_t *nlo,
			      const uint64_t *nhi)
{
	uint32_t n = tag->type->nparams;
	struct wx_exn *e;

	if (t->exn_gc_at == 0)
		t->exn_gc_at = WX_EXN_GC_MIN;
	if (t->nexns >= t->exn_gc_at)
		collect(t, live_end, nlo, nhi);
	/* vals[n..2n): the v128 high halves of the payload's slots */
	e = malloc(sizeof(*e) + 2 * (size_t)n * sizeof(uint64_t));
	if (e == NULL)
		return NULL;
	e->tag = tag;
	e->pinned = false;
	e->mark = false;
	e->n = n;
	if (n > 0) {
		memcpy(e->vals, vals, (size_t)n * sizeof(uint64_t));
		if (hi != NULL)
			memcpy(e->vals + n, hi, (size_t)n * sizeof(uint64_t));
		else
			memset(e->vals + n, 0, (size_t)n * sizeof(uint64_t));
	}
	e->next = t->exns;
	t->exns = e;
	t->nexns++;
	return e;
}

struct wx_exn *wx_exn_new(struct wx_thread *t, const struct wx_tag *tag,
			  const uint64_t *vals, const uint64_t *live_end)
{
	return exn_new(t, tag, vals, vals + wx_v128_hi(t), live_end, NULL,
		       NULL);
}

struct wx_exn *wx_exn_new_native(struct wx_thread *t,
				 const struct wx_tag *tag,
				 const uint64_t *vals, const void *stack_lo,
				 const void *stack_hi)
{
	uintptr_t lo = ((uintptr_t)stack_lo + 7) & ~(uintptr_t)7;
	uintptr_t hi = (uintptr_t)stack_hi & ~(uintptr_t)7;
	if (hi < lo)
		hi = lo;
	return exn_new(t, tag, vals, NULL, t->stack, (const uint64_t *)lo,
		       (const uint64_t *)hi);
}

void wx_exn_free_all(struct wx_thread *t)
{
	struct wx_exn *e, *next;

	for (e = t->exns; e != NULL; e = next) {
		next = e->next;
		if (!e->pinned)
			free(e);
	}
	t->exns = NULL;
	t->nexns = 0;
	t->exn = NULL;
}

int wx_exn_uncaught(struct wx_thread *t, int rc)
{
	if (rc != WX_EEXCEPTION)
		return rc;
	t->trap_func = NULL;
	t->trap_offset = 0;
	return wx_thread_trap(t, WX_TRAP_UNCAUGHT_EXCEPTION);
}
