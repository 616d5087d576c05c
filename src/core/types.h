/*
 * types.h - interning rec groups of defined types (types.c), for the
 * decoder.  The rest of the runtime sees only the canonical types
 * (module.h: struct wx_functype, wx_type_by_id, subtyping).
 */
#ifndef WX_TYPES_H
#define WX_TYPES_H

#include "module.h"

/* One type of a rec group as decoded: references into the group are
 * WX_VT_RECREL forms (module.h), others canonical.  `super` is 0 or the
 * supertype as a heap type (nullable reference form). */
struct wx_rectype {
	uint8_t kind; /* enum wx_defkind */
	bool final;
	wx_valtype_t super;
	uint32_t nparams, nresults;
	const wx_valtype_t *types;
	const uint8_t *muts; /* struct and array: nparams entries */
};

/* The canonical types of the group defs[0..n) into out[0..n): 0, ENOMEM,
 * or EFBIG when the process ran out of type ids. */
int wx_recgroup_intern(const struct wx_rectype *defs, uint32_t n,
		       const struct wx_functype **out);

/* Whether a's structure matches b's as a declared subtype must (spec
 * 3.2, GC "Matching": function params contravariant, results covariant;
 * struct fields a prefix, mutable ones invariant). */
bool wx_deftype_matches(const struct wx_functype *a,
			const struct wx_functype *b);

#endif
