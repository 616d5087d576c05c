/*
 * snapshot.c - save and restore interpreter state at a host call site.
 *
 * The interpreter records its call site in the thread before each host
 * call (t->site).  A snapshot copies what later execution may overwrite:
 * for vfork, every frame record and value slot below the call, because
 * the child runs on the same stacks (O(stack in use)); for setjmp those
 * from the function that called it up: libc's setjmp is a function that
 * returns after the checkpoint, so its frames are overwritten before
 * longjmp comes back to them, and the frames below the function that
 * called setjmp cannot change while it is live.  Never O(memory).
 *
 * Resuming is done by the interpreter loop that owns the snapshot's entry
 * frame (interp.c, WX_ERESUME), or in native code by the entry the
 * snapshot was taken in (native_rt.c); host functions only ask for it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

/* Make *buf hold n elements of `size`, keeping its capacity *cap. */
static int reserve(void **buf, size_t *cap, size_t n, size_t size)
{
	void *nb;
	if (n <= *cap)
		return 0;
	if (n < *cap * 2)
		n = *cap * 2;
	nb = malloc(n * size); /* the old contents are not needed */
	if (nb == NULL)
		return ENOMEM;
	free(*buf);
	*buf = nb;
	*cap = n;
	return 0;
}

int wx_snapshot_take(struct wx_thread *t, struct wx_snapshot *s,
		     const struct wx_frame *from)
{
	uint64_t *slots_end = t->host_sp;
	s->site = t->site;
	if (t->site.native != NULL) {
		/* The registers can only be saved where execution will
		 * continue: in the native tier's frame of this call, after
		 * the host function has returned (native_rt.c). */
		s->native_serial = t->site.native->serial;
		s->pending_on = t;
		t->snap_pending = s;
		return 0;
	}
	s->frame_top = t->frame_top;
	if (from == NULL) {
		s->frames_from = t->frames;
		s->slots_from = t->stack;
	} else {
		s->frames_from = (struct wx_frame *)from;
		s->slots_from = from < t->frame_top ? from->fp : t->site.fp;
	}
	s->nframes = (size_t)(t->frame_top - s->frames_from);
	s->nslots = (size_t)(slots_end - s->slots_from);
	if (reserve((void **)&s->frame_copy, &s->frame_cap, s->nframes,
		    sizeof(*s->frame_copy)) != 0 ||
	    reserve((void **)&s->slot_copy, &s->slot_cap, 2 * s->nslots,
		    sizeof(uint64_t)) != 0) {
		wx_snapshot_free(s);
		return ENOMEM;
	}
	if (s->nframes > 0)
		memcpy(s->frame_copy, s->frames_from,
		       s->nframes * sizeof(*s->frame_copy));
	if (s->nslots > 0) {
		/* and the v128 high halves of the same slots after them */
		memcpy(s->slot_copy, s->slots_from,
		       s->nslots * sizeof(uint64_t));
		memcpy(s->slot_copy + s->nslots,
		       s->slots_from + wx_v128_hi(t),
		       s->nslots * sizeof(uint64_t));
	}
	return 0;
}

void wx_snapshot_free(struct wx_snapshot *s)
{
	if (s->pending_on != NULL && s->pending_on->snap_pending == s)
		s->pending_on->snap_pending = NULL;
	s->pending_on = NULL;
	free(s->frame_copy);
	free(s->slot_copy);
	free(s->ncopy);
	s->frame_copy = NULL;
	s->slot_copy = NULL;
	s->ncopy = NULL;
	s->frame_cap = s->slot_cap = s->ncap = 0;
	s->nframes = s->nslots = s->nlen = 0;
}

/* What the frames of libc's setjmp and longjmp functions (and of their
 * wrappers) may differ by between the two calls, in bytes of host
 * stack: generated C frames are small. */
#define NATIVE_SLACK (16u << 10)

bool wx_snapshot_native_live(const struct wx_thread *t,
			     const struct wx_snapshot *s)
{
	const struct wx_native_entry *e;
	if (s->site.native == NULL || s->nsp == NULL ||
	    t->site.native == NULL)
		return false;
	for (e = t->native_entry; e != NULL; e = e->outer)
		if (e == s->site.native && e->serial == s->native_serial)
			break;
	if (e == NULL)
		return false;
	/* Deeper is lower: the call now must not be above the snapshot's
	 * call by more than the slack. */
	return (uintptr_t)t->site.native_sp <=
	       (uintptr_t)s->site.native_sp + NATIVE_SLACK;
}

int wx_thread_resume(struct wx_thread *t, const struct wx_snapshot *s,
		     uint64_t result)
{
	t->resume = s;
	t->resume_result = result;
	return WX_ERESUME;
}
