/*
 * native_rt_eh.c - exception handling for compiled modules: what throw,
 * throw_ref, rethrow and delegate call (struct wxn_rt's exn_new and
 * throw_to; the design is in native_emit_eh.inc).
 *
 * The exception objects are runtime/exn.c's, so an exnref means the same
 * in both tiers and to host functions.  The native tier's exnrefs live in
 * C locals, so the collection that an allocation may run scans the
 * thread's C stack from here up to its outermost native entry, with the
 * registers spilled into it first.
 */
#include <setjmp.h>
#include <stdio.h>

#include "../runtime/runtime.h"
#include "native_abi.h"
#include "native_rt.h"

WXN_ABI_DECLS(WXN_ABI_BODY)

/* Below every frame that may hold an exnref: the caller's spilled
 * registers and locals are all above this function's frame. */
static __attribute__((noinline)) struct wx_exn *
alloc_below(struct wx_thread *t, const struct wx_tag *tag,
	    const uint64_t *vals)
{
	const void *lo = __builtin_frame_address(0);
	const void *hi = t->native_entry != NULL
				 ? (const void *)t->native_entry->top
				 : lo;
	return wx_exn_new_native(t, tag, vals, lo, hi);
}

void *wx_native_exn_new(struct wxn_ctx *c, uint32_t tag,
			const uint64_t *vals, uint32_t func, uint32_t off)
{
	struct wx_thread *t = wx_native_thread(c);
	struct wx_instance *inst = c->inst;
	struct wx_exn *e;
	__builtin_unwind_init();
	e = alloc_below(t, inst->tags[tag], vals);
	if (e == NULL) {
		wx_native_trap(c, WX_TRAP_HOST, func, off);
	}
	return e;
}

void wx_native_throw_to(struct wxn_ctx *c, void *exn, struct wxn_eh *h)
{
	c->eh = h;
	if (h == NULL) {
		/* No handler in this entry: the exception leaves the call,
		 * as the interpreter's does (WX_EEXCEPTION, t->exn). */
		struct wx_thread *t = wx_native_thread(c);
		t->exn = exn;
		wx_native_leave(c, WX_EEXCEPTION);
	}
	c->exn = exn;
	_longjmp(h->jb, 1);
}
