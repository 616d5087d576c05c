/*
 * snapshot.c - save and restore interpreter state at a host call site.
 *
 * The interpreter records its call site in the thread before each host
 * call (t->site).  A snapshot copies what later execution may overwrite:
 * for vfork, every frame record and value slot below the call, because
 * the child runs on the same stacks; for setjmp-style checkpoints the
 * innermost few frames.  The function that calls setjmp is still live
 * when longjmp runs (C forbids anything else), so the frames below it stay
 * intact; but setjmp reaches the host through libc functions of its own
 * (setjmp, __wasilibc_setjmp, the import's wrapper) which have returned
 * by then, their frame records and slots since reused by other calls
 * (longjmp's own chain among them).  Those are saved: the innermost
 * WX_SNAPSHOT_FRAMES frames, and the slots from the outermost of them up.
 * Restoring the slots of the setjmp caller itself is what C allows (its
 * non-volatile locals changed since setjmp are indeterminate).
 *
 * Resuming is done by the interpreter loop that owns the snapshot's entry
 * frame (interp.c, WX_ERESUME); host functions only ask for it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

/* Frames a checkpoint saves: more than the libc functions between a
 * setjmp caller and the stack_checkpoint import (three today). */
#define WX_SNAPSHOT_FRAMES 8

int wx_snapshot_take(struct wx_thread *t, struct wx_snapshot *s,
		     bool whole_stack)
{
	uint64_t *slots_end = t->host_sp;
	memset(s, 0, sizeof(*s));
	s->site = t->site;
	s->frame_top = t->frame_top;
	if (whole_stack) {
		s->frames_from = t->frames;
		s->slots_from = t->stack;
	} else {
		/* Records above the entry sentinel; each holds its
		 * caller's fp, the outermost one the slots' start. */
		struct wx_frame *low = t->site.entry_frame + 1;
		s->frames_from = t->frame_top;
		s->slots_from = t->site.fp;
		if (t->frame_top - low > WX_SNAPSHOT_FRAMES)
			low = t->frame_top - WX_SNAPSHOT_FRAMES;
		if (low < t->frame_top) {
			s->frames_from = low;
			s->slots_from = low->fp;
		}
	}
	s->nframes = (size_t)(t->frame_top - s->frames_from);
	s->nslots = (size_t)(slots_end - s->slots_from);
	if (s->nframes > 0) {
		s->frame_copy = malloc(s->nframes * sizeof(*s->frame_copy));
		if (s->frame_copy == NULL)
			goto fail;
		memcpy(s->frame_copy, s->frames_from,
		       s->nframes * sizeof(*s->frame_copy));
	}
	if (s->nslots > 0) {
		/* and the v128 high halves of the same slots after them */
		s->slot_copy = malloc(2 * s->nslots * sizeof(uint64_t));
		if (s->slot_copy == NULL)
			goto fail;
		memcpy(s->slot_copy, s->slots_from,
		       s->nslots * sizeof(uint64_t));
		memcpy(s->slot_copy + s->nslots,
		       s->slots_from + wx_v128_hi(t),
		       s->nslots * sizeof(uint64_t));
	}
	return 0;
fail:
	wx_snapshot_free(s);
	return ENOMEM;
}

void wx_snapshot_free(struct wx_snapshot *s)
{
	free(s->frame_copy);
	free(s->slot_copy);
	s->frame_copy = NULL;
	s->slot_copy = NULL;
}

int wx_thread_resume(struct wx_thread *t, const struct wx_snapshot *s,
		     uint64_t result)
{
	t->resume = s;
	t->resume_result = result;
	return WX_ERESUME;
}
