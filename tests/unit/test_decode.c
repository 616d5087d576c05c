/*
 * test_decode.c - unit tests of the binary decoder (core/decode*.c) and
 * core/module.c, on small hand-written modules.
 *
 * Modules are assembled from sections with a tiny builder (sec()), so
 * each test states only the bytes it is about.  Every failure test checks
 * the status (malformed vs invalid) and that the message starts with the
 * spec's wording.  Whole-module sweeps (every truncation, every single
 * byte changed) check that the decoder never reads outside its input
 * (ASan) and fails cleanly.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/module.h"

struct mod {
	uint8_t b[1024];
	size_t n;
};

static void put(struct mod *m, const void *p, size_t n)
{
	if (m->n + n > sizeof(m->b))
		abort();
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

/* The preamble: magic and version 1. */
static void start(struct mod *m)
{
	m->n = 0;
	put(m, "\0asm\1\0\0\0", 8);
}

/* A section: id, LEB128 size, content. */
static void sec(struct mod *m, uint8_t id, const void *p, size_t n)
{
	uint8_t hdr[6];
	size_t k = 0, v = n;

	hdr[k++] = id;
	do {
		hdr[k++] = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
		v >>= 7;
	} while (v != 0);
	put(m, hdr, k);
	put(m, p, n);
}

#define SEC(m, id, lit) sec(m, id, lit, sizeof(lit) - 1)

/* Decode; keep the status and message; destroy any module unless the
 * caller wants it. */
struct res {
	int rc;
	char msg[480];
	struct wx_module *m;
};

static struct res dec(const struct mod *in, bool keep)
{
	struct wx_report r = {0};
	struct res res = {0};
	uint8_t *copy = malloc(in->n ? in->n : 1);

	/* An exactly sized heap copy: ASan sees any overread. */
	memcpy(copy, in->b, in->n);
	res.rc = wx_module_decode(copy, in->n, &res.m, &r);
	snprintf(res.msg, sizeof(res.msg), "%s", r.set ? r.msg : "");
	/* The decoder copies its input and never writes it. */
	CHECK(memcmp(copy, in->b, in->n) == 0);
	CHECK((res.rc == 0) == (res.m != NULL));
	CHECK(res.rc == 0 || r.set);
	free(copy);
	if (!keep && res.m != NULL) {
		wx_module_destroy(res.m);
		res.m = NULL;
	}
	return res;
}

static bool fails(const struct mod *in, int rc, const char *prefix)
{
	struct res r = dec(in, false);

	if (r.rc != rc || strncmp(r.msg, prefix, strlen(prefix)) != 0) {
		printf("  got %d \"%s\", want %d \"%s...\"\n", r.rc, r.msg,
		       rc, prefix);
		return false;
	}
	/* Every message names the place. */
	return strstr(r.msg, "(at byte offset 0x") != NULL;
}

static bool decodes(const struct mod *in)
{
	struct res r = dec(in, false);

	if (r.rc != 0)
		printf("  unexpected failure %d \"%s\"\n", r.rc, r.msg);
	return r.rc == 0;
}

/* type 0: [] -> [], function 0 of type 0 with body "end". */
static void one_func(struct mod *m)
{
	SEC(m, 1, "\x01\x60\x00\x00");
	SEC(m, 3, "\x01\x00");
}

static void one_body(struct mod *m)
{
	SEC(m, 10, "\x01\x02\x00\x0b");
}

WX_TEST(decode_minimal)
{
	struct mod in;
	struct res r;

	start(&in);
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL)
		return;
	CHECK(r.m->nfuncs == 0 && r.m->ntypes == 0 && r.m->nexports == 0);
	CHECK(r.m->func_declared != NULL);
	CHECK(!r.m->has_start && !r.m->has_datacount);
	CHECK(r.m->size == 8 && r.m->bytes != NULL);
	wx_module_destroy(r.m);
}

WX_TEST(decode_preamble)
{
	struct mod in = {{0}, 0};

	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	put(&in, "\0as", 3);
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	in.n = 0;
	put(&in, "\0asm\1\0\0", 7);
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	in.n = 0;
	put(&in, "\0ASM\1\0\0\0", 8);
	CHECK(fails(&in, WX_EMALFORMED, "magic header not detected"));
	in.n = 0;
	put(&in, "\0asm\2\0\0\0", 8);
	CHECK(fails(&in, WX_EMALFORMED, "unknown binary version"));
	in.n = 0;
	put(&in, "\0asm\0\0\0\1", 8);
	CHECK(fails(&in, WX_EMALFORMED, "unknown binary version"));
}

WX_TEST(decode_section_bounds)
{
	struct mod in;

	/* the declared size runs past the end of the module */
	start(&in);
	put(&in, "\x01\x07\x01\x60\x00\x00", 6);
	CHECK(fails(&in, WX_EMALFORMED, "length out of bounds"));
	/* a section bigger than its content */
	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00\x00");
	CHECK(fails(&in, WX_EMALFORMED, "section size mismatch"));
	/* content bigger than the section */
	start(&in);
	SEC(&in, 1, "\x01\x60\x01");
	put(&in, "\x7f\x00", 2);
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	/* a count the section cannot hold */
	start(&in);
	SEC(&in, 1, "\x02\x60\x00\x00");
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	/* an overlong section size */
	start(&in);
	put(&in, "\x01\x80\x80\x80\x80\x80\x00", 7);
	CHECK(fails(&in, WX_EMALFORMED, "integer representation too long"));
}

WX_TEST(decode_section_order)
{
	struct mod in;

	start(&in);
	SEC(&in, 3, "\x00");
	SEC(&in, 1, "\x00");
	CHECK(fails(&in, WX_EMALFORMED,
		    "unexpected content after last section"));
	/* the same section twice */
	start(&in);
	SEC(&in, 1, "\x00");
	SEC(&in, 1, "\x00");
	CHECK(fails(&in, WX_EMALFORMED,
		    "unexpected content after last section"));
	/* data count goes before code, not after */
	start(&in);
	one_func(&in);
	one_body(&in);
	SEC(&in, 12, "\x00");
	CHECK(fails(&in, WX_EMALFORMED,
		    "unexpected content after last section"));
	start(&in);
	SEC(&in, 14, "\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed section id"));
	/* the tag section (13) sits between memory (5) and global (6) */
	start(&in);
	SEC(&in, 6, "\x00");
	SEC(&in, 13, "\x00");
	CHECK(fails(&in, WX_EMALFORMED,
		    "unexpected content after last section"));
	/* custom sections go anywhere, also repeatedly */
	start(&in);
	SEC(&in, 0, "\x01x");
	one_func(&in);
	SEC(&in, 0, "\x01y12");
	SEC(&in, 12, "\x00");
	one_body(&in);
	SEC(&in, 0, "\x00");
	CHECK(decodes(&in));
}

WX_TEST(decode_custom_section)
{
	struct mod in;

	/* empty payload: not even a name */
	start(&in);
	put(&in, "\x00\x00", 2);
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	/* the name runs past the section */
	start(&in);
	SEC(&in, 0, "\x05" "ab");
	CHECK(fails(&in, WX_EMALFORMED, "length out of bounds"));
	/* an overlong UTF-8 encoding in the name */
	start(&in);
	SEC(&in, 0, "\x02\xc0\x80");
	CHECK(fails(&in, WX_EMALFORMED, "malformed UTF-8 encoding"));
	/* a surrogate */
	start(&in);
	SEC(&in, 0, "\x03\xed\xa0\x80");
	CHECK(fails(&in, WX_EMALFORMED, "malformed UTF-8 encoding"));
	/* valid multi-byte names */
	start(&in);
	SEC(&in, 0, "\x07\xc3\xa9\xe2\x82\xac\xf0\x9f");
	CHECK(fails(&in, WX_EMALFORMED, "malformed UTF-8 encoding"));
	start(&in);
	SEC(&in, 0, "\x09\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	CHECK(decodes(&in));
}

WX_TEST(decode_types)
{
	struct mod in;
	struct res r;

	start(&in);
	SEC(&in, 1, "\x03\x60\x02\x7f\x7e\x01\x7d\x60\x00\x00"
		    "\x60\x02\x7f\x7e\x01\x7d");
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL)
		return;
	CHECK(r.m->ntypes == 3);
	CHECK(r.m->types[0]->nparams == 2 && r.m->types[0]->nresults == 1);
	CHECK(r.m->types[0]->types[0] == WX_I32 &&
	      r.m->types[0]->types[2] == WX_F32);
	/* interned: equal types share one pointer */
	CHECK(r.m->types[0] == r.m->types[2]);
	CHECK(r.m->types[0] != r.m->types[1]);
	CHECK(r.m->types[1] == wx_functype_intern(0, 0, NULL));
	wx_module_destroy(r.m);

	start(&in);
	SEC(&in, 1, "\x01\x61\x00\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed function type"));
	start(&in);
	SEC(&in, 1, "\x01\x60\x01\x7a\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed value type"));
}

/* Typed references: rec groups are equal across modules exactly when
 * their structure is (iso-recursive), value types name canonical types,
 * subtyping follows declared supertypes and the abstract hierarchies. */
WX_TEST(decode_rec_groups)
{
	struct mod in;
	struct res a, b, c;
	const struct wx_functype *t0, *t1;

	/* (rec (type (func (param (ref 1)))) (type (func (result (ref null 0)))))
	 * (type (sub (func))) (type (sub 2 (func))) */
	start(&in);
	SEC(&in, 1, "\x03\x4e\x02\x60\x01\x64\x01\x00\x60\x00\x01\x63\x00"
		    "\x50\x00\x60\x00\x00\x50\x01\x02\x60\x00\x00");
	a = dec(&in, true);
	b = dec(&in, true);
	CHECK(a.rc == 0 && b.rc == 0);
	if (a.m == NULL || b.m == NULL)
		goto out;
	t0 = a.m->types[0];
	t1 = a.m->types[1];
	CHECK(a.m->ntypes == 4 && a.m->typed_refs);
	/* the same group in two modules: the same canonical types */
	CHECK(b.m->types[0] == t0 && b.m->types[1] == t1);
	/* members of one group are distinct, and refer to each other */
	CHECK(t0 != t1);
	CHECK(t0->types[0] == wx_vt_of_id(t1->id, false));
	CHECK(t1->types[0] == wx_vt_of_id(t0->id, true));
	CHECK(t0->types8 == NULL);
	CHECK(!wx_vt_nullable(t0->types[0]) && wx_vt_nullable(t1->types[0]));
	/* (ref $t) <: (ref null $t) <: funcref, never the reverse */
	CHECK(wx_valtype_sub(t0->types[0], wx_vt_heap(t0->types[0])));
	CHECK(!wx_valtype_sub(wx_vt_heap(t0->types[0]), t0->types[0]));
	CHECK(wx_valtype_sub(t1->types[0], WX_FUNCREF));
	CHECK(!wx_valtype_sub(WX_FUNCREF, t1->types[0]));
	CHECK(!wx_valtype_sub(t1->types[0], WX_EXTERNREF));
	CHECK(wx_valtype_sub(WX_EXNREF | WX_VT_NONNULL, WX_EXNREF));
	CHECK(wx_valtype_sub(WX_HT_NOFUNC, t1->types[0]));
	CHECK(!wx_valtype_sub(WX_HT_NOEXTERN, WX_FUNCREF));
	/* declared subtypes */
	CHECK(a.m->types[3]->super == a.m->types[2]);
	CHECK(wx_deftype_sub(a.m->types[3], a.m->types[2]));
	CHECK(!wx_deftype_sub(a.m->types[2], a.m->types[3]));
	/* a plain (func) is final: not the open (sub (func)) */
	CHECK(a.m->types[2] != wx_functype_intern(0, 0, NULL));
	CHECK(strcmp(wx_valtype_name(WX_FUNCREF | WX_VT_NONNULL),
		     "(ref func)") == 0);

	/* the first type alone in its group is another type */
	start(&in);
	SEC(&in, 1, "\x01\x60\x01\x64\x00\x00");
	c = dec(&in, true);
	CHECK(c.rc == 0);
	if (c.m != NULL)
		CHECK(c.m->types[0] != t0);
	wx_module_destroy(c.m);
out:
	wx_module_destroy(a.m);
	wx_module_destroy(b.m);

	/* a reference past the group */
	start(&in);
	SEC(&in, 1, "\x01\x60\x01\x63\x01\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown type"));
	/* a supertype that is not before its subtype */
	start(&in);
	SEC(&in, 1, "\x01\x4e\x01\x50\x01\x00\x60\x00\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown type"));
}

WX_TEST(decode_imports)
{
	struct mod in;
	struct res r;

	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 2, "\x04"
		    "\x01m\x01" "f\x00\x00"
		    "\x01m\x01t\x01\x70\x01\x01\x02"
		    "\x01m\x01" "g\x03\x7f\x00"
		    "\x01m\x01m\x02\x03\x01\x02");
	one_func(&in); /* a second type section: must fail */
	CHECK(fails(&in, WX_EMALFORMED,
		    "unexpected content after last section"));

	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 2, "\x04"
		    "\x01m\x01" "f\x00\x00"
		    "\x01m\x01t\x01\x70\x01\x01\x02"
		    "\x01m\x01" "g\x03\x7f\x00"
		    "\x01m\x01m\x02\x03\x01\x02");
	SEC(&in, 3, "\x01\x00");
	one_body(&in);
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL)
		return;
	CHECK(r.m->nimports == 4);
	CHECK(r.m->nfuncs == 2 && r.m->nfuncs_imported == 1);
	CHECK(r.m->ntables == 1 && r.m->ntables_imported == 1);
	CHECK(r.m->tables[0].limits.min == 1 && r.m->tables[0].limits.max == 2);
	CHECK(r.m->nmems == 1 && r.m->mems[0].limits.shared);
	CHECK(r.m->nglobals == 1 && r.m->globals[0].type.type == WX_I32);
	CHECK(strcmp(r.m->imports[3].module_name, "m") == 0 &&
	      strcmp(r.m->imports[3].name, "m") == 0);
	CHECK(r.m->funcdefs[0].code_len == 1);
	wx_module_destroy(r.m);

	start(&in);
	SEC(&in, 2, "\x01\x01m\x01" "f\x05\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed import kind"));
	/* tags (exception handling): attribute 0, a type without results */
	start(&in);
	SEC(&in, 1, "\x02\x60\x01\x7f\x00\x60\x00\x01\x7f");
	SEC(&in, 2, "\x01\x01m\x01" "t\x04\x00\x00");
	SEC(&in, 13, "\x01\x00\x00");
	r = dec(&in, true);
	CHECK(r.rc == 0 && r.m != NULL && r.m->ntags == 2 &&
	      r.m->ntags_imported == 1 && r.m->tag_typeidx[1] == 0);
	wx_module_destroy(r.m);
	start(&in);
	SEC(&in, 1, "\x02\x60\x01\x7f\x00\x60\x00\x01\x7f");
	SEC(&in, 13, "\x01\x00\x01");
	CHECK(fails(&in, WX_EINVALID, "non-empty tag result type"));
	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 2, "\x01\x01m\x01" "t\x04\x01\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed tag attribute"));
	start(&in);
	SEC(&in, 13, "\x01\x00\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown type 0"));
	start(&in);
	SEC(&in, 2, "\x01\x01m\x01" "f\x00\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown type"));
	start(&in);
	SEC(&in, 2, "\x01\x01m\x01g\x03\x7f\x02");
	CHECK(fails(&in, WX_EMALFORMED, "malformed mutability"));
	start(&in);
	SEC(&in, 2, "\x01\x01m\x02\xff\xfe\x03\x7f\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed UTF-8 encoding"));
	/* a shared memory needs a maximum */
	start(&in);
	SEC(&in, 2, "\x01\x01m\x01m\x02\x02\x01");
	CHECK(fails(&in, WX_EINVALID, "shared memory must have maximum"));
	/* two memories, one imported: valid since multi-memory (3.0) */
	start(&in);
	SEC(&in, 2, "\x01\x01m\x01m\x02\x00\x01");
	SEC(&in, 5, "\x01\x00\x01");
	r = dec(&in, true);
	CHECK(r.rc == 0 && r.m != NULL && r.m->nmems == 2 &&
	      r.m->nmems_imported == 1);
	wx_module_destroy(r.m);
}

WX_TEST(decode_limits)
{
	struct mod in;

	start(&in);
	SEC(&in, 5, "\x01\x01\x02\x01");
	CHECK(fails(&in, WX_EINVALID,
		    "size minimum must not be greater than maximum"));
	start(&in);
	SEC(&in, 5, "\x01\x00\x81\x80\x04");
	CHECK(fails(&in, WX_EINVALID,
		    "memory size must be at most 65536 pages (4GiB)"));
	start(&in);
	SEC(&in, 5, "\x01\x01\x00\x80\x80\x04");
	CHECK(decodes(&in));
	/* memory64: flag 0x04 is a 64-bit memory, bounds up to 2^48
	 * pages as u64; 0x08 and up are no flags */
	start(&in);
	SEC(&in, 5, "\x01\x04\x00");
	CHECK(decodes(&in));
	start(&in);
	SEC(&in, 5, "\x01\x05\x00\x80\x80\x80\x80\x80\x80\x40");
	CHECK(decodes(&in));
	start(&in);
	SEC(&in, 5, "\x01\x05\x00\x81\x80\x80\x80\x80\x80\x40");
	CHECK(fails(&in, WX_EINVALID,
		    "memory size must be at most 2^48 pages (256TiB)"));
	start(&in);
	SEC(&in, 5, "\x01\x08\x00");
	CHECK(fails(&in, WX_EMALFORMED, "integer too large"));
	/* table64: flag 0x04, any u64 bounds; still no shared flag */
	start(&in);
	SEC(&in, 4, "\x01\x70\x05\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01");
	CHECK(decodes(&in));
	start(&in);
	SEC(&in, 4, "\x01\x70\x06\x00");
	CHECK(fails(&in, WX_EMALFORMED, "integer too large"));
	start(&in);
	SEC(&in, 5, "\x01\x81\x00\x00");
	CHECK(fails(&in, WX_EMALFORMED, "integer representation too long"));
	/* tables have no shared flag */
	start(&in);
	SEC(&in, 4, "\x01\x70\x03\x01\x02");
	CHECK(fails(&in, WX_EMALFORMED, "integer too large"));
	start(&in);
	SEC(&in, 4, "\x01\x70\x01\x03\x02");
	CHECK(fails(&in, WX_EINVALID,
		    "size minimum must not be greater than maximum"));
	start(&in);
	SEC(&in, 4, "\x01\x7f\x00\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed reference type"));
	/* several tables are fine in wasm 2.0 */
	start(&in);
	SEC(&in, 4, "\x02\x70\x00\x00\x6f\x00\x00");
	CHECK(decodes(&in));
}

WX_TEST(decode_exports)
{
	struct mod in;
	struct res r;
	const struct wx_export *e;

	start(&in);
	one_func(&in);
	SEC(&in, 5, "\x01\x00\x01");
	SEC(&in, 7, "\x02\x01" "a\x00\x00\x03mem\x02\x00");
	one_body(&in);
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL)
		return;
	e = wx_module_export_lookup(r.m, "mem");
	CHECK(e != NULL && e->kind == WX_EXTERN_MEMORY && e->index == 0);
	CHECK(wx_module_export_lookup(r.m, "b") == NULL);
	CHECK(r.m->func_declared[0] == 1);
	/* no name section: the export name stands in */
	CHECK(wx_module_funcname(r.m, 0) != NULL &&
	      strcmp(wx_module_funcname(r.m, 0), "a") == 0);
	CHECK(wx_module_funcname(r.m, 1) == NULL);
	wx_module_destroy(r.m);

	start(&in);
	one_func(&in);
	SEC(&in, 7, "\x02\x01" "a\x00\x00\x01" "a\x00\x00");
	one_body(&in);
	CHECK(fails(&in, WX_EINVALID, "duplicate export name"));
	/* names that differ after a NUL are distinct */
	start(&in);
	one_func(&in);
	SEC(&in, 7, "\x02\x02" "a\0\x00\x00\x02" "a\1\x00\x00");
	one_body(&in);
	CHECK(decodes(&in));
	start(&in);
	one_func(&in);
	SEC(&in, 7, "\x01\x01" "a\x00\x01");
	one_body(&in);
	CHECK(fails(&in, WX_EINVALID, "unknown function 1"));
	start(&in);
	SEC(&in, 7, "\x01\x01" "a\x02\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown memory 0"));
	start(&in);
	SEC(&in, 7, "\x01\x01" "a\x05\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed export kind"));
	start(&in);
	SEC(&in, 7, "\x01\x01" "a\x04\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown tag 0"));
}

WX_TEST(decode_function_code)
{
	struct mod in;

	/* unknown type index */
	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 3, "\x01\x01");
	one_body(&in);
	CHECK(fails(&in, WX_EINVALID, "unknown type 1"));
	/* bodies without functions, functions without bodies */
	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	one_body(&in);
	CHECK(fails(&in, WX_EMALFORMED, "function and code section have "
		    "inconsistent lengths"));
	start(&in);
	one_func(&in);
	CHECK(fails(&in, WX_EMALFORMED, "function and code section have "
		    "inconsistent lengths"));
	/* a body running past its section */
	start(&in);
	one_func(&in);
	SEC(&in, 10, "\x01\x05\x00\x0b");
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
}

WX_TEST(decode_locals)
{
	struct mod in;
	struct res r;
	const struct wx_funcdef *fd;

	start(&in);
	one_func(&in);
	SEC(&in, 10, "\x01\x08\x03\x02\x7f\x00\x7e\x01\x7c\x0b");
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL)
		return;
	fd = &r.m->funcdefs[0];
	CHECK(fd->nlocals == 3);
	CHECK(fd->local_types[0] == WX_I32 && fd->local_types[1] == WX_I32 &&
	      fd->local_types[2] == WX_F64);
	CHECK(r.m->bytes[fd->code_offset] == 0x0b && fd->code_len == 1);
	CHECK(fd->body_offset < fd->code_offset);
	wx_module_destroy(r.m);

	/* the spec test: counts whose sum overflows u32 */
	start(&in);
	one_func(&in);
	SEC(&in, 10, "\x01\x0e\x02\xff\xff\xff\xff\x0f\x7f"
		     "\xff\xff\xff\xff\x0f\x7e\x0b");
	CHECK(fails(&in, WX_EMALFORMED, "too many locals"));
	/* over the implementation limit */
	start(&in);
	one_func(&in);
	SEC(&in, 10, "\x01\x06\x01\xd1\x86\x03\x7f\x0b");
	CHECK(fails(&in, WX_EMALFORMED, "too many locals"));
	start(&in);
	one_func(&in);
	SEC(&in, 10, "\x01\x04\x01\x01\x40\x0b");
	CHECK(fails(&in, WX_EMALFORMED, "malformed value type"));
}

/* A module with one global of type `t` (and mutability `mut`) and the
 * given initialiser, after one import of an immutable i32 global and one
 * of a mutable one. */
static void global_mod(struct mod *in, const char *init, size_t n,
		       uint8_t t)
{
	uint8_t body[64];

	start(in);
	SEC(in, 2, "\x02\x01m\x01" "a\x03\x7f\x00\x01m\x01" "b\x03\x7f\x01");
	body[0] = 1;
	body[1] = t;
	body[2] = 0;
	memcpy(body + 3, init, n);
	sec(in, 6, body, n + 3);
}

#define GLOBAL(in, lit, t) global_mod(in, lit, sizeof(lit) - 1, t)

WX_TEST(decode_constexpr)
{
	struct mod in;
	struct res r;

	GLOBAL(&in, "\x41\x2a\x0b", WX_I32);
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m != NULL) {
		const struct wx_global *g = &r.m->globals[2];

		CHECK(r.m->nglobals == 3 && r.m->nglobals_imported == 2);
		CHECK(g->init.len == 3 &&
		      memcmp(r.m->bytes + g->init.offset, "\x41\x2a\x0b", 3)
			      == 0);
		wx_module_destroy(r.m);
	}
	GLOBAL(&in, "\x23\x00\x0b", WX_I32);
	CHECK(decodes(&in));
	GLOBAL(&in, "\x44\0\0\0\0\0\0\0\0\x0b", WX_F64);
	CHECK(decodes(&in));
	GLOBAL(&in, "\xd0\x6f\x0b", WX_EXTERNREF);
	CHECK(decodes(&in));

	GLOBAL(&in, "\x43\0\0\0\0\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "type mismatch"));
	GLOBAL(&in, "\x41\x00\x41\x00\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "type mismatch"));
	GLOBAL(&in, "\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "type mismatch"));
	GLOBAL(&in, "\x01\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "constant expression required"));
	GLOBAL(&in, "\x41\x00\x68\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "constant expression required"));
	/* a nested block: its end is not the expression's end */
	GLOBAL(&in, "\x02\x7f\x41\x00\x0b\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "constant expression required"));
	/* the mutable import */
	GLOBAL(&in, "\x23\x01\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "constant expression required"));
	/* itself, and anything not imported */
	GLOBAL(&in, "\x23\x02\x0b", WX_I32);
	CHECK(fails(&in, WX_EINVALID, "unknown global 2"));
	GLOBAL(&in, "\xd2\x00\x0b", WX_FUNCREF);
	CHECK(fails(&in, WX_EINVALID, "unknown function 0"));
	/* malformed beats invalid, even when found later */
	GLOBAL(&in, "\x01\x0b", WX_I32);
	SEC(&in, 14, "");
	CHECK(fails(&in, WX_EMALFORMED, "malformed section id"));
	GLOBAL(&in, "\x41\x00", WX_I32);
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
	GLOBAL(&in, "\xff\x0b", WX_I32);
	CHECK(fails(&in, WX_EMALFORMED, "illegal opcode"));
	GLOBAL(&in, "\x41\x80\x80\x80\x80\x70\x0b", WX_I32);
	CHECK(fails(&in, WX_EMALFORMED, "integer too large"));
}

WX_TEST(decode_elem)
{
	struct mod in;
	struct res r;
	const struct wx_module *m;

	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 3, "\x02\x00\x00");
	SEC(&in, 4, "\x02\x70\x00\x01\x6f\x00\x01");
	SEC(&in, 9, "\x08"
		    "\x00\x41\x00\x0b\x01\x00"           /* 0: active */
		    "\x01\x00\x01\x01"                   /* 1: passive */
		    "\x02\x00\x41\x00\x0b\x00\x01\x00"   /* 2: table 0 */
		    "\x03\x00\x00"                       /* 3: declarative */
		    "\x04\x41\x00\x0b\x01\xd0\x70\x0b"   /* 4: exprs */
		    "\x05\x6f\x01\xd0\x6f\x0b"           /* 5: passive */
		    "\x06\x01\x41\x00\x0b\x6f\x00"       /* 6: table 1 */
		    "\x07\x70\x01\xd2\x01\x0b");         /* 7: declarative */
	SEC(&in, 10, "\x02\x02\x00\x0b\x02\x00\x0b");
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL)
		return;
	m = r.m;
	CHECK(m->nelems == 8);
	CHECK(m->elems[0].mode == WX_SEG_ACTIVE && m->elems[0].funcs != NULL &&
	      m->elems[0].count == 1 && m->elems[0].table == 0);
	CHECK(m->elems[1].mode == WX_SEG_PASSIVE && m->elems[1].funcs[0] == 1);
	CHECK(m->elems[3].mode == WX_SEG_DECLARATIVE);
	CHECK(m->elems[4].exprs != NULL && m->elems[4].funcs == NULL);
	CHECK(m->elems[5].elemtype == WX_EXTERNREF);
	CHECK(m->elems[6].table == 1 && m->elems[6].count == 0);
	CHECK(m->elems[7].mode == WX_SEG_DECLARATIVE &&
	      m->elems[7].elemtype == WX_FUNCREF);
	CHECK(m->func_declared[0] == 1 && m->func_declared[1] == 1);
	wx_module_destroy(r.m);

	/* an externref segment for a funcref table */
	start(&in);
	SEC(&in, 4, "\x01\x70\x00\x01");
	SEC(&in, 9, "\x01\x06\x00\x41\x00\x0b\x6f\x00");
	CHECK(fails(&in, WX_EINVALID, "type mismatch"));
	start(&in);
	SEC(&in, 9, "\x01\x00\x41\x00\x0b\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown table 0"));
	start(&in);
	SEC(&in, 4, "\x01\x70\x00\x01");
	SEC(&in, 9, "\x01\x00\x41\x00\x0b\x01\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown function 0"));
	start(&in);
	SEC(&in, 9, "\x01\x01\x01\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed element kind"));
	start(&in);
	SEC(&in, 9, "\x01\x08\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed elements segment kind"));
	start(&in);
	SEC(&in, 4, "\x01\x70\x00\x01");
	SEC(&in, 9, "\x01\x00\x42\x00\x0b\x00");
	CHECK(fails(&in, WX_EINVALID, "type mismatch"));
}

WX_TEST(decode_data)
{
	struct mod in;
	struct res r;

	start(&in);
	SEC(&in, 5, "\x01\x00\x01");
	SEC(&in, 12, "\x03");
	SEC(&in, 11, "\x03\x00\x41\x08\x0b\x02hi\x01\x01x\x02\x00\x41\x00\x0b\x00");
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m != NULL) {
		CHECK(r.m->has_datacount && r.m->datacount == 3);
		CHECK(r.m->ndatas == 3);
		CHECK(r.m->datas[0].mode == WX_SEG_ACTIVE &&
		      r.m->datas[0].data_len == 2 &&
		      memcmp(r.m->bytes + r.m->datas[0].data_offset, "hi", 2)
			      == 0);
		CHECK(r.m->datas[1].mode == WX_SEG_PASSIVE);
		CHECK(r.m->datas[2].data_len == 0);
		wx_module_destroy(r.m);
	}
	start(&in);
	SEC(&in, 5, "\x01\x00\x01");
	SEC(&in, 12, "\x02");
	SEC(&in, 11, "\x01\x01\x00");
	CHECK(fails(&in, WX_EMALFORMED, "data count and data section have "
		    "inconsistent lengths"));
	start(&in);
	SEC(&in, 12, "\x01");
	CHECK(fails(&in, WX_EMALFORMED, "data count and data section have "
		    "inconsistent lengths"));
	start(&in);
	SEC(&in, 11, "\x01\x00\x41\x00\x0b\x00");
	CHECK(fails(&in, WX_EINVALID, "unknown memory 0"));
	start(&in);
	SEC(&in, 11, "\x01\x03\x00");
	CHECK(fails(&in, WX_EMALFORMED, "malformed data segment kind"));
	start(&in);
	SEC(&in, 5, "\x01\x00\x01");
	SEC(&in, 11, "\x01\x01\x05xy");
	CHECK(fails(&in, WX_EMALFORMED, "unexpected end"));
}

WX_TEST(decode_start)
{
	struct mod in;
	struct res r;

	start(&in);
	one_func(&in);
	SEC(&in, 8, "\x00");
	one_body(&in);
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m != NULL) {
		CHECK(r.m->has_start && r.m->start == 0);
		wx_module_destroy(r.m);
	}
	start(&in);
	one_func(&in);
	SEC(&in, 8, "\x01");
	one_body(&in);
	CHECK(fails(&in, WX_EINVALID, "unknown function"));
	start(&in);
	SEC(&in, 1, "\x01\x60\x01\x7f\x00");
	SEC(&in, 3, "\x01\x00");
	SEC(&in, 8, "\x00");
	one_body(&in);
	CHECK(fails(&in, WX_EINVALID, "start function"));
}

WX_TEST(decode_name_section)
{
	struct mod in;
	struct res r;

	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 3, "\x02\x00\x00");
	SEC(&in, 10, "\x02\x02\x00\x0b\x02\x00\x0b");
	/* module name (0), then function names (1), then local names (2) */
	SEC(&in, 0, "\x04name"
		    "\x00\x02\x01m"
		    "\x01\x0b\x02\x00\x03one\x05\x03" "bad"
		    "\x02\x01\x00");
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m != NULL) {
		CHECK(r.m->func_names != NULL);
		CHECK(wx_module_funcname(r.m, 0) != NULL &&
		      strcmp(wx_module_funcname(r.m, 0), "one") == 0);
		CHECK(wx_module_funcname(r.m, 1) == NULL);
		CHECK(wx_module_funcname(r.m, 7) == NULL);
		wx_module_destroy(r.m);
	}
	/* a broken name section is ignored, not an error */
	start(&in);
	SEC(&in, 1, "\x01\x60\x00\x00");
	SEC(&in, 3, "\x01\x00");
	one_body(&in);
	SEC(&in, 0, "\x04name\x01\x09\x01\x00\x09one");
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m != NULL) {
		CHECK(r.m->func_names == NULL);
		CHECK(wx_module_funcname(r.m, 0) == NULL);
		wx_module_destroy(r.m);
	}
}

WX_TEST(decode_valtype_names)
{
	CHECK(strcmp(wx_valtype_name(WX_I32), "i32") == 0);
	CHECK(strcmp(wx_valtype_name(WX_EXTERNREF), "externref") == 0);
	CHECK(wx_valtype_name(0x01) != NULL);
}

/* A module touching most sections, for the sweeps below. */
static void rich_module(struct mod *in)
{
	start(in);
	SEC(in, 1, "\x02\x60\x01\x7f\x01\x7f\x60\x00\x00");
	SEC(in, 2, "\x02\x01m\x01" "f\x00\x00\x01m\x01g\x03\x7f\x00");
	SEC(in, 3, "\x02\x01\x00");
	SEC(in, 4, "\x01\x70\x01\x01\x04");
	SEC(in, 5, "\x01\x01\x01\x02");
	SEC(in, 6, "\x01\x7f\x01\x23\x00\x0b");
	SEC(in, 7, "\x01\x03run\x00\x02");
	SEC(in, 8, "\x01");
	SEC(in, 9, "\x01\x00\x23\x00\x0b\x02\x01\x02");
	SEC(in, 12, "\x01");
	SEC(in, 10, "\x02\x02\x00\x0b\x06\x01\x01\x7f\x20\x00\x0b");
	SEC(in, 11, "\x01\x00\x41\x00\x0b\x03" "abc");
	SEC(in, 0, "\x04name\x01\x06\x01\x02\x03run");
}

WX_TEST(decode_rich_module)
{
	struct mod in;
	struct res r;

	rich_module(&in);
	r = dec(&in, true);
	CHECK(r.rc == 0);
	if (r.m == NULL) {
		printf("  %s\n", r.msg);
		return;
	}
	CHECK(r.m->nfuncs == 3 && r.m->nfuncs_imported == 1);
	CHECK(r.m->has_start && r.m->start == 1);
	CHECK(r.m->func_declared[1] == 1 && r.m->func_declared[2] == 1);
	CHECK(r.m->func_declared[0] == 0);
	CHECK(strcmp(wx_module_funcname(r.m, 2), "run") == 0);
	CHECK(wx_module_functype(r.m, 0) == r.m->types[0]);
	CHECK(r.m->funcdefs[0].nlocals == 0 && r.m->funcdefs[1].nlocals == 1);
	wx_module_destroy(r.m);
}

WX_TEST(decode_truncation_sweep)
{
	struct mod in, cut;
	size_t n;
	int bad = 0;

	rich_module(&in);
	for (n = 0; n < in.n; n++) {
		struct res r;

		memcpy(cut.b, in.b, n);
		cut.n = n;
		r = dec(&cut, false);
		/* a cut at a section boundary can be a valid module */
		if (r.rc != WX_EMALFORMED && r.rc != 0 && r.rc != WX_EINVALID)
			bad++;
	}
	CHECK(bad == 0);
}

WX_TEST(decode_mutation_sweep)
{
	static const uint8_t values[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0x0b};
	struct mod in, mut;
	size_t i, k;
	int bad = 0;

	rich_module(&in);
	for (i = 8; i < in.n; i++) {
		for (k = 0; k < sizeof(values); k++) {
			struct res r;

			mut = in;
			mut.b[i] = values[k];
			r = dec(&mut, false);
			if (r.rc != 0 && r.rc != WX_EMALFORMED &&
			    r.rc != WX_EINVALID)
				bad++;
		}
	}
	CHECK(bad == 0);
}
