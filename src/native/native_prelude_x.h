/*
 * native_prelude_x.h - generated code's helpers for the features of later
 * proposals (exception handling, memories), pasted after native_prelude.h's.
 */
#ifndef WX_NATIVE_PRELUDE_X_H
#define WX_NATIVE_PRELUDE_X_H

#define WXN_TRAP_NULL_EXNREF 18

#define WXN_PRELUDE_X                                                        \
	/* An exnref stored in a global or a table is never collected. */   \
	static inline void wxn_pin(uint64_t v)                               \
	{                                                                    \
		if (v != 0)                                                  \
			((struct wxn_exn *)(uintptr_t)v)->pinned = 1;        \
	}                                                                    \
	/* Memory k's size: another thread may grow a shared memory. */     \
	static inline uint64_t wxn_msz(wxn_ctx *c, uint32_t k)               \
	{                                                                    \
		return __atomic_load_n(&c->mems[k]->size, __ATOMIC_ACQUIRE); \
	}

#endif
