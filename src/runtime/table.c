/*
 * table.c - table instances (spec 4.2.7 "Table Instances", 4.5.3.4
 * "alloc table", 4.5.3.8 "grow table").
 *
 * A table is a plain array of 64-bit reference slots (0 = null, see
 * runtime.h).  Unlike memories, tables may move on grow: the interpreter
 * reloads `elems` after any instruction that can grow a table.
 *
 * Invariants: size <= max <= the creator's cap; elems holds exactly
 * size slots (at least one allocation, even when size is 0).
 *
 * Tables are not shareable between threads (no shared tables in the
 * threads proposal), so grow takes no lock.
 *
 * A 64-bit table (memory64's table64) is the same object: only its
 * instructions take i64 indices.  As size <= max < 2^32 - 1 (a cap is
 * at most WX_TABLE_LIMIT),
 * the compiler clamps such an index to u32 (UINT32_MAX when it does not
 * fit, which is out of bounds like the index itself) and runs the 32-bit
 * table instructions on it (compile_ops.c).
 */
#include "runtime.h"

#include <errno.h>
#include <stdlib.h>

/* A table may be declared with up to 2^32-1 elements, but 32 GiB of
 * reference slots is never what a program meant.  Beyond the creator's
 * cap (limits.h: WX_LIMIT_TABLE_DEFAULT unless the operator says
 * otherwise), creation fails and table.grow returns -1, which the spec
 * allows ("grow may fail for implementation-defined reasons"). */
/* Below 2^32 - 1, the index a 64-bit table's too-large i64 is clamped
 * to: that index must never be in bounds. */
#define WX_TABLE_LIMIT (UINT32_MAX - 1)

int wx_table_create(const struct wx_tabletype *type, uint64_t init,
		    struct wx_table **tp)
{
	return wx_table_create_capped(type, init, WX_LIMIT_TABLE_DEFAULT, tp);
}

int wx_table_create_capped(const struct wx_tabletype *type, uint64_t init,
			   uint32_t cap, struct wx_table **tp)
{
	const struct wx_limits *lim = &type->limits;
	struct wx_table *tab;
	uint64_t i;

	*tp = NULL;
	if (cap > WX_TABLE_LIMIT)
		cap = WX_TABLE_LIMIT;
	if (lim->has_max && lim->max < lim->min)
		return EINVAL;
	if (lim->min > cap)
		return EFBIG;
	tab = calloc(1, sizeof(*tab));
	if (tab == NULL)
		return ENOMEM;
	/* One slot at least, so elems is never NULL (calloc(0) may be). */
	tab->elems = calloc(lim->min != 0 ? lim->min : 1, sizeof(uint64_t));
	if (tab->elems == NULL)
		goto fail;
	for (i = 0; init != 0 && i < lim->min; i++)
		tab->elems[i] = init;
	tab->size = (uint32_t)lim->min;
	tab->max = lim->has_max && lim->max < cap ? (uint32_t)lim->max : cap;
	tab->type = *type;
	tab->refcount = 1;
	*tp = tab;
	return 0;
fail:
	free(tab);
	return ENOMEM;
}

void wx_table_retain(struct wx_table *tab)
{
	__atomic_add_fetch(&tab->refcount, 1, __ATOMIC_RELAXED);
}

void wx_table_release(struct wx_table *tab)
{
	if (tab == NULL)
		return;
	if (__atomic_sub_fetch(&tab->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	free(tab->elems);
	free(tab);
}

/* table.grow (spec 4.4.6): the old size, or -1 (table unchanged) when the
 * new size would pass the maximum (the cap included), or allocation
 * fails. */
int64_t wx_table_grow(struct wx_table *tab, uint64_t delta, uint64_t init)
{
	uint64_t old = tab->size, new_size, i;
	uint64_t *elems;

	/* delta may be any u64 (a 64-bit table's i64 operand). */
	if (delta > tab->max)
		return -1;
	new_size = old + delta;
	if (new_size > tab->max)
		return -1;
	if (delta == 0)
		return (int64_t)old;
	elems = realloc(tab->elems, new_size * sizeof(uint64_t));
	if (elems == NULL)
		return -1;
	for (i = old; i < new_size; i++)
		elems[i] = init;
	tab->elems = elems;
	tab->size = (uint32_t)new_size;
	return (int64_t)old;
}
