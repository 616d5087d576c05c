/*
 * native_rt.h - the runtime's side of compiled modules (native_rt.c).
 */
#ifndef WX_NATIVE_RT_H
#define WX_NATIVE_RT_H

#include <stdint.h>

/* A compiled image loaded for a module (its tier_data). */
struct wx_native_loaded {
	void *dl;
	const void *image; /* struct wxn_image (native_abi.h) */
};

/* The module's tier_call: wx_call's contract, in native code. */
int wx_native_call(void *thread, void *func, uint64_t *args);

#endif
