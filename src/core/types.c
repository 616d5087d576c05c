/*
 * types.c - the process-wide table of canonical defined types (function,
 * struct and array types), subtyping, and value type names.
 *
 * Type equality is iso-recursive (spec 3.2, "Recursive types", with the
 * GC proposal's rec groups): two defined types are equal when they sit
 * at the same index of rec groups of the same structure, where a
 * reference inside a group is compared by its index within the group and
 * a reference outside it by the (already canonical) type it names.  So a
 * whole rec group is interned at once, keyed by that structure: the
 * first module to define a group gives its types fresh consecutive
 * canonical ids, every later equal group gets the same ones.  Then equal
 * types are one object (pointer compare: call_indirect, import
 * matching), and a value type names a concrete heap type by canonical id,
 * the same in every module (module.h).  A plain function type is a
 * final type alone in its group (wx_functype_intern).
 *
 * One table for the whole process, guarded by a mutex held across fork()
 * by pthread_atfork handlers when other threads exist (util/forklock.h);
 * entries are never freed.  Ids index a two-level array whose chunks
 * never move, so wx_type_by_id reads without the lock (an id reaches a
 * reader only through a type published under it).
 */
#include "module.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/forklock.h"
#include "types.h"

#define CHUNK_BITS 10
#define CHUNK (1u << CHUNK_BITS)
#define NCHUNKS ((WX_MAX_TYPE_ID + CHUNK) / CHUNK)

struct group_node {
	struct group_node *next;
	uint64_t hash;
	uint32_t base, n; /* canonical ids base .. base + n - 1 */
	uint32_t nkey;
	uint32_t key[];
};

static struct wx_forklock lock = WX_FORKLOCK_INIT;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct group_node **buckets;
static size_t nbuckets, ngroups;
static const struct wx_functype **chunks[NCHUNKS];
static uint32_t nids;

static void prefork(void)
{
	wx_forklock_prepare(&lock);
}

static void postfork(void)
{
	wx_forklock_release(&lock);
}

static void init_once(void)
{
	pthread_atfork(prefork, postfork, postfork);
}

const struct wx_functype *wx_type_by_id(uint32_t id)
{
	return chunks[id >> CHUNK_BITS][id & (CHUNK - 1)];
}

/* The key of a group: per type its kind, finality, supertype (0 or a
 * heap type), counts, types and field mutabilities. */
static uint32_t *make_key(const struct wx_rectype *defs, uint32_t n,
			  uint32_t *nkey)
{
	uint64_t len = 0;
	uint32_t i, k, j = 0, *key;

	for (i = 0; i < n; i++)
		len += 5 + (uint64_t)defs[i].nparams * 2 + defs[i].nresults;
	if (len > UINT32_MAX / sizeof(uint32_t))
		return NULL;
	key = malloc((len ? len : 1) * sizeof(uint32_t));
	if (key == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct wx_rectype *d = &defs[i];
		key[j++] = d->kind;
		key[j++] = d->final;
		key[j++] = d->super;
		key[j++] = d->nparams;
		key[j++] = d->nresults;
		for (k = 0; k < d->nparams + d->nresults; k++)
			key[j++] = d->types[k];
		for (k = 0; k < d->nparams; k++)
			key[j++] = d->kind == WX_DEF_FUNC ? 0 : d->muts[k];
	}
	*nkey = (uint32_t)len;
	return key;
}

static uint64_t hash_key(const uint32_t *key, uint32_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	uint32_t i;

	for (i = 0; i < n; i++)
		h = (h ^ key[i]) * 0x100000001b3ull;
	return h;
}

static void grow_buckets(void)
{
	size_t n = nbuckets ? nbuckets * 2 : 64, i;
	struct group_node **b, *node, *next;

	if (ngroups < nbuckets)
		return;
	b = calloc(n, sizeof(*b));
	if (b == NULL)
		return; /* longer chains, still correct */
	for (i = 0; i < nbuckets; i++) {
		for (node = buckets[i]; node != NULL; node = next) {
			next = node->next;
			node->next = b[node->hash & (n - 1)];
			b[node->hash & (n - 1)] = node;
		}
	}
	free(buckets);
	buckets = b;
	nbuckets = n;
}

/* A reference inside the group being made canonical: its id. */
static wx_valtype_t resolve(wx_valtype_t t, uint32_t base)
{
	if (t & WX_VT_RECREL)
		return wx_vt_of_id(base + wx_vt_id(t),
				   wx_vt_nullable(t));
	return t;
}

/* Make the canonical objects of a new group (ids base ..).  Lock held. */
static int make_types(const struct wx_rectype *defs, uint32_t n,
		      uint32_t base)
{
	uint32_t i, k;

	for (i = 0; i < n; i++) {
		const struct wx_rectype *d = &defs[i];
		uint32_t nt = d->nparams + d->nresults, id = base + i;
		struct wx_functype *ft;
		wx_valtype_t *types;
		uint8_t *types8, *muts;
		bool simple = true;
		size_t size = sizeof(*ft) + (size_t)nt * sizeof(wx_valtype_t) +
			      (size_t)nt + d->nparams;

		if (chunks[id >> CHUNK_BITS] == NULL &&
		    (chunks[id >> CHUNK_BITS] =
			     calloc(CHUNK, sizeof(**chunks))) == NULL)
			return ENOMEM;
		ft = calloc(1, size);
		if (ft == NULL)
			return ENOMEM;
		types = (wx_valtype_t *)(ft + 1);
		types8 = (uint8_t *)(types + nt);
		muts = types8 + nt;
		for (k = 0; k < nt; k++) {
			types[k] = resolve(d->types[k], base);
			simple &= wx_vt_simple(types[k]);
			types8[k] = (uint8_t)types[k];
		}
		for (k = 0; k < d->nparams && d->kind != WX_DEF_FUNC; k++)
			muts[k] = d->muts[k];
		ft->nparams = d->nparams;
		ft->nresults = d->nresults;
		ft->types = types;
		ft->types8 = simple ? types8 : NULL;
		ft->muts = muts;
		ft->id = id;
		ft->kind = d->kind;
		ft->final = d->final;
		chunks[id >> CHUNK_BITS][id & (CHUNK - 1)] = ft;
	}
	/* Supertypes last: one may be a later member of the group only in
	 * an invalid module, which must still intern without harm. */
	for (i = 0; i < n; i++) {
		struct wx_functype *ft =
			(struct wx_functype *)wx_type_by_id(base + i);
		wx_valtype_t s = defs[i].super;

		if (s == 0)
			continue;
		s = resolve(s, base);
		ft->super = wx_type_by_id(wx_vt_id(s));
	}
	for (i = 0; i < n; i++) {
		struct wx_functype *ft =
			(struct wx_functype *)wx_type_by_id(base + i);
		const struct wx_functype *s;
		uint32_t depth = 0;
		/* A cycle (a later supertype in an invalid group) stops at
		 * the group's size. */
		for (s = ft->super; s != NULL && depth <= n + 64;
		     s = s->super)
			depth++;
		ft->depth = depth;
	}
	return 0;
}

int wx_recgroup_intern(const struct wx_rectype *defs, uint32_t n,
		       const struct wx_functype **out)
{
	uint32_t nkey, i, *key = make_key(defs, n, &nkey);
	struct group_node *node;
	uint64_t h;
	int ret = 0;

	if (key == NULL)
		return ENOMEM;
	h = hash_key(key, nkey);
	pthread_once(&once, init_once);
	pthread_mutex_lock(&lock.mu);
	grow_buckets();
	if (buckets == NULL) {
		ret = ENOMEM;
		goto out;
	}
	for (node = buckets[h & (nbuckets - 1)]; node != NULL;
	     node = node->next)
		if (node->hash == h && node->n == n && node->nkey == nkey &&
		    memcmp(node->key, key, nkey * sizeof(uint32_t)) == 0)
			goto found;
	if ((uint64_t)nids + n > WX_MAX_TYPE_ID) {
		ret = EFBIG;
		goto out;
	}
	node = malloc(sizeof(*node) + (size_t)nkey * sizeof(uint32_t));
	if (node == NULL) {
		ret = ENOMEM;
		goto out;
	}
	if ((ret = make_types(defs, n, nids)) != 0) {
		free(node); /* the ids stay unused; made types leak */
		goto out;
	}
	node->hash = h;
	node->base = nids;
	node->n = n;
	node->nkey = nkey;
	memcpy(node->key, key, nkey * sizeof(uint32_t));
	node->next = buckets[h & (nbuckets - 1)];
	buckets[h & (nbuckets - 1)] = node;
	ngroups++;
	nids += n;
found:
	for (i = 0; i < n; i++)
		out[i] = wx_type_by_id(node->base + i);
out:
	pthread_mutex_unlock(&lock.mu);
	free(key);
	return ret;
}

const struct wx_functype *wx_functype_intern(uint32_t nparams,
					     uint32_t nresults,
					     const wx_valtype_t *types)
{
	struct wx_rectype d;
	const struct wx_functype *ft = NULL;

	memset(&d, 0, sizeof(d));
	d.kind = WX_DEF_FUNC;
	d.final = true;
	d.nparams = nparams;
	d.nresults = nresults;
	d.types = types;
	if (wx_recgroup_intern(&d, 1, &ft) != 0)
		return NULL;
	return ft;
}

/* ---- subtyping ---- */

bool wx_deftype_sub(const struct wx_functype *a, const struct wx_functype *b)
{
	while (a != NULL && a->depth >= b->depth) {
		if (a == b)
			return true;
		a = a->super;
	}
	return false;
}

wx_valtype_t wx_heap_bottom(wx_valtype_t t)
{
	t = wx_vt_heap(t);
	if (wx_vt_concrete(t))
		return wx_type_by_id(wx_vt_id(t))->kind == WX_DEF_FUNC
			       ? WX_HT_NOFUNC
			       : WX_HT_NONE;
	switch (t) {
	case WX_HT_FUNC: case WX_HT_NOFUNC:
		return WX_HT_NOFUNC;
	case WX_HT_EXTERN: case WX_HT_NOEXTERN:
		return WX_HT_NOEXTERN;
	case WX_HT_EXN: case WX_HT_NOEXN:
		return WX_HT_NOEXN;
	}
	return WX_HT_NONE;
}

bool wx_heap_sub(wx_valtype_t a, wx_valtype_t b)
{
	a = wx_vt_heap(a);
	b = wx_vt_heap(b);
	if (a == b)
		return true;
	if (wx_vt_concrete(a)) {
		const struct wx_functype *da = wx_type_by_id(wx_vt_id(a));
		if (wx_vt_concrete(b))
			return wx_deftype_sub(da, wx_type_by_id(wx_vt_id(b)));
		switch (da->kind) {
		case WX_DEF_FUNC:
			return b == WX_HT_FUNC;
		case WX_DEF_STRUCT:
			return b == WX_HT_STRUCT || b == WX_HT_EQ ||
			       b == WX_HT_ANY;
		default:
			return b == WX_HT_ARRAY || b == WX_HT_EQ ||
			       b == WX_HT_ANY;
		}
	}
	if (wx_vt_concrete(b))
		return a == wx_heap_bottom(b);
	switch (a) {
	case WX_HT_NONE:
		return b == WX_HT_ANY || b == WX_HT_EQ || b == WX_HT_I31 ||
		       b == WX_HT_STRUCT || b == WX_HT_ARRAY;
	case WX_HT_I31: case WX_HT_STRUCT: case WX_HT_ARRAY:
		return b == WX_HT_EQ || b == WX_HT_ANY;
	case WX_HT_EQ:
		return b == WX_HT_ANY;
	case WX_HT_NOFUNC:
		return b == WX_HT_FUNC;
	case WX_HT_NOEXTERN:
		return b == WX_HT_EXTERN;
	case WX_HT_NOEXN:
		return b == WX_HT_EXN;
	}
	return false;
}

bool wx_valtype_sub(wx_valtype_t a, wx_valtype_t b)
{
	if (a == b)
		return true;
	if (!wx_is_reftype(a) || !wx_is_reftype(b))
		return false;
	if (wx_vt_nullable(a) && !wx_vt_nullable(b))
		return false;
	return wx_heap_sub(a, b);
}

/* Field types: packed types match only themselves. */
static bool storage_sub(wx_valtype_t a, wx_valtype_t b)
{
	if (a == WX_PACKED_I8 || a == WX_PACKED_I16 || b == WX_PACKED_I8 ||
	    b == WX_PACKED_I16)
		return a == b;
	return wx_valtype_sub(a, b);
}

bool wx_deftype_matches(const struct wx_functype *a,
			const struct wx_functype *b)
{
	uint32_t i;

	if (a->kind != b->kind)
		return false;
	if (a->kind == WX_DEF_FUNC) {
		if (a->nparams != b->nparams || a->nresults != b->nresults)
			return false;
		for (i = 0; i < a->nparams; i++)
			if (!wx_valtype_sub(b->types[i], a->types[i]))
				return false;
		for (i = a->nparams; i < a->nparams + a->nresults; i++)
			if (!wx_valtype_sub(a->types[i], b->types[i]))
				return false;
		return true;
	}
	if (a->nparams < b->nparams ||
	    (a->kind == WX_DEF_ARRAY && a->nparams != b->nparams))
		return false;
	for (i = 0; i < b->nparams; i++) {
		if (a->muts[i] != b->muts[i])
			return false;
		if (a->muts[i] ? a->types[i] != b->types[i]
			       : !storage_sub(a->types[i], b->types[i]))
			return false;
	}
	return true;
}

/* ---- names ---- */

static const char *heap_name(wx_valtype_t h)
{
	switch (h) {
	case WX_HT_FUNC: return "func";
	case WX_HT_EXTERN: return "extern";
	case WX_HT_EXN: return "exn";
	case WX_HT_NOFUNC: return "nofunc";
	case WX_HT_NOEXTERN: return "noextern";
	case WX_HT_NOEXN: return "noexn";
	case WX_HT_ANY: return "any";
	case WX_HT_EQ: return "eq";
	case WX_HT_I31: return "i31";
	case WX_HT_STRUCT: return "struct";
	case WX_HT_ARRAY: return "array";
	case WX_HT_NONE: return "none";
	}
	return NULL;
}

const char *wx_valtype_name(wx_valtype_t t)
{
	static __thread char bufs[4][40];
	static __thread unsigned next;
	char *b;
	const char *h;

	switch (t) {
	case WX_I32: return "i32";
	case WX_I64: return "i64";
	case WX_F32: return "f32";
	case WX_F64: return "f64";
	case WX_V128: return "v128";
	case WX_FUNCREF: return "funcref";
	case WX_EXTERNREF: return "externref";
	case WX_EXNREF: return "exnref";
	}
	if (!wx_is_reftype(t))
		return "<unknown type>";
	b = bufs[next++ % 4];
	h = heap_name(wx_vt_heap(t));
	if (h != NULL)
		snprintf(b, sizeof(bufs[0]), "(ref %s%s)",
			 wx_vt_nullable(t) ? "null " : "", h);
	else
		snprintf(b, sizeof(bufs[0]), "(ref %s%u)",
			 wx_vt_nullable(t) ? "null " : "", wx_vt_id(t));
	return b;
}
