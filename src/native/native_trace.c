/*
 * native_trace.c - the guest call stack of a trap in native code, the
 * same as the interpreter reports it (interp.c's trace_trap).
 *
 * Design.  Compiled code keeps no frame records of its own (a store and a
 * load on every call cost call-heavy code 1.5x: native_emit.c), so the
 * trace is recovered from the machine stack when a trap happens:
 *  - glibc's backtrace() unwinds through the .eh_frame the compiler
 *    writes for the object (asynchronous unwind tables, the default on
 *    x86-64 and aarch64: exact at every instruction, so it also unwinds
 *    from a guard-page fault, in the signal handler);
 *  - every call the translator emits is followed by an empty volatile
 *    asm recording its own address with the caller and the call
 *    instruction's byte offset (section wxn_calls, native_abi.h); a
 *    return address maps to the record with the smallest label at or
 *    after it (the compiler puts at most a few moves between a call and
 *    the asm, and never another call: volatile asm is not moved across
 *    calls).  Trampolines (tail-call drivers and entries, the entry
 *    trampolines) record that they are none of the guest's frames;
 *  - frame 0 is the trap's own place, which the trap knows exactly; its
 *    physical frame is the first one in the object (after wxn_trap's,
 *    the generated code's cold helper that calls rt->trap), and is not
 *    mapped: its return address is of a call with no record (a call of
 *    the runtime, or of the noreturn wxn_trap, which may even be the
 *    last instruction of its function);
 *  - the trace ends at the first frame outside the object: the entry
 *    (native_rt.c's enter).  As in the interpreter, a trap in a nested
 *    entry (a host function calling back into wasm) shows the frames of
 *    that entry only; a call of another instance's wasm function, which
 *    the interpreter runs in the same loop, is a nested entry here, and
 *    the caller's entry appends its frames (native_rt.c's call_func).
 * Inlining would hide frames (a machine frame holding several wasm
 * functions, with no record telling where one ends), so every generated
 * function that could be in a trace is noinline; the compiler inlines
 * only those with no call and no trap site (native_emit.c's
 * never_traced, where the cost is measured).  A stack exhausted at a
 * function's entry is blamed on the call, as the interpreter does
 * (native_rt.c's trace_at).
 */
#include <execinfo.h>
#include <stdint.h>

#include "../runtime/runtime.h"
#include "native_abi.h"
#include "native_rt.h"
#include "native_trace.h"

WXN_ABI_DECLS(WXN_ABI_BODY)

#define SKIP_FUNC 0xfffffffeu /* native_emit.c's WXN_CALL_SKIP */
/* How far past a return address its record's label may be: a few
 * register moves of the call's results. */
#define MAX_GAP 64

int wx_native_backtrace(void **pcs, int max)
{
	return backtrace(pcs, max);
}

/* The address of the instruction (or label) a record names. */
static uintptr_t record_addr(const struct wxn_trap *e)
{
	return (uintptr_t)&e->rel + (uintptr_t)(intptr_t)e->rel;
}

const struct wxn_trap *wx_native_access_at(const void *image, uintptr_t pc)
{
	const struct wxn_image *img = image;
	const struct wxn_trap *e;
	for (e = img->traps; e < img->traps_end; e++)
		if (e->func != UINT32_MAX && record_addr(e) == pc)
			return e;
	return NULL;
}

static const struct wxn_trap *record_of(const struct wxn_image *img,
					uintptr_t ra)
{
	const struct wxn_trap *e, *best = NULL;
	uintptr_t best_at = 0;
	for (e = img->calls; e < img->calls_end; e++) {
		uintptr_t at;
		if (e->func == UINT32_MAX)
			continue;
		at = record_addr(e);
		if (at >= ra && at - ra <= MAX_GAP &&
		    (best == NULL || at < best_at)) {
			best = e;
			best_at = at;
		}
	}
	return best;
}

void wx_native_trace(struct wx_thread *t, const struct wx_instance *inst,
		     const struct wx_native_loaded *ld, void *const *pcs,
		     int npcs, bool full, bool via_stub)
{
	const struct wxn_image *img = ld->image;
	uint32_t n = t->trap_depth;
	int i = 0;
	bool inside = false;

	/* The first frame in the object is the last one's (or wxn_trap's,
	 * whose caller is the last one's). */
	for (; i < npcs; i++) {
		uintptr_t pc = (uintptr_t)pcs[i];
		if (pc >= ld->code_lo && pc < ld->code_hi)
			break;
	}
	i += via_stub ? 2 : 1;
	for (; i < npcs; i++) {
		uintptr_t pc = (uintptr_t)pcs[i];
		const struct wxn_trap *e;
		if (pc < ld->code_lo || pc >= ld->code_hi) {
			inside = false;
			break;
		}
		inside = true;
		e = record_of(img, pc);
		if (e == NULL || e->func == SKIP_FUNC ||
		    e->func >= inst->module->nfuncs)
			continue;
		if (n == WX_TRAP_TRACE_MAX) {
			t->trap_trace_cut = true;
			break;
		}
		t->trap_trace[n].func = inst->funcs[e->func];
		t->trap_trace[n++].offset = e->off;
	}
	/* The unwinding stopped inside the object (more frames than pcs
	 * holds): there are outer frames. */
	if (i >= npcs && inside && full)
		t->trap_trace_cut = true;
	t->trap_depth = n;
}
