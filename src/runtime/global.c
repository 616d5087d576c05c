/*
 * global.c - global instances (spec 4.2.9 "Global Instances", 4.5.3.6
 * "alloc global").
 *
 * A global is a separately allocated, reference-counted cell so that an
 * exported mutable global is one object shared by every instance that
 * imports it: a global.set in one is seen by all (spec test linking.wast).
 * Invariant: val[1] is 0 unless the type is v128; an i32/f32 value is
 * zero-extended in val[0].
 */
#include "runtime.h"

#include <errno.h>
#include <stdlib.h>

int wx_global_create(struct wx_globaltype type, const uint64_t val[2],
		     struct wx_globalinst **gp)
{
	struct wx_globalinst *g;

	*gp = NULL;
	g = calloc(1, sizeof(*g));
	if (g == NULL)
		return ENOMEM;
	g->type = type;
	if (val != NULL) {
		g->val[0] = val[0];
		g->val[1] = type.type == WX_V128 ? val[1] : 0;
	}
	g->refcount = 1;
	*gp = g;
	return 0;
}

void wx_global_retain(struct wx_globalinst *g)
{
	__atomic_add_fetch(&g->refcount, 1, __ATOMIC_RELAXED);
}

void wx_global_release(struct wx_globalinst *g)
{
	if (g == NULL)
		return;
	if (__atomic_sub_fetch(&g->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	free(g);
}
