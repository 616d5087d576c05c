/*
 * native_trace.h - the guest call stack of a trap in native code
 * (native_trace.c).
 */
#ifndef WX_NATIVE_TRACE_H
#define WX_NATIVE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

struct wx_thread;
struct wx_instance;
struct wx_native_loaded;

/* Return addresses a trap looks at: the innermost WX_TRAP_TRACE_MAX
 * frames and one more, with room for the runtime's frames above them
 * and the trampolines of tail calls between them. */
#define WX_NATIVE_BT 256

struct wxn_trap;

/* The record of the guarded access (section wxn_traps) whose instruction
 * is at pc in the object whose struct wxn_image is `image`, or NULL. */
const struct wxn_trap *wx_native_access_at(const void *image, uintptr_t pc);

/* backtrace(): the innermost return addresses of this thread's stack. */
int wx_native_backtrace(void **pcs, int max);

/* Append to t->trap_trace the callers of the frame t->trap_trace ends
 * with (whose code, in ld's object for instance inst, made the first
 * in-object entry of pcs, or the second when `via_stub`: the trap went
 * through the object's wxn_trap), up to the native entry; pcs holds
 * npcs return addresses, innermost first (backtrace's), `full` when
 * there may be more. */
void wx_native_trace(struct wx_thread *t, const struct wx_instance *inst,
		     const struct wx_native_loaded *ld, void *const *pcs,
		     int npcs, bool full, bool via_stub);

#endif
