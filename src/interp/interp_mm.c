/*
 * interp_mm.c - loads, stores and atomic accesses on memories other than
 * memory 0 (the multi-memory ops mm_load, mm_store and mm_atomic of
 * interp.c, compile_mm.c) and on 64-bit memories (memory64: m64_load,
 * m64_store, mm_atomic).  A slow path: the
 * memory is looked up and its size read on each access.  The effective
 * address may be anything up to 2^64 - 1, so the checks never add to it.
 */
#include <string.h>

#include "../runtime/runtime.h"
#include "code.h"

/* Accesses to memories other than memory 0 (ops mm_load, mm_store):
 * `kind` is the plain load or store op.  -1 when out of bounds. */
int wx_mm_load(struct wx_memory *mem, uint32_t kind, uint64_t ea,
		   uint64_t *out)
{
	uint64_t size = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
	switch (kind) {
#define MMLD(op, T, conv)                                                \
	case WX_OP_##op: {                                               \
		T v;                                                     \
		if (size < sizeof(T) || ea > size - sizeof(T))           \
			return -1;                                       \
		memcpy(&v, mem->base + ea, sizeof(T));                   \
		*out = (conv);                                           \
		return 0;                                                \
	}
	MMLD(i32_load, uint32_t, v)
	MMLD(i64_load, uint64_t, v)
	MMLD(f32_load, uint32_t, v)
	MMLD(f64_load, uint64_t, v)
	MMLD(i32_load8_s, int8_t, (uint32_t)(int32_t)v)
	MMLD(i32_load8_u, uint8_t, v)
	MMLD(i32_load16_s, int16_t, (uint32_t)(int32_t)v)
	MMLD(i32_load16_u, uint16_t, v)
	MMLD(i64_load8_s, int8_t, (uint64_t)(int64_t)v)
	MMLD(i64_load8_u, uint8_t, v)
	MMLD(i64_load16_s, int16_t, (uint64_t)(int64_t)v)
	MMLD(i64_load16_u, uint16_t, v)
	MMLD(i64_load32_s, int32_t, (uint64_t)(int64_t)v)
	MMLD(i64_load32_u, uint32_t, v)
#undef MMLD
	}
	return -1;
}

int wx_mm_store(struct wx_memory *mem, uint32_t kind, uint64_t ea,
		    uint64_t val)
{
	uint64_t size = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
	switch (kind) {
#define MMST(op, T)                                                      \
	case WX_OP_##op: {                                               \
		T v = (T)val;                                            \
		if (size < sizeof(T) || ea > size - sizeof(T))           \
			return -1;                                       \
		memcpy(mem->base + ea, &v, sizeof(T));                   \
		return 0;                                                \
	}
	MMST(i32_store, uint32_t)
	MMST(i64_store, uint64_t)
	MMST(f32_store, uint32_t)
	MMST(f64_store, uint64_t)
	MMST(i32_store8, uint8_t)
	MMST(i32_store16, uint16_t)
	MMST(i64_store8, uint8_t)
	MMST(i64_store16, uint16_t)
	MMST(i64_store32, uint32_t)
#undef MMST
	}
	return -1;
}

/* Guest memory may race as the threads proposal allows (as in the
 * interpreter loop); the accesses here are atomic anyway. */
__attribute__((no_sanitize("thread")))
int wx_mm_atomic(struct wx_thread *t, struct wx_memory *mem, uint32_t op,
		 uint64_t ea, uint64_t b, uint64_t c, uint64_t *out)
{
	uint64_t size = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
	void *p;
	int r;
/* Bounds, then alignment, as memory 0's atomics check them. */
#define AT(T)                                                            \
	do {                                                             \
		if (size < sizeof(T) || ea > size - sizeof(T))           \
			return WX_TRAP_OOB_MEMORY;                       \
		if (ea & (sizeof(T) - 1))                                \
			return WX_TRAP_UNALIGNED_ATOMIC;                 \
		p = mem->base + ea;                                      \
	} while (0)
#define ALOAD(name, T)                                                   \
	case WX_OP_##name:                                               \
		AT(T);                                                   \
		*out = __atomic_load_n((T *)p, __ATOMIC_SEQ_CST);        \
		return 0;
#define ASTORE(name, T)                                                  \
	case WX_OP_##name:                                               \
		AT(T);                                                   \
		__atomic_store_n((T *)p, (T)b, __ATOMIC_SEQ_CST);        \
		return 0;
#define ARMW(name, T, fn)                                                \
	case WX_OP_##name:                                               \
		AT(T);                                                   \
		*out = fn((T *)p, (T)b, __ATOMIC_SEQ_CST);               \
		return 0;
#define ACMPXCHG(name, T)                                                \
	case WX_OP_##name: {                                             \
		T expected = (T)b;                                       \
		AT(T);                                                   \
		__atomic_compare_exchange_n((T *)p, &expected, (T)c,     \
					    false, __ATOMIC_SEQ_CST,     \
					    __ATOMIC_SEQ_CST);           \
		*out = expected;                                         \
		return 0;                                                \
	}
	switch (op) {
#include "atomics.def"
	case WX_OP_memory_atomic_notify:
		AT(uint32_t);
		*out = mem->shared ? wx_atomic_notify(mem, ea, (uint32_t)b) : 0;
		return 0;
	case WX_OP_memory_atomic_wait32:
	case WX_OP_memory_atomic_wait64:
		if (op == WX_OP_memory_atomic_wait32)
			AT(uint32_t);
		else
			AT(uint64_t);
		if (!mem->shared)
			return WX_TRAP_EXPECTED_SHARED;
		r = wx_atomic_wait(t, mem, ea,
				   op == WX_OP_memory_atomic_wait32 ? (uint32_t)b
								     : b,
				   op == WX_OP_memory_atomic_wait64, (int64_t)c);
		if (r < 0)
			return -1;
		*out = (uint32_t)r;
		return 0;
	}
#undef AT
#undef ALOAD
#undef ASTORE
#undef ARMW
#undef ACMPXCHG
	(void)p;
	return WX_TRAP_UNREACHABLE; /* not an atomic access: never emitted */
}
