/*
 * interp_mm.c - loads and stores on memories other than memory 0 (the
 * multi-memory ops mm_load and mm_store of interp.c, compile_mm.c) and on
 * 64-bit memories (memory64: m64_load, m64_store).  A slow path: the
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
