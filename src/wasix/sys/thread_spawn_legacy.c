/*
 * thread_spawn_legacy.c - the thread_spawn shapes of 2022-2023 WASIX
 * binaries (Rust std threads through the `wasix` crate), both bound as
 * wasix_32v1.thread_spawn beside today's (start_ptr, ret_tid) form; the
 * linker picks the one of the import's own type.
 *
 *   thread_spawn(user_data:u64, stack_base:u64, stack_start:u64,
 *                reactor:bool, ret_tid) -> errno          (late 2022-2023)
 *   thread_spawn(name, name_len, user_data:u64, reactor:bool, ret_tid)
 *                -> errno                                  (mid 2022)
 *
 * The new thread enters through an export of the module rather than
 * wasi_thread_start: `_start_thread` or the export the guest named with
 * callback_thread (the later shape), or the export the guest names in
 * the call (the earlier one), called with user_data - as one i64, or
 * as two i32 halves, low first, as the export's type says (both existed).
 * The guest's entry sets its own stack pointer to stack_base and its TLS;
 * stack_start (the stack's low end) told Wasmer where the stack ended,
 * for asyncify, and has no use here.
 *
 * reactor=1 asked for a callback run again whenever I/O work arrived
 * (export `_react`); Wasmer never ran one (ENOTCAPABLE in every version),
 * so no binary can depend on it: the same ENOTCAPABLE here.
 */
#include <stdlib.h>

#include "../internal.h"

static int spawn_via(struct wx_proc *p, const char *entry, uint64_t user_data,
		     uint64_t stack_base, uint32_t reactor, uint32_t ret_tid)
{
	uint32_t tid = 0;
	int ret;
	if (wx_wasi_mem(p->wasi, ret_tid, 4) == NULL)
		return WX_WASI_EMEMVIOLATION;
	if (reactor != 0)
		return WX_WASI_ENOTCAPABLE;
	ret = wx_thread_spawn_entry(p, entry, user_data, stack_base, &tid);
	if (ret == 0)
		wx_proc_put32(p, ret_tid, tid);
	return ret;
}

int wx_wasix_thread_spawn_legacy(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	char entry[128];
	wx_legacy_cb_name(ctx, WX_CB_THREAD, entry);
	args[0] = (uint32_t)spawn_via(ctx, entry, args[0], args[1],
				      wx_arg32(args, 3), wx_arg32(args, 4));
	return 0;
}

int wx_wasix_thread_spawn_named(struct wx_thread *t, void *ctx,
				uint64_t *args)
{
	struct wx_proc *p = ctx;
	char *name = NULL;
	int ret = wx_guest_string(p, wx_arg32(args, 0), wx_arg32(args, 1),
				  &name);
	if (ret == 0)
		ret = spawn_via(p, name, args[2], 0, wx_arg32(args, 3),
				wx_arg32(args, 4));
	free(name);
	args[0] = (uint32_t)ret;
	return 0;
}
