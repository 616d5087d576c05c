/*
 * snapshot.c - save and restore interpreter state at a host call site.
 *
 * The interpreter records its call site in the thread before each host
 * call (t->site).  A snapshot copies what later execution may overwrite:
 * for vfork, every frame record and value slot below the call, because
 * the child runs on the same stacks; for setjmp-style checkpoints only the
 * calling frame's slots, because C forbids longjmp into a function that
 * has returned, so the frames below stay intact.
 *
 * Resuming is done by the interpreter loop that owns the snapshot's entry
 * frame (interp.c, WX_ERESUME); host functions only ask for it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

int wx_snapshot_take(struct wx_thread *t, struct wx_snapshot *s,
		     bool whole_stack)
{
	uint64_t *slots_end = t->host_sp;
	memset(s, 0, sizeof(*s));
	s->site = t->site;
	s->frame_top = t->frame_top;
	s->frames_from = whole_stack ? t->frames : t->frame_top;
	s->slots_from = whole_stack ? t->stack : t->site.fp;
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
		s->slot_copy = malloc(s->nslots * sizeof(uint64_t));
		if (s->slot_copy == NULL)
			goto fail;
		memcpy(s->slot_copy, s->slots_from,
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
