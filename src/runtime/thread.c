/*
 * thread.c - the per-thread execution context: value and control stacks,
 * trap recording and trap descriptions.
 *
 * The stacks are allocated once, at their full size, and never move: the
 * interpreter keeps raw pointers into them (frame pointers, ret_pc), and
 * a bounded stack is what turns runaway recursion into the spec's "call
 * stack exhausted" trap (spec 4.4.10 leaves the limit to the embedder)
 * instead of a host crash.
 *
 * Invariants after wx_thread_init:
 *   stack <= host_sp <= stack_end, frames <= frame_top <= frames_end,
 *   trap == WX_TRAP_NONE until a call traps.
 */
#include "runtime.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int wx_thread_init(struct wx_thread *t, size_t slots, size_t frames)
{
	memset(t, 0, sizeof(*t));
	if (slots == 0)
		slots = WX_DEFAULT_STACK_SLOTS;
	if (frames == 0)
		frames = WX_DEFAULT_MAX_FRAMES;
	/* calloc checks n * size for overflow.  Large zeroed blocks come
	 * straight from mmap, so untouched stack costs no memory. */
	/* Twice over: the upper half keeps the high halves of v128 values
	 * (interp_simd.c); it is never touched without SIMD. */
	t->stack = calloc(slots * 2, sizeof(*t->stack));
	if (t->stack == NULL)
		goto fail;
	t->frames = calloc(frames, sizeof(*t->frames));
	if (t->frames == NULL)
		goto fail;
	t->stack_end = t->stack + slots;
	t->frames_end = t->frames + frames;
	t->frame_top = t->frames;
	t->host_sp = t->stack;
	t->trap = WX_TRAP_NONE;
	return 0;
fail:
	free(t->stack);
	memset(t, 0, sizeof(*t));
	return ENOMEM;
}

void wx_thread_fini(struct wx_thread *t)
{
	wx_exn_free_all(t);
	free(t->stack);
	free(t->frames);
	memset(t, 0, sizeof(*t));
}

/* Only the innermost frames: a child continues there first, and a fork
 * deep in a recursion must not scan the whole stack every time. */
#define WX_TRANSLATE_FRAMES 32

void wx_thread_translate_callees(struct wx_thread *t)
{
	const struct wx_frame *f = t->frame_top;
	const struct wx_engine *e = wx_engine_get();
	int n = 0;
	if (e == NULL || e->translate_callees == NULL)
		return;
	e->translate_callees(t->site.func);
	while (f > t->frames && n++ < WX_TRANSLATE_FRAMES)
		e->translate_callees((--f)->func);
}

int wx_thread_trap(struct wx_thread *t, enum wx_trap kind)
{
	t->trap = kind;
	/* Where: filled in by the interpreter as the trap leaves the host
	 * function (or the guest code) that raised it. */
	t->trap_func = NULL;
	t->trap_offset = 0;
	t->trap_depth = 0;
	t->trap_trace_cut = false;
	return WX_ETRAP;
}

/* Name of `f` for messages; `buf` backs a made-up "#index" name. */
static const char *wx_thread_func_name(const struct wx_func *f, char *buf,
				       size_t len)
{
	const char *name = NULL;

	if (f->host != NULL)
		return f->host_name != NULL ? f->host_name : "host function";
	if (f->inst != NULL)
		name = wx_module_funcname(f->inst->module, f->index);
	if (name != NULL)
		return name;
	snprintf(buf, len, "#%" PRIu32, f->index);
	return buf;
}

void wx_thread_describe_trap(const struct wx_thread *t, char *buf,
			     size_t len)
{
	char num[16];
	size_t used;
	int n;

	if (len == 0)
		return;
	if (t->trap == WX_TRAP_HOST && t->trap_detail[0] != '\0')
		n = snprintf(buf, len, "%s: %s", wx_trap_message(t->trap),
			     t->trap_detail);
	else
		n = snprintf(buf, len, "%s", wx_trap_message(t->trap));
	if (n < 0 || (size_t)n >= len || t->trap_func == NULL)
		return;
	used = (size_t)n;
	if (t->trap_offset != 0)
		snprintf(buf + used, len - used,
			 " (in function %s at byte offset 0x%" PRIx32 ")",
			 wx_thread_func_name(t->trap_func, num, sizeof(num)),
			 t->trap_offset);
	else
		snprintf(buf + used, len - used, " (in function %s)",
			 wx_thread_func_name(t->trap_func, num, sizeof(num)));
}

/* A module without a name section shows only indices: say how to get
 * names, once, after the frames (at buf + used). */
static size_t no_names_hint(const struct wx_thread *t, char *buf, size_t len,
			    size_t used)
{
	uint32_t i;
	int n;
	for (i = 0; i < t->trap_depth; i++) {
		const struct wx_func *f = t->trap_trace[i].func;
		/* Export names do not count: the inner frames are rarely
		 * exported. */
		if (f->host != NULL ||
		    (f->inst != NULL && f->inst->module->func_names != NULL))
			return used;
	}
	n = snprintf(buf + used, len - used,
		     "    hint: the module has no function names (no \"name\" "
		     "section); build without stripping them (no -s, "
		     "--strip-all or wasm-opt --strip-debug) to see them\n");
	if (n > 0 && (size_t)n < len - used)
		used += (size_t)n;
	return used;
}

size_t wx_thread_format_backtrace(const struct wx_thread *t, char *buf,
				  size_t len)
{
	char num[16];
	size_t used = 0;
	uint32_t i, j;
	int n;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	if (t->trap_depth == 0)
		return 0;
	if (t->trap_depth < 2)
		return no_names_hint(t, buf, len, 0);
	for (i = 0; i < t->trap_depth; i = j) {
		const struct wx_func *f = t->trap_trace[i].func;
		uint32_t off = t->trap_trace[i].offset;
		/* Deep recursion: one line for a run of the same call site. */
		for (j = i + 1; j < t->trap_depth &&
				t->trap_trace[j].func == f &&
				t->trap_trace[j].offset == off;
		     j++)
			;
		const char *name = wx_thread_func_name(f, num, sizeof(num));
		if (name == num) /* no name: the index below says it all */
			name = "";
		if (j - i > 1)
			n = snprintf(buf + used, len - used,
				     "    #%" PRIu32 "-#%" PRIu32 " %s", i,
				     j - 1, name);
		else
			n = snprintf(buf + used, len - used,
				     "    #%" PRIu32 " %s", i, name);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
		n = snprintf(buf + used, len - used,
			     "%s(function %" PRIu32 ") at byte offset 0x%" PRIx32
			     "\n", *name ? " " : "", f->index, off);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	if (i < t->trap_depth) { /* cut short: end on a whole line */
		while (used > 0 && buf[used - 1] != '\n')
			used--;
		buf[used] = '\0';
	} else if (t->trap_trace_cut) {
		n = snprintf(buf + used, len - used, "    ... outer frames "
			     "not shown\n");
		if (n > 0 && (size_t)n < len - used)
			used += (size_t)n;
	}
	return no_names_hint(t, buf, len, used);
}
