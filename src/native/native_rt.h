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
};

/* The module's tier_call: wx_call's contract, in native code. */
int wx_native_call(void *thread, void *func, uint64_t *args);

/* For native_rt_eh.c: leave the native call of context c (a wxn_ctx)
 * with `status`, and its thread. */
__attribute__((noreturn)) void wx_native_leave(void *c, int status);
void *wx_native_thread(void *c);

/* Exception handling (native_rt_eh.c): struct wxn_rt's exn_new and
 * throw_to (native_abi.h). */
void *wx_native_exn_new(struct wxn_ctx *c, uint32_t tag,
			const uint64_t *vals, uint32_t func, uint32_t off);
__attribute__((noreturn)) void wx_native_throw_to(struct wxn_ctx *c,
						  void *exn,
						  struct wxn_eh *h);

#endif
