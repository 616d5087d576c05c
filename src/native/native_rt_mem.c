/*
 * native_rt_mem.c - what compiled modules call for memories other than
 * memory 0 and for 64-bit memories (native_emit_mem.inc): bounds checks
 * on u64 that never overflow, and memory.size/grow/copy/fill/init with a
 * memory index.  A range is checked whole before anything is written, as
 * in the interpreter (bulk memory instructions never write partially).
 */
#include <setjmp.h>
#include <string.h>

#include "../runtime/runtime.h"
#include "native_abi.h"
#include "native_prelude.h"
#include "native_rt.h"

WXN_ABI_DECLS(WXN_ABI_BODY)

static struct wx_memory *mem_of(struct wxn_ctx *c, uint32_t k)
{
	return ((struct wx_instance *)c->inst)->mems[k];
}

static uint64_t size_of(struct wxn_ctx *c, uint32_t k)
{
	uint64_t sz = __atomic_load_n(&mem_of(c, k)->size, __ATOMIC_ACQUIRE);
	if (k == 0)
		c->msize = sz; /* generated code's cached size of memory 0 */
	return sz;
}

static __attribute__((noreturn)) void oob(struct wxn_ctx *c, uint32_t func,
					  uint32_t off)
{
	wx_native_trap(c, WXN_TRAP_OOB_MEMORY, func, off);
}

/* Is [a, a + n) outside memory k (of size sz)? */
static bool outside(uint64_t a, uint64_t n, uint64_t sz)
{
	return a > sz || n > sz - a;
}

uint64_t wx_native_mem_check_x(struct wxn_ctx *c, uint32_t k, uint64_t end,
			       uint32_t func, uint32_t off)
{
	uint64_t sz = size_of(c, k);
	if (end > sz)
		oob(c, func, off);
	return sz;
}

uint64_t wx_native_mem_size_x(struct wxn_ctx *c, uint32_t k)
{
	return size_of(c, k);
}

uint64_t wx_native_mem_grow_x(struct wxn_ctx *c, uint32_t k, uint64_t delta)
{
	int64_t old = wx_memory_grow(mem_of(c, k), delta);
	size_of(c, k);
	return (uint64_t)old;
}

void wx_native_mem_copy_x(struct wxn_ctx *c, uint32_t dk, uint32_t sk,
			  uint64_t d, uint64_t s, uint64_t n, uint32_t func,
			  uint32_t off)
{
	if (outside(s, n, size_of(c, sk)) || outside(d, n, size_of(c, dk)))
		oob(c, func, off);
	memmove(mem_of(c, dk)->base + d, mem_of(c, sk)->base + s, n);
}

void wx_native_mem_fill_x(struct wxn_ctx *c, uint32_t k, uint64_t d,
			  uint32_t val, uint64_t n, uint32_t func,
			  uint32_t off)
{
	if (outside(d, n, size_of(c, k)))
		oob(c, func, off);
	memset(mem_of(c, k)->base + d, (int)(uint8_t)val, n);
}

void wx_native_mem_init_x(struct wxn_ctx *c, uint32_t k, uint32_t seg,
			  uint64_t d, uint32_t s, uint32_t n, uint32_t func,
			  uint32_t off)
{
	struct wx_instance *inst = c->inst;
	const struct wx_data *sg = &inst->module->datas[seg];
	uint64_t len = inst->data_dropped[seg] ? 0 : sg->data_len;
	if (outside(s, n, len) || outside(d, n, size_of(c, k)))
		oob(c, func, off);
	memcpy(mem_of(c, k)->base + d,
	       inst->module->bytes + sg->data_offset + s, n);
}
