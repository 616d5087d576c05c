/*
 * native_emit_x.h - the translator's state for the features of later
 * proposals (tail calls: native_emit_tail.inc; exception handling:
 * native_emit_eh.inc), kept apart from struct fn's core in native_emit.c.
 */
#ifndef WX_NATIVE_EMIT_X_H
#define WX_NATIVE_EMIT_X_H

#include <stdbool.h>
#include <stdint.h>

struct fn_x {
	/* Tail calls.  Per function: */
	bool has_tail;        /* a return_call*: body wb, driver wf */
	uint32_t *tail_decls; /* tail entries (wt) it names */
	uint32_t ntail_decls, tail_decls_cap;
	/* Per module: */
	uint8_t *tailfn;      /* defined function i has_tail (by index) */
	bool any_tail;        /* the module needs wt and wxn_tptrs */
	/* Exception handling, per function: */
	bool has_try;         /* handlers: volatile locals, eh0 */
	uint32_t ntry;        /* handler variables h<n> */
	uint32_t nexn;        /* legacy caught-exception variables x<n> */
	/* Memories (native_emit_mem.inc): the last memarg's memory, and an
	 * atomic access's block to close. */
	uint32_t mi;
	bool atomic_open;
};

#endif
