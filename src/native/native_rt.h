/*
 * native_rt.h - the runtime's side of compiled modules (native_rt.c).
 */
#ifndef WX_NATIVE_RT_H
#define WX_NATIVE_RT_H

#include <stdint.h>

struct wxn_ctx;
struct wxn_eh;

/* A compiled image loaded for a module (its tier_data). */
struct wx_native_loaded {
	void *dl;
	const void *image; /* struct wxn_image (native_abi.h) */
	/* The object's code: only a fault there is a guest's
	 * (native_fault.c). */
	uintptr_t code_lo, code_hi;
};

/* The module's tier_call: wx_call's contract, in native code. */
int wx_native_call(void *thread, void *func, uint64_t *args);

/* For native_rt_eh.c: leave the native call of context c (a wxn_ctx)
 * with `status`, and its thread. */
__attribute__((noreturn)) void wx_native_leave(void *c, int status);
/* A trap at (func, off) of the native call of context c, raised by the
 * runtime in a call the generated code made (never returns). */
__attribute__((noreturn)) void wx_native_trap(void *c, int kind,
					      uint32_t func, uint32_t off);
void *wx_native_thread(void *c);

/* Exception handling (native_rt_eh.c): struct wxn_rt's exn_new and
 * throw_to (native_abi.h). */
void *wx_native_exn_new(struct wxn_ctx *c, uint32_t tag,
			const uint64_t *vals, uint32_t func, uint32_t off);
__attribute__((noreturn)) void wx_native_throw_to(struct wxn_ctx *c,
						  void *exn,
						  struct wxn_eh *h);

/* Memories other than 0 and 64-bit ones (native_rt_mem.c): struct
 * wxn_rt's *_x functions. */
uint64_t wx_native_mem_check_x(struct wxn_ctx *c, uint32_t k, uint64_t end,
			       uint32_t func, uint32_t off);
uint64_t wx_native_mem_size_x(struct wxn_ctx *c, uint32_t k);
uint64_t wx_native_mem_grow_x(struct wxn_ctx *c, uint32_t k, uint64_t delta);
void wx_native_mem_copy_x(struct wxn_ctx *c, uint32_t dk, uint32_t sk,
			  uint64_t d, uint64_t s, uint64_t n, uint32_t func,
			  uint32_t off);
void wx_native_mem_fill_x(struct wxn_ctx *c, uint32_t k, uint64_t d,
			  uint32_t val, uint64_t n, uint32_t func,
			  uint32_t off);
void wx_native_mem_init_x(struct wxn_ctx *c, uint32_t k, uint32_t seg,
			  uint64_t d, uint32_t s, uint32_t n, uint32_t func,
			  uint32_t off);

#endif
