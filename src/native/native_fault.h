/*
 * native_fault.h - guard-page faults of native code become traps
 * (native_fault.c).
 */
#ifndef WX_NATIVE_FAULT_H
#define WX_NATIVE_FAULT_H

#include <setjmp.h>
#include <stdint.h>

#include "native_trace.h"

/* One native entry's view for the fault handler: a fault at an address
 * in [lo, hi) (memory 0's reservation) by an instruction in [code_lo,
 * code_hi) (the compiled object's code) is the guest's, and longjmps to
 * *jb with 2 after storing the instruction's address in pc and the
 * stack's return addresses in bt. */
struct wx_native_guard {
	struct wx_native_guard *outer;
	uintptr_t lo, hi;
	uintptr_t code_lo, code_hi;
	jmp_buf *jb;
	volatile uintptr_t pc;
	/* The stack at the fault, for the trap's trace (native_trace.c);
	 * last, so that setting up a guard need not clear it. */
	int nbt;
	void *bt[WX_NATIVE_BT];
};

/* Installs the SIGSEGV and SIGBUS handlers once (the handlers that were
 * there before still get every fault that is not a guest's).  0, or an
 * errno. */
int wx_native_fault_init(void);

/* The innermost entry of this thread is g (push) / is no longer (pop). */
void wx_native_guard_push(struct wx_native_guard *g);
void wx_native_guard_pop(struct wx_native_guard *g);

/* The executable range of the loaded object whose load bias is `bias`;
 * 0 or ENOENT. */
int wx_native_code_range(uintptr_t bias, uintptr_t *lo, uintptr_t *hi);

#endif
