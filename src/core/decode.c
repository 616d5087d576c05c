/*
 * decode.c - the binary decoder's driver and its declaration sections
 * (spec 5.5 "Modules"; module-level validation from spec 3.2 "Types" and
 * 3.4 "Modules").
 *
 * wx_module_decode() copies the input, checks the preamble, then walks the
 * sections: custom sections (id 0) anywhere, the others at most once and
 * in the order type, import, function, table, memory, global, export,
 * start, element, datacount, code, data (spec 5.5.2).  Each section is
 * decoded with a reader bounded by its declared size, and must consume
 * exactly that size.  The element, code and data sections and constant
 * expressions live in decode_segments.c.
 *
 * Invariants:
 *  - the input is never written; every offset stored points into the
 *    module's own copy, m->bytes;
 *  - the index-space arrays (func_typeidx, tables, mems, globals) hold the
 *    imports first and grow as later sections add definitions, so a
 *    section only ever sees the entities declared before it, which is what
 *    the section order guarantees anyway;
 *  - see decode_internal.h for how malformed and invalid are ordered.
 */
#include "decode_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../platform/platform.h"
#include "types.h"

#define WX_MAX_PAGES 65536u
/* From this size on the module's copy of its bytes lives in memory that
 * forks share rather than copy (platform.h): a host fork's cost grows
 * with the pages it must copy page-table entries for, and the bytes are
 * never written after decoding.  Below it, a mapping of its own (one
 * more VMA for every fork to duplicate) costs more than it saves. */
#define WX_SHARED_BYTES_MIN (64u << 10)

/* ---- errors ---- */

static void wx_dec_vformat(char *buf, size_t len, size_t off, const char *fmt,
			   va_list ap)
{
	int n = vsnprintf(buf, len, fmt, ap);

	if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, " (at byte offset 0x%zx)",
			 off);
}

int wx_dec_malformed(struct wx_decoder *d, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	wx_dec_vformat(buf, sizeof(buf), wx_reader_offset(&d->rd), fmt, ap);
	va_end(ap);
	wx_report(d->r, "%s", buf);
	return WX_EMALFORMED;
}

int wx_dec_unsupported(struct wx_decoder *d, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	wx_dec_vformat(buf, sizeof(buf), wx_reader_offset(&d->rd), fmt, ap);
	va_end(ap);
	wx_report(d->r, "not supported: %s", buf);
	return WX_EUNSUPPORTED;
}

/* Running off the end of a section that is not the end of the module is
 * the reference interpreter's "unexpected end of section or function";
 * both start with the same words. */
static const char *wx_dec_end_msg(const struct wx_decoder *d)
{
	if (d->rd.end < d->rd.base + d->module_size)
		return "unexpected end of section or function";
	return "unexpected end";
}

int wx_dec_rdfail(struct wx_decoder *d)
{
	const char *msg = d->rd.err != NULL ? d->rd.err : "unexpected end";

	if (strcmp(msg, "unexpected end") == 0)
		msg = wx_dec_end_msg(d);
	return wx_dec_malformed(d, "%s", msg);
}

int wx_dec_invalid(struct wx_decoder *d, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (d->invalid)
		return 0;
	d->invalid = true;
	va_start(ap, fmt);
	wx_dec_vformat(d->inv_msg, sizeof(d->inv_msg), off, fmt, ap);
	va_end(ap);
	return 0;
}

/* ---- small items ---- */

int wx_dec_count(struct wx_decoder *d, size_t min_item, uint32_t *out)
{
	const uint8_t *at = d->rd.pos;
	uint32_t n;

	if (wx_read_u32(&d->rd, &n) != 0)
		return wx_dec_rdfail(d);
	/* Bounds any allocation sized from n by the input size. */
	if ((uint64_t)n * min_item > (uint64_t)(d->rd.end - d->rd.pos)) {
		d->rd.pos = at;
		return wx_dec_malformed(d, "%s: count %u exceeds the remaining "
					   "bytes", wx_dec_end_msg(d), n);
	}
	*out = n;
	return 0;
}

/* ---- value types (spec 5.3, with function references and GC) ---- */

int wx_read_heaptype(struct wx_reader *rd, const struct wx_module *m,
		     uint32_t rec_end, wx_valtype_t *out, uint32_t *badidx)
{
	const uint8_t *at = rd->pos;
	int64_t v;

	if (rd->pos < rd->end && wx_is_abstract_ht(*rd->pos)) {
		*out = *rd->pos++;
		return 0;
	}
	if (wx_read_s33(rd, &v) != 0)
		return WX_EMALFORMED;
	if (v < 0) {
		rd->pos = at;
		rd->err = "malformed heap type";
		return WX_EMALFORMED;
	}
	if ((uint64_t)v < m->ntypes) {
		*out = wx_vt_of_id(m->types[v]->id, true);
		return 0;
	}
	if ((uint64_t)v < rec_end) { /* in the rec group being decoded */
		*out = WX_VT_RECREL |
		       (((uint32_t)v - m->ntypes) << WX_VT_ID_SHIFT);
		return 0;
	}
	*badidx = (uint32_t)v;
	*out = WX_FUNCREF;
	return WX_EINVALID;
}

int wx_read_valtype(struct wx_reader *rd, const struct wx_module *m,
		    uint32_t rec_end, wx_valtype_t *out, uint32_t *badidx)
{
	uint8_t t;
	int ret;

	if (wx_read_u8(rd, &t) != 0)
		return WX_EMALFORMED;
	switch (t) {
	case WX_I32: case WX_I64: case WX_F32: case WX_F64: case WX_V128:
		*out = t;
		return 0;
	case 0x63: case 0x64:
		ret = wx_read_heaptype(rd, m, rec_end, out, badidx);
		if (ret == 0 && t == 0x64)
			*out |= WX_VT_NONNULL;
		return ret;
	}
	if (wx_is_abstract_ht(t)) { /* the shorthand of (ref null ht) */
		*out = t;
		return 0;
	}
	rd->pos--;
	rd->err = "malformed value type";
	return WX_EMALFORMED;
}

/* The decoder's form: a malformed type stops decoding, an unknown type
 * index is recorded (funcref stands in for it). */
static int wx_dec_vt(struct wx_decoder *d, wx_valtype_t *out, bool heap)
{
	size_t at = wx_reader_offset(&d->rd);
	uint32_t bad = 0;
	int ret = heap ? wx_read_heaptype(&d->rd, d->m, d->rec_end, out, &bad)
		       : wx_read_valtype(&d->rd, d->m, d->rec_end, out, &bad);

	if (ret == WX_EMALFORMED) {
		uint8_t b = d->rd.pos < d->rd.end ? *d->rd.pos : 0;
		if (d->rd.err != NULL &&
		    strncmp(d->rd.err, "malformed", 9) == 0)
			return wx_dec_malformed(d, "%s 0x%02x", d->rd.err, b);
		return wx_dec_rdfail(d);
	}
	if (ret == WX_EINVALID)
		wx_dec_invalid(d, at, "unknown type %u", bad);
	if (!wx_vt_simple(*out))
		d->m->typed_refs = true;
	return 0;
}

int wx_dec_valtype(struct wx_decoder *d, wx_valtype_t *out)
{
	return wx_dec_vt(d, out, false);
}

int wx_dec_heaptype(struct wx_decoder *d, wx_valtype_t *out)
{
	return wx_dec_vt(d, out, true);
}

int wx_dec_reftype(struct wx_decoder *d, wx_valtype_t *out)
{
	const uint8_t *at = d->rd.pos;
	int ret;

	if ((ret = wx_dec_valtype(d, out)) != 0)
		return ret;
	if (!wx_is_reftype(*out)) {
		d->rd.pos = at;
		return wx_dec_malformed(d, "malformed reference type 0x%02x",
					*at);
	}
	return 0;
}

/* UTF-8 as in spec 5.2.4: shortest form only, no surrogates, at most
 * U+10FFFF. */
static bool wx_utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t c, min;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			len = 2, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		if (len > n - i)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* A name (spec 5.2.4): its bytes in the input, checked. */
static int wx_dec_name_bytes(struct wx_decoder *d, const uint8_t **sp,
			     uint32_t *lenp)
{
	const uint8_t *at;
	uint32_t len;

	if (wx_read_u32(&d->rd, &len) != 0)
		return wx_dec_rdfail(d);
	at = d->rd.pos;
	if (len > (size_t)(d->rd.end - d->rd.pos))
		return wx_dec_malformed(d, "length out of bounds");
	if (!wx_utf8_valid(at, len))
		return wx_dec_malformed(d, "malformed UTF-8 encoding");
	d->rd.pos += len;
	*sp = at;
	*lenp = len;
	return 0;
}

static char *wx_dec_strdup(const uint8_t *s, uint32_t len)
{
	char *p = malloc((size_t)len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/* A name copied out as a NUL-terminated string. */
static int wx_dec_name(struct wx_decoder *d, char **out)
{
	const uint8_t *s;
	uint32_t len;
	int ret;

	if ((ret = wx_dec_name_bytes(d, &s, &len)) != 0)
		return ret;
	if ((*out = wx_dec_strdup(s, len)) == NULL)
		return ENOMEM;
	return 0;
}

/* ---- types (spec 5.3) ---- */

/* limits (spec 5.3.7): flag bit 0 a maximum follows, bit 1 shared (the
 * threads proposal; memories only), bit 2 the address type is i64
 * (memory64: then both bounds are u64). */
static int wx_dec_limits(struct wx_decoder *d, bool is_memory,
			 struct wx_limits *l)
{
	uint8_t flags;
	uint32_t v;

	if (wx_read_u8(&d->rd, &flags) != 0)
		return wx_dec_rdfail(d);
	/* The flags are a one-byte LEB128 in the reference interpreter,
	 * whose messages we follow. */
	if (flags & 0x80) {
		d->rd.pos--;
		return wx_dec_malformed(d, "integer representation too long: "
					   "limits flags 0x%02x", flags);
	}
	if (flags > 7 || (!is_memory && (flags & 2))) {
		d->rd.pos--;
		return wx_dec_malformed(d, "integer too large: limits flags "
					   "0x%02x", flags);
	}
	memset(l, 0, sizeof(*l));
	l->has_max = flags & 1;
	l->shared = flags & 2;
	l->is64 = flags & 4;
	if (l->is64) {
		if (wx_read_u64(&d->rd, &l->min) != 0 ||
		    (l->has_max && wx_read_u64(&d->rd, &l->max) != 0))
			return wx_dec_rdfail(d);
		return 0;
	}
	if (wx_read_u32(&d->rd, &v) != 0)
		return wx_dec_rdfail(d);
	l->min = v;
	if (l->has_max) {
		if (wx_read_u32(&d->rd, &v) != 0)
			return wx_dec_rdfail(d);
		l->max = v;
	}
	return 0;
}

static int wx_dec_tabletype(struct wx_decoder *d, struct wx_tabletype *t)
{
	size_t at = wx_reader_offset(&d->rd);
	int ret;

	if ((ret = wx_dec_reftype(d, &t->elemtype)) != 0 ||
	    (ret = wx_dec_limits(d, false, &t->limits)) != 0)
		return ret;
	/* A 32-bit table's bounds are u32 by their encoding; a 64-bit
	 * table's may be any u64. */
	if (t->limits.has_max && t->limits.min > t->limits.max)
		wx_dec_invalid(d, at, "size minimum must not be greater than "
			       "maximum");
	return 0;
}

/* 64 KiB pages a memory may have: 2^16 (4 GiB) with 32-bit addresses,
 * 2^48 (2^64 bytes) with 64-bit ones (spec 3.2.4, memory64). */
#define WX_MAX_PAGES64 (1ull << 48)

static int wx_dec_memtype(struct wx_decoder *d, struct wx_memtype *t)
{
	size_t at = wx_reader_offset(&d->rd);
	struct wx_limits *l = &t->limits;
	uint64_t k;
	int ret;

	if ((ret = wx_dec_limits(d, true, l)) != 0)
		return ret;
	k = l->is64 ? WX_MAX_PAGES64 : WX_MAX_PAGES;
	if (l->min > k || (l->has_max && l->max > k))
		wx_dec_invalid(d, at, l->is64 ? "memory size must be at most "
					       "2^48 pages (256TiB)"
					     : "memory size must be at most "
					       "65536 pages (4GiB)");
	else if (l->has_max && l->min > l->max)
		wx_dec_invalid(d, at, "size minimum must not be greater than "
			       "maximum");
	else if (l->shared && !l->has_max)
		wx_dec_invalid(d, at, "shared memory must have maximum");
	return 0;
}

static int wx_dec_globaltype(struct wx_decoder *d, struct wx_globaltype *t)
{
	uint8_t mut;
	int ret;

	if ((ret = wx_dec_valtype(d, &t->type)) != 0)
		return ret;
	if (wx_read_u8(&d->rd, &mut) != 0)
		return wx_dec_rdfail(d);
	if (mut > 1) {
		d->rd.pos--;
		return wx_dec_malformed(d, "malformed mutability");
	}
	t->mut = mut;
	return 0;
}

/* Room for `want` entries in m->types. */
static int wx_dec_grow_types(struct wx_module *m, uint64_t want)
{
	const struct wx_functype **p;

	p = realloc(m->types, (size_t)(want ? want : 1) * sizeof(*p));
	if (p == NULL)
		return ENOMEM;
	m->types = p;
	return 0;
}

/* A field of a struct or array type: storage type and mutability. */
static int wx_dec_fieldtype(struct wx_decoder *d, wx_valtype_t *t,
			    uint8_t *mut)
{
	int ret;

	if (d->rd.pos < d->rd.end &&
	    (*d->rd.pos == WX_PACKED_I8 || *d->rd.pos == WX_PACKED_I16))
		*t = *d->rd.pos++;
	else if ((ret = wx_dec_valtype(d, t)) != 0)
		return ret;
	if (wx_read_u8(&d->rd, mut) != 0)
		return wx_dec_rdfail(d);
	if (*mut > 1) {
		d->rd.pos--;
		return wx_dec_malformed(d, "malformed mutability");
	}
	return 0;
}

/* The composite type of a defined type (spec 5.3.6, GC): 0x60 function
 * type, 0x5f struct of vec(fieldtype), 0x5e array of one field.  The
 * arrays in rt are the caller's to free, also on failure. */
static int wx_dec_comptype(struct wx_decoder *d, struct wx_rectype *rt)
{
	wx_valtype_t *types;
	uint8_t form, *muts;
	uint32_t np = 1, nr = 0, i;
	int ret;

	if (wx_read_u8(&d->rd, &form) != 0)
		return wx_dec_rdfail(d);
	if (form != WX_DEF_FUNC && form != WX_DEF_STRUCT &&
	    form != WX_DEF_ARRAY) {
		/* The form is a one-byte signed LEB128 (reference
		 * interpreter). */
		d->rd.pos--;
		return wx_dec_malformed(d, "%s 0x%02x", (form & 0x80) ?
					"integer representation too long: "
					"function type form" :
					"malformed function type", form);
	}
	rt->kind = form;
	if (form != WX_DEF_ARRAY && (ret = wx_dec_count(d, 1, &np)) != 0)
		return ret;
	/* The results count follows the params: np + 1 entries at least. */
	types = malloc(((size_t)np + 1) * sizeof(*types));
	muts = malloc((size_t)np + 1);
	rt->types = types;
	rt->muts = muts;
	if (types == NULL || muts == NULL)
		return ENOMEM;
	memset(muts, 0, (size_t)np + 1);
	rt->nparams = np;
	if (form != WX_DEF_FUNC) {
		d->m->typed_refs = true;
		for (i = 0; i < np; i++)
			if ((ret = wx_dec_fieldtype(d, &types[i],
						    &muts[i])) != 0)
				return ret;
		return 0;
	}
	for (i = 0; i < np; i++)
		if ((ret = wx_dec_valtype(d, &types[i])) != 0)
			return ret;
	if ((ret = wx_dec_count(d, 1, &nr)) != 0)
		return ret;
	types = realloc(types, ((size_t)np + nr + 1) * sizeof(*types));
	if (types == NULL)
		return ENOMEM;
	rt->types = types;
	for (i = 0; i < nr; i++)
		if ((ret = wx_dec_valtype(d, &types[np + i])) != 0)
			return ret;
	rt->nresults = nr;
	return 0;
}

/* A subtype (spec 5.3.7, GC): 0x50 vec(typeidx) comptype (open to
 * subtypes), 0x4f vec(typeidx) comptype (final), or a bare comptype
 * (final, no supertype).  At most one supertype, an earlier type. */
static int wx_dec_subtype(struct wx_decoder *d, struct wx_rectype *rt,
			  uint32_t self, size_t *super_at)
{
	uint32_t n, k;
	int ret;

	rt->final = true;
	rt->super = 0;
	if (d->rd.pos < d->rd.end &&
	    (*d->rd.pos == 0x50 || *d->rd.pos == 0x4f)) {
		d->m->typed_refs = true;
		rt->final = *d->rd.pos++ == 0x4f;
		*super_at = wx_reader_offset(&d->rd);
		if ((ret = wx_dec_count(d, 1, &n)) != 0)
			return ret;
		if (n > 1)
			wx_dec_invalid(d, *super_at, "multiple supertypes");
		for (k = 0; k < n; k++) {
			size_t at = wx_reader_offset(&d->rd);
			uint32_t x;
			if (wx_read_u32(&d->rd, &x) != 0)
				return wx_dec_rdfail(d);
			if (k > 0)
				continue;
			if (x >= self) {
				wx_dec_invalid(d, at, "unknown type %u", x);
			} else if (x < d->m->ntypes) {
				rt->super = wx_vt_of_id(d->m->types[x]->id,
							true);
			} else {
				rt->super = WX_VT_RECREL |
					    ((x - d->m->ntypes)
					     << WX_VT_ID_SHIFT);
			}
		}
	}
	return wx_dec_comptype(d, rt);
}

/* Check the declared supertypes of a canonical group (spec 3.2, GC):
 * not final, and matched by the subtype's structure. */
static void wx_dec_check_supers(struct wx_decoder *d,
				const struct wx_functype **ts, uint32_t n,
				uint32_t first, size_t at)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		const struct wx_functype *s = ts[i]->super;
		if (s == NULL)
			continue;
		if (s->final || !wx_deftype_matches(ts[i], s)) {
			wx_dec_invalid(d, at, "type mismatch: sub type %u "
				       "does not match its super type",
				       first + i);
			return;
		}
	}
}

/* A rec group (0x4e vec(subtype)) or one subtype alone in its group. */
static int wx_dec_recgroup(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	struct wx_rectype *defs;
	size_t at = wx_reader_offset(&d->rd), super_at = at;
	uint32_t n = 1, i, nd = 0;
	int ret = 0;

	if (d->rd.pos < d->rd.end && *d->rd.pos == 0x4e) {
		d->rd.pos++;
		m->typed_refs = true;
		if ((ret = wx_dec_count(d, 1, &n)) != 0)
			return ret;
	}
	if ((uint64_t)m->ntypes + n > 1000000)
		return wx_dec_malformed(d, "too many types");
	defs = calloc(n ? n : 1, sizeof(*defs));
	if (defs == NULL ||
	    wx_dec_grow_types(m, (uint64_t)m->ntypes + n) != 0) {
		free(defs);
		return ENOMEM;
	}
	d->rec_end = m->ntypes + n;
	for (i = 0; i < n && ret == 0; i++, nd++)
		ret = wx_dec_subtype(d, &defs[i], m->ntypes + i, &super_at);
	d->rec_end = 0;
	if (ret == 0 && n > 0) {
		ret = wx_recgroup_intern(defs, n, m->types + m->ntypes);
		if (ret == EFBIG) {
			d->rd.pos = d->rd.base + at;
			ret = wx_dec_malformed(d, "too many types in the "
						  "process");
		}
	}
	if (ret == 0) {
		wx_dec_check_supers(d, m->types + m->ntypes, n, m->ntypes,
				    super_at);
		m->ntypes += n;
	}
	for (i = 0; i < nd; i++) {
		free((void *)defs[i].types);
		free((void *)defs[i].muts);
	}
	free(defs);
	return ret;
}

/* ---- sections ---- */

static int wx_dec_type_section(struct wx_decoder *d)
{
	uint32_t n, i;
	int ret;

	if ((ret = wx_dec_count(d, 1, &n)) != 0)
		return ret;
	for (i = 0; i < n; i++)
		if ((ret = wx_dec_recgroup(d)) != 0)
			return ret;
	return 0;
}

/* Whether type index x of m is a function type; records "unknown type"
 * or the mismatch otherwise. */
static bool wx_dec_functype_idx(struct wx_decoder *d, size_t at, uint32_t x)
{
	if (x >= d->m->ntypes) {
		wx_dec_invalid(d, at, "unknown type %u", x);
		return false;
	}
	if (d->m->types[x]->kind != WX_DEF_FUNC) {
		wx_dec_invalid(d, at, "type mismatch: type %u is not a "
			       "function type", x);
		return false;
	}
	return true;
}

/* A tag type (exception handling): attribute 0 (exception) and the
 * index of a function type without results. */
static int wx_dec_tagtype(struct wx_decoder *d, uint32_t *typeidx)
{
	const struct wx_module *m = d->m;
	uint8_t attr;
	size_t at;

	if (wx_read_u8(&d->rd, &attr) != 0)
		return wx_dec_rdfail(d);
	if (attr != 0) {
		d->rd.pos--;
		return wx_dec_malformed(d, "malformed tag attribute 0x%02x",
					attr);
	}
	at = wx_reader_offset(&d->rd);
	if (wx_read_u32(&d->rd, typeidx) != 0)
		return wx_dec_rdfail(d);
	if (!wx_dec_functype_idx(d, at, *typeidx)) {
		*typeidx = 0;
		return 0;
	}
	if (m->types[*typeidx]->nresults != 0)
		wx_dec_invalid(d, at, "non-empty tag result type");
	return 0;
}

static int wx_dec_import(struct wx_decoder *d, struct wx_import *im)
{
	struct wx_module *m = d->m;
	size_t at;
	int ret;

	if ((ret = wx_dec_name(d, &im->module_name)) != 0 ||
	    (ret = wx_dec_name(d, &im->name)) != 0)
		return ret;
	if (wx_read_u8(&d->rd, &im->kind) != 0)
		return wx_dec_rdfail(d);
	at = wx_reader_offset(&d->rd);
	switch (im->kind) {
	case WX_EXTERN_FUNC:
		if (wx_read_u32(&d->rd, &im->u.typeidx) != 0)
			return wx_dec_rdfail(d);
		if (!wx_dec_functype_idx(d, at, im->u.typeidx))
			im->u.typeidx = 0;
		m->nfuncs++;
		return 0;
	case WX_EXTERN_TABLE:
		m->ntables++;
		return wx_dec_tabletype(d, &im->u.table);
	case WX_EXTERN_MEMORY:
		m->nmems++;
		return wx_dec_memtype(d, &im->u.mem);
	case WX_EXTERN_GLOBAL:
		m->nglobals++;
		return wx_dec_globaltype(d, &im->u.global);
	case WX_EXTERN_TAG:
		m->ntags++;
		return wx_dec_tagtype(d, &im->u.typeidx);
	}
	d->rd.pos--;
	return wx_dec_malformed(d, "malformed import kind 0x%02x", im->kind);
}

/* Lay the imports out as the first entries of each index space. */
static int wx_dec_import_spaces(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t i, f = 0, t = 0, me = 0, g = 0, tg = 0;

	m->func_typeidx = calloc(m->nfuncs ? m->nfuncs : 1, sizeof(uint32_t));
	m->tables = calloc(m->ntables ? m->ntables : 1, sizeof(*m->tables));
	m->mems = calloc(m->nmems ? m->nmems : 1, sizeof(*m->mems));
	m->globals = calloc(m->nglobals ? m->nglobals : 1,
			    sizeof(*m->globals));
	m->tag_typeidx = calloc(m->ntags ? m->ntags : 1, sizeof(uint32_t));
	if (!m->func_typeidx || !m->tables || !m->mems || !m->globals ||
	    !m->tag_typeidx)
		return ENOMEM;
	for (i = 0; i < m->nimports; i++) {
		const struct wx_import *im = &m->imports[i];

		switch (im->kind) {
		case WX_EXTERN_FUNC:
			m->func_typeidx[f++] = im->u.typeidx;
			break;
		case WX_EXTERN_TABLE:
			m->tables[t++] = im->u.table;
			break;
		case WX_EXTERN_MEMORY:
			m->mems[me++] = im->u.mem;
			break;
		case WX_EXTERN_TAG:
			m->tag_typeidx[tg++] = im->u.typeidx;
			break;
		default:
			m->globals[g++].type = im->u.global;
			break;
		}
	}
	m->nfuncs_imported = m->nfuncs;
	m->ntables_imported = m->ntables;
	m->nmems_imported = m->nmems;
	m->nglobals_imported = m->nglobals;
	m->ntags_imported = m->ntags;
	return 0;
}

static int wx_dec_import_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t n, i;
	int ret;

	/* Two names and a kind: at least 3 bytes each. */
	if ((ret = wx_dec_count(d, 3, &n)) != 0)
		return ret;
	m->imports = calloc(n ? n : 1, sizeof(*m->imports));
	if (m->imports == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		m->nimports = i + 1;
		if ((ret = wx_dec_import(d, &m->imports[i])) != 0)
			return ret;
	}
	return 0;
}

/* Grow an index-space array from `have` to `want` entries, zeroing the
 * new ones. */
static int wx_dec_grow(void **arr, size_t elsize, uint32_t have,
		       uint64_t want)
{
	void *p;

	if (want > UINT32_MAX)
		return ENOMEM;
	p = realloc(*arr, (size_t)(want ? want : 1) * elsize);
	if (p == NULL)
		return ENOMEM;
	memset((char *)p + (size_t)have * elsize, 0,
	       (size_t)(want - have) * elsize);
	*arr = p;
	return 0;
}

static int wx_dec_function_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t n, i, x;
	size_t at;
	int ret;

	if ((ret = wx_dec_count(d, 1, &n)) != 0)
		return ret;
	if ((ret = wx_dec_grow((void **)&m->func_typeidx, sizeof(uint32_t),
			       m->nfuncs, (uint64_t)m->nfuncs + n)) != 0)
		return ret;
	m->funcdefs = calloc(n ? n : 1, sizeof(*m->funcdefs));
	if (m->funcdefs == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		at = wx_reader_offset(&d->rd);
		if (wx_read_u32(&d->rd, &x) != 0)
			return wx_dec_rdfail(d);
		if (!wx_dec_functype_idx(d, at, x))
			x = 0;
		m->funcdefs[i].typeidx = x;
		m->func_typeidx[m->nfuncs++] = x;
	}
	d->nfuncs_defined = n;
	return 0;
}

/* The table section: vec(table), a table being a tabletype, or (function
 * references) 0x40 0x00 tabletype expr: the value its elements start
 * with.  A table of a non-nullable type must have one. */
static int wx_dec_table_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	struct wx_tabletype *tt;
	uint32_t n, i;
	size_t at;
	int ret;

	if ((ret = wx_dec_count(d, 2, &n)) != 0)
		return ret;
	if ((ret = wx_dec_grow((void **)&m->tables, sizeof(*m->tables),
			       m->ntables, (uint64_t)m->ntables + n)) != 0 ||
	    (ret = wx_dec_grow((void **)&m->table_inits,
			       sizeof(*m->table_inits), 0,
			       (uint64_t)m->ntables + n)) != 0)
		return ret;
	for (i = 0; i < n; i++) {
		bool init = false;
		at = wx_reader_offset(&d->rd);
		if (d->rd.pos < d->rd.end && d->rd.pos[0] == 0x40) {
			d->rd.pos++;
			if (wx_read_u8(&d->rd, &(uint8_t){0}) != 0)
				return wx_dec_rdfail(d);
			if (d->rd.pos[-1] != 0x00) {
				d->rd.pos--;
				return wx_dec_malformed(d, "malformed table");
			}
			init = true;
			m->typed_refs = true;
		}
		tt = &m->tables[m->ntables];
		if ((ret = wx_dec_tabletype(d, tt)) != 0)
			return ret;
		if (init && (ret = wx_dec_constexpr(
				     d, tt->elemtype,
				     &m->table_inits[m->ntables])) != 0)
			return ret;
		if (!init && !wx_vt_defaultable(tt->elemtype))
			wx_dec_invalid(d, at, "type mismatch: a table of %s "
				       "needs an initialiser",
				       wx_valtype_name(tt->elemtype));
		m->ntables++;
	}
	return 0;
}

static int wx_dec_memory_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t n, i;
	int ret;

	if ((ret = wx_dec_count(d, 2, &n)) != 0)
		return ret;
	if ((ret = wx_dec_grow((void **)&m->mems, sizeof(*m->mems), m->nmems,
			       (uint64_t)m->nmems + n)) != 0)
		return ret;
	for (i = 0; i < n; i++)
		if ((ret = wx_dec_memtype(d, &m->mems[m->nmems++])) != 0)
			return ret;
	return 0;
}

/* Tag section (id 13, exception handling): vec(tagtype). */
static int wx_dec_tag_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t n, i;
	int ret;

	if ((ret = wx_dec_count(d, 2, &n)) != 0)
		return ret;
	if ((ret = wx_dec_grow((void **)&m->tag_typeidx, sizeof(uint32_t),
			       m->ntags, (uint64_t)m->ntags + n)) != 0)
		return ret;
	for (i = 0; i < n; i++) {
		if ((ret = wx_dec_tagtype(d, &m->tag_typeidx[m->ntags])) != 0)
			return ret;
		m->ntags++;
	}
	return 0;
}

static int wx_dec_global_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	struct wx_global *g;
	uint32_t n, i;
	int ret;

	if ((ret = wx_dec_count(d, 3, &n)) != 0)
		return ret;
	if ((ret = wx_dec_grow((void **)&m->globals, sizeof(*m->globals),
			       m->nglobals, (uint64_t)m->nglobals + n)) != 0)
		return ret;
	for (i = 0; i < n; i++) {
		g = &m->globals[m->nglobals];
		if ((ret = wx_dec_globaltype(d, &g->type)) != 0 ||
		    (ret = wx_dec_constexpr(d, g->type.type, &g->init)) != 0)
			return ret;
		/* Counted only now: its own initialiser cannot name it. */
		m->nglobals++;
	}
	return 0;
}

/* An export name as bytes: names may contain NUL, so the C strings in
 * struct wx_export cannot be compared. */
struct wx_name_ref {
	const uint8_t *s;
	uint32_t len;
};

static int wx_name_cmp(const void *a, const void *b)
{
	const struct wx_name_ref *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Export names must be distinct (spec 3.4.10): sort, compare
 * neighbours. */
static void wx_dec_export_dups(struct wx_decoder *d, struct wx_name_ref *v,
			       uint32_t n, size_t at)
{
	uint32_t i;

	qsort(v, n, sizeof(*v), wx_name_cmp);
	for (i = 1; i < n; i++) {
		if (wx_name_cmp(&v[i - 1], &v[i]) == 0) {
			wx_dec_invalid(d, at, "duplicate export name \"%.*s\"",
				       (int)(v[i].len > 64 ? 64 : v[i].len),
				       (const char *)v[i].s);
			return;
		}
	}
}

static int wx_dec_export(struct wx_decoder *d, struct wx_export *e,
			 struct wx_name_ref *nr)
{
	static const char *const what[] = {"function", "table", "memory",
					   "global", "tag"};
	struct wx_module *m = d->m;
	uint32_t limit = 0;
	size_t at;
	int ret;

	if ((ret = wx_dec_name_bytes(d, &nr->s, &nr->len)) != 0)
		return ret;
	if ((e->name = wx_dec_strdup(nr->s, nr->len)) == NULL)
		return ENOMEM;
	if (wx_read_u8(&d->rd, &e->kind) != 0)
		return wx_dec_rdfail(d);
	if (e->kind > WX_EXTERN_TAG) {
		d->rd.pos--;
		return wx_dec_malformed(d, "malformed export kind 0x%02x",
					e->kind);
	}
	at = wx_reader_offset(&d->rd);
	if (wx_read_u32(&d->rd, &e->index) != 0)
		return wx_dec_rdfail(d);
	switch (e->kind) {
	case WX_EXTERN_FUNC: limit = m->nfuncs; break;
	case WX_EXTERN_TABLE: limit = m->ntables; break;
	case WX_EXTERN_MEMORY: limit = m->nmems; break;
	case WX_EXTERN_GLOBAL: limit = m->nglobals; break;
	case WX_EXTERN_TAG: limit = m->ntags; break;
	}
	if (e->index >= limit) {
		wx_dec_invalid(d, at, "unknown %s %u", what[e->kind],
			       e->index);
		e->index = 0;
		return 0;
	}
	if (e->kind == WX_EXTERN_FUNC)
		m->func_declared[e->index] = 1;
	return 0;
}

static int wx_dec_export_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	size_t at = wx_reader_offset(&d->rd);
	struct wx_name_ref *names;
	uint32_t n, i;
	int ret;

	if ((ret = wx_dec_count(d, 3, &n)) != 0)
		return ret;
	m->exports = calloc(n ? n : 1, sizeof(*m->exports));
	names = calloc(n ? n : 1, sizeof(*names));
	if (m->exports == NULL || names == NULL) {
		free(names);
		return ENOMEM;
	}
	for (i = 0; i < n; i++) {
		m->nexports = i + 1;
		if ((ret = wx_dec_export(d, &m->exports[i], &names[i])) != 0)
			break;
	}
	if (ret == 0)
		wx_dec_export_dups(d, names, n, at);
	free(names);
	return ret;
}

static int wx_dec_start_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	const struct wx_functype *ft;
	size_t at = wx_reader_offset(&d->rd);
	uint32_t x;

	if (wx_read_u32(&d->rd, &x) != 0)
		return wx_dec_rdfail(d);
	if (x >= m->nfuncs)
		return wx_dec_invalid(d, at, "unknown function %u", x);
	/* An unknown type index was replaced by 0 and already reported;
	 * there may be no type 0 at all. */
	if (m->func_typeidx[x] >= m->ntypes)
		return 0;
	ft = wx_module_functype(m, x);
	if (ft->nparams != 0 || ft->nresults != 0)
		return wx_dec_invalid(d, at, "start function must have type "
				      "[] -> []");
	m->has_start = true;
	m->start = x;
	return 0;
}

static int wx_dec_datacount_section(struct wx_decoder *d)
{
	if (wx_read_u32(&d->rd, &d->m->datacount) != 0)
		return wx_dec_rdfail(d);
	d->m->has_datacount = true;
	return 0;
}

/* ---- the "name" custom section (appendix 7.4) ---- */

/* Function names subsection: vec((funcidx, name)).  Returns false if it
 * is malformed; the caller then drops all names. */
static bool wx_dec_funcnames(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	uint32_t n, i, idx;
	char *name;

	if (wx_read_u32(&d->rd, &n) != 0)
		return false;
	for (i = 0; i < n; i++) {
		if (wx_read_u32(&d->rd, &idx) != 0 ||
		    wx_dec_name(d, &name) != 0)
			return false;
		if (idx >= m->nfuncs) {
			free(name);
			continue;
		}
		free(m->func_names[idx]);
		m->func_names[idx] = name;
	}
	return true;
}

static void wx_dec_free_names(struct wx_module *m)
{
	uint32_t i;

	if (m->func_names == NULL)
		return;
	for (i = 0; i < m->nfuncs; i++)
		free(m->func_names[i]);
	free(m->func_names);
	m->func_names = NULL;
}

/* Parse the recorded name section.  It is for messages only, so anything
 * wrong with it (or no memory) just leaves the functions unnamed; the
 * report is restored so its failures do not leak into it. */
static void wx_dec_name_section(struct wx_decoder *d)
{
	struct wx_module *m = d->m;
	struct wx_report scratch = {0};
	struct wx_report *saved = d->r;
	const uint8_t *sub;
	uint8_t id;
	uint32_t size;
	bool ok = true;

	if (d->name_sec == NULL || m->nfuncs == 0)
		return;
	m->func_names = calloc(m->nfuncs, sizeof(char *));
	if (m->func_names == NULL)
		return;
	d->r = &scratch;
	d->rd.pos = d->name_sec;
	d->rd.end = d->name_sec + d->name_len;
	while (ok && !wx_reader_eof(&d->rd)) {
		if (wx_read_u8(&d->rd, &id) != 0 ||
		    wx_read_u32(&d->rd, &size) != 0 ||
		    wx_read_bytes(&d->rd, size, &sub) != 0) {
			ok = false;
			break;
		}
		if (id != 1)
			continue;
		{
			const uint8_t *end = d->rd.end;

			d->rd.pos = sub;
			d->rd.end = sub + size;
			ok = wx_dec_funcnames(d) && wx_reader_eof(&d->rd);
			d->rd.end = end;
		}
	}
	d->r = saved;
	if (!ok)
		wx_dec_free_names(m);
}

static int wx_dec_custom_section(struct wx_decoder *d)
{
	const uint8_t *name;
	uint32_t len;
	int ret;

	if ((ret = wx_dec_name_bytes(d, &name, &len)) != 0)
		return ret;
	if (len == 4 && memcmp(name, "name", 4) == 0 && d->name_sec == NULL) {
		d->name_sec = d->rd.pos;
		d->name_len = (size_t)(d->rd.end - d->rd.pos);
	}
	d->rd.pos = d->rd.end;
	return 0;
}

/* ---- driver ---- */

/* Position of each section id in the required order (spec 5.5.2):
 * datacount (12) sits between element (9) and code (10), tag (13)
 * between memory (5) and global (6). */
static const uint8_t wx_section_rank[14] = {
	[1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [13] = 6, [6] = 7,
	[7] = 8, [8] = 9, [9] = 10, [12] = 11, [10] = 12, [11] = 13,
};

static int wx_dec_section_body(struct wx_decoder *d, uint8_t id)
{
	switch (id) {
	case 0: return wx_dec_custom_section(d);
	case 1: return wx_dec_type_section(d);
	case 2: return wx_dec_import_section(d);
	case 3: return wx_dec_function_section(d);
	case 4: return wx_dec_table_section(d);
	case 5: return wx_dec_memory_section(d);
	case 6: return wx_dec_global_section(d);
	case 7: return wx_dec_export_section(d);
	case 8: return wx_dec_start_section(d);
	case 9: return wx_dec_elem_section(d);
	case 10: return wx_dec_code_section(d);
	case 11: return wx_dec_data_section(d);
	case 13: return wx_dec_tag_section(d);
	default: return wx_dec_datacount_section(d);
	}
}

/* The index-space arrays start out as the imports and must exist even
 * without an import section: they are laid out before the first section
 * past the imports (or at the end, if there is none). */
static int wx_dec_prepare(struct wx_decoder *d, unsigned rank,
			  bool *spaces_done)
{
	if (*spaces_done || rank < 3)
		return 0;
	*spaces_done = true;
	return wx_dec_import_spaces(d);
}

static int wx_dec_sections(struct wx_decoder *d)
{
	const uint8_t *mod_end = d->rd.end;
	unsigned last = 0, rank;
	bool spaces_done = false;
	uint8_t id;
	uint32_t size;
	int ret;

	while (!wx_reader_eof(&d->rd)) {
		if (wx_read_u8(&d->rd, &id) != 0)
			return wx_dec_rdfail(d);
		if (id > 13) {
			d->rd.pos--;
			return wx_dec_malformed(d, "malformed section id %u",
						id);
		}
		rank = wx_section_rank[id];
		if (id != 0 && rank <= last) {
			d->rd.pos--;
			return wx_dec_malformed(d, "unexpected content after "
						   "last section (section %u "
						   "out of order)", id);
		}
		if (wx_read_u32(&d->rd, &size) != 0)
			return wx_dec_rdfail(d);
		if (size > (size_t)(mod_end - d->rd.pos))
			return wx_dec_malformed(d, "length out of bounds: "
						   "section size %u", size);
		if (id != 0) {
			last = rank;
			if ((ret = wx_dec_prepare(d, rank, &spaces_done)) != 0)
				return ret;
		}
		/* From the tables on (their initialisers), ref.func and
		 * exports mark functions as declared; nfuncs is final by
		 * then. */
		if (id != 0 && rank >= 4 && d->m->func_declared == NULL) {
			d->m->func_declared = calloc(d->m->nfuncs + 1, 1);
			if (d->m->func_declared == NULL)
				return ENOMEM;
		}
		d->rd.end = d->rd.pos + size;
		if ((ret = wx_dec_section_body(d, id)) != 0)
			return ret;
		if (d->rd.pos != d->rd.end)
			return wx_dec_malformed(d, "section size mismatch");
		d->rd.end = mod_end;
	}
	return wx_dec_prepare(d, 3, &spaces_done);
}

/* Checks that span sections (spec 5.5.16, 3.4.10). */
static int wx_dec_finish(struct wx_decoder *d)
{
	struct wx_module *m = d->m;

	if (!d->have_code && d->nfuncs_defined != 0)
		return wx_dec_malformed(d, "function and code section have "
					   "inconsistent lengths");
	if (!d->have_data && m->has_datacount && m->datacount != 0)
		return wx_dec_malformed(d, "data count and data section have "
					   "inconsistent lengths");
	if (m->func_declared == NULL) {
		m->func_declared = calloc(m->nfuncs + 1, 1);
		if (m->func_declared == NULL)
			return ENOMEM;
	}
	return 0;
}

static int wx_dec_preamble(struct wx_decoder *d)
{
	static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6d};
	static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
	const uint8_t *p;

	if (wx_read_bytes(&d->rd, 4, &p) != 0)
		return wx_dec_rdfail(d);
	if (memcmp(p, magic, 4) != 0) {
		d->rd.pos = p;
		return wx_dec_malformed(d, "magic header not detected");
	}
	if (wx_read_bytes(&d->rd, 4, &p) != 0)
		return wx_dec_rdfail(d);
	if (memcmp(p, version, 4) != 0) {
		d->rd.pos = p;
		return wx_dec_malformed(d, "unknown binary version");
	}
	return 0;
}

/* Decode m->bytes (m->size of them) into m; destroys m on failure. */
static int decode_bytes(struct wx_module *m, struct wx_module **mp,
			struct wx_report *r)
{
	struct wx_decoder d;
	int ret;

	memset(&d, 0, sizeof(d));
	d.m = m;
	d.r = r;
	d.module_size = m->size;
	d.rd.base = m->bytes;
	d.rd.pos = m->bytes;
	d.rd.end = m->bytes + m->size;

	if ((ret = wx_dec_preamble(&d)) == 0 &&
	    (ret = wx_dec_sections(&d)) == 0)
		ret = wx_dec_finish(&d);
	if (ret == 0 && d.invalid) {
		wx_report(r, "%s", d.inv_msg);
		ret = WX_EINVALID;
	}
	if (ret == ENOMEM)
		wx_report(r, "out of memory while decoding the module");
	if (ret != 0) {
		wx_module_destroy(m);
		return ret;
	}
	wx_dec_name_section(&d);
	*mp = m;
	return 0;
}

int wx_module_decode(const uint8_t *data, size_t size, struct wx_module **mp,
		     struct wx_report *r)
{
	struct wx_module *m;

	*mp = NULL;
	/* Offsets into the module are 32-bit. */
	if (size > UINT32_MAX) {
		wx_report(r, "module too large (%zu bytes)", size);
		return WX_EMALFORMED;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return ENOMEM;
	if (size >= WX_SHARED_BYTES_MIN) {
		m->bytes = wx_os_shared_copy(data, size);
		m->bytes_shared = true;
	} else {
		uint8_t *copy = malloc(size ? size : 1);
		if (copy != NULL && size != 0)
			memcpy(copy, data, size);
		m->bytes = copy;
	}
	if (m->bytes == NULL) {
		free(m);
		return ENOMEM;
	}
	m->size = size;
	return decode_bytes(m, mp, r);
}

int wx_module_decode_shared(const uint8_t *bytes, size_t size,
			    struct wx_module **mp, struct wx_report *r)
{
	struct wx_module *m;

	*mp = NULL;
	m = size > UINT32_MAX ? NULL : calloc(1, sizeof(*m));
	if (m == NULL) {
		wx_os_shared_free((void *)bytes, size);
		if (size <= UINT32_MAX)
			return ENOMEM;
		wx_report(r, "module too large (%zu bytes)", size);
		return WX_EMALFORMED;
	}
	m->bytes = bytes;
	m->bytes_shared = true;
	m->size = size;
	return decode_bytes(m, mp, r);
}
