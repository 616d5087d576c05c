/*
 * module.h - the decoded, immutable WebAssembly module.
 *
 * The decoder (decode.c) fills a struct wx_module from the binary format
 * (spec 5, "Binary Format") and checks everything that is module-level
 * (indices in range, constant expressions, limits, export names, the start
 * function: spec 3.4 "Modules").  Function bodies are checked by the
 * function compiler (interp/compile.c), which validates and translates in
 * one pass.
 *
 * Invariants after a successful wx_module_decode():
 *  - every index stored here is in range of its index space;
 *  - the module owns a private copy of the input bytes (`bytes`), and every
 *    offset below points into it; the caller's buffer is never written;
 *  - imported entities come first in each index space (spec 2.5.1).
 */
#ifndef WX_MODULE_H
#define WX_MODULE_H

#include "../util/common.h"
#include "../util/report.h"

/* Value types (spec 5.3.1, with the function-references and GC
 * proposals' reference types), as a 32-bit word:
 *
 *   numeric types and v128          their binary byte (0x7f i32 .. 0x7b)
 *   (ref null ht), ht abstract      ht's byte, the binary shorthand
 *                                   (0x70 funcref, 0x6f externref, ...)
 *   (ref ht)                        the same | WX_VT_NONNULL (0x100)
 *   concrete ht (a defined type)    WX_VT_CONCRETE (0x200) | id << 10,
 *                                   id the canonical type's number
 *                                   (types.c), low byte 0
 *
 * So the value types of wasm 2.0 keep their byte values (code that only
 * knows those can still switch on them), the encoding is the same for
 * every module (concrete types are named by canonical id, not by a
 * module's type index: two equal values are equal types, iso-recursive
 * equality included), and a heap type is written as the nullable
 * reference type to it (wx_vt_heap).  0 is no type (the validator's
 * Unknown).  While the type section is decoded, a reference into the
 * rec group being read is WX_VT_RECREL | i << 10 (i: index within the
 * group), replaced by the canonical form when the group is interned. */
typedef uint32_t wx_valtype_t;

enum wx_valtype {
	WX_I32 = 0x7f,
	WX_I64 = 0x7e,
	WX_F32 = 0x7d,
	WX_F64 = 0x7c,
	WX_V128 = 0x7b,
	/* Abstract heap types, by their byte (also the nullable reference
	 * types to them). */
	WX_HT_NOEXN = 0x74,
	WX_HT_NOFUNC = 0x73,
	WX_HT_NOEXTERN = 0x72,
	WX_HT_NONE = 0x71,
	WX_FUNCREF = 0x70,
	WX_EXTERNREF = 0x6f,
	WX_HT_ANY = 0x6e,
	WX_HT_EQ = 0x6d,
	WX_HT_I31 = 0x6c,
	WX_HT_STRUCT = 0x6b,
	WX_HT_ARRAY = 0x6a,
	WX_EXNREF = 0x69, /* exception handling (wasm 3.0) */
};
#define WX_HT_FUNC WX_FUNCREF
#define WX_HT_EXTERN WX_EXTERNREF
#define WX_HT_EXN WX_EXNREF

#define WX_VT_NONNULL 0x100u
#define WX_VT_CONCRETE 0x200u
#define WX_VT_RECREL 0x400u /* only while decoding a rec group */
#define WX_VT_ID_SHIFT 11
/* Canonical type ids fit in the bits above WX_VT_ID_SHIFT. */
#define WX_MAX_TYPE_ID ((1u << (32 - WX_VT_ID_SHIFT)) - 1)

static inline bool wx_is_abstract_ht(uint32_t b)
{
	return (b >= WX_HT_ARRAY && b <= WX_HT_NOEXN) || b == WX_EXNREF;
}

static inline bool wx_is_reftype(wx_valtype_t t)
{
	return (t & (WX_VT_CONCRETE | WX_VT_RECREL)) != 0 ||
	       wx_is_abstract_ht(t & 0xff);
}

/* The heap type of reference type t, as the nullable type to it. */
static inline wx_valtype_t wx_vt_heap(wx_valtype_t t)
{
	return t & ~WX_VT_NONNULL;
}

static inline bool wx_vt_nullable(wx_valtype_t t)
{
	return !(t & WX_VT_NONNULL);
}

static inline bool wx_vt_concrete(wx_valtype_t t)
{
	return (t & WX_VT_CONCRETE) != 0;
}

/* The canonical id of a concrete heap type. */
static inline uint32_t wx_vt_id(wx_valtype_t t)
{
	return t >> WX_VT_ID_SHIFT;
}

static inline wx_valtype_t wx_vt_of_id(uint32_t id, bool nullable)
{
	return WX_VT_CONCRETE | (id << WX_VT_ID_SHIFT) |
	       (nullable ? 0 : WX_VT_NONNULL);
}

/* Whether t has a default value (spec: defaultable): every type but a
 * non-nullable reference. */
static inline bool wx_vt_defaultable(wx_valtype_t t)
{
	return !(t & WX_VT_NONNULL);
}

/* Whether t is one of the value types of WebAssembly 2.0 plus exnref:
 * what code that does not know typed references may handle. */
static inline bool wx_vt_simple(wx_valtype_t t)
{
	return t == WX_I32 || t == WX_I64 || t == WX_F32 || t == WX_F64 ||
	       t == WX_V128 || t == WX_FUNCREF || t == WX_EXTERNREF ||
	       t == WX_EXNREF;
}

/* Kinds of defined types (their binary forms). */
enum wx_defkind {
	WX_DEF_FUNC = 0x60,
	WX_DEF_STRUCT = 0x5f,
	WX_DEF_ARRAY = 0x5e,
};

/* A defined type (function, struct or array: spec 3.2, GC), canonical:
 * one object per type up to iso-recursive equality, for the whole
 * process (types.c), so that two types are equal iff their pointers
 * are.  For a function type, `types` holds nparams parameter types
 * followed by nresults result types; for a struct, nparams field types
 * (storage types: a value type or the packed WX_PACKED_I8/I16) and
 * muts[] their mutability; an array has one field.  `types8` is the
 * same as bytes when every type is simple (wx_vt_simple), else NULL: the
 * fast validator's form.  Canonical types live until the process ends. */
struct wx_functype {
	uint32_t nparams;
	uint32_t nresults;
	const wx_valtype_t *types;
	const uint8_t *types8;
	const uint8_t *muts;    /* struct and array fields */
	uint32_t id;            /* canonical id */
	uint8_t kind;           /* enum wx_defkind */
	bool final;
	uint32_t depth;         /* supertypes above it */
	const struct wx_functype *super; /* declared supertype, or NULL */
};
#define WX_PACKED_I8 0x78
#define WX_PACKED_I16 0x77

struct wx_limits {
	uint64_t min;
	uint64_t max; /* valid only if has_max */
	bool has_max;
	bool shared; /* memories only: threads proposal */
	/* Address type i64 (memory64: a 64-bit memory or table, indexed by
	 * i64 values); else i32. */
	bool is64;
};

/* The value type of an address (or index) into a memory or table. */
static inline wx_valtype_t wx_addrtype(const struct wx_limits *l)
{
	return l->is64 ? WX_I64 : WX_I32;
}

struct wx_tabletype {
	wx_valtype_t elemtype; /* a reference type */
	struct wx_limits limits;
};

struct wx_memtype {
	struct wx_limits limits; /* in 64 KiB pages */
};

struct wx_globaltype {
	wx_valtype_t type;
	bool mut;
};

/* A constant expression: bytes [offset, offset+len) of module->bytes,
 * including the final `end` (0x0b).  Checked by the decoder; evaluated by
 * wx_constexpr_eval (runtime) at instantiation. */
struct wx_constexpr {
	uint32_t offset;
	uint32_t len;
};

enum wx_externkind {
	WX_EXTERN_FUNC = 0,
	WX_EXTERN_TABLE = 1,
	WX_EXTERN_MEMORY = 2,
	WX_EXTERN_GLOBAL = 3,
	WX_EXTERN_TAG = 4, /* exception handling */
};

struct wx_import {
	char *module_name; /* NUL-terminated, valid UTF-8 */
	char *name;
	uint8_t kind; /* enum wx_externkind */
	union {
		uint32_t typeidx; /* WX_EXTERN_FUNC, WX_EXTERN_TAG */
		struct wx_tabletype table;
		struct wx_memtype mem;
		struct wx_globaltype global;
	} u;
};

struct wx_export {
	char *name;
	uint8_t kind; /* enum wx_externkind */
	uint32_t index;
};

/* A function defined in this module (imports are not here). */
struct wx_funcdef {
	uint32_t typeidx;
	uint32_t nlocals;      /* declared locals, not counting params */
	wx_valtype_t *local_types; /* nlocals entries, expanded from the
				    * groups */
	uint32_t code_offset;  /* first instruction, in module->bytes */
	uint32_t code_len;     /* up to and including the final `end` */
	uint32_t body_offset;  /* start of the whole body entry (for messages) */
};

struct wx_global {
	struct wx_globaltype type;
	struct wx_constexpr init;
};

enum wx_segmode {
	WX_SEG_ACTIVE = 0,
	WX_SEG_PASSIVE = 1,
	WX_SEG_DECLARATIVE = 2,
};

struct wx_elem {
	uint8_t mode;     /* enum wx_segmode */
	wx_valtype_t elemtype; /* a reference type */
	uint32_t table;   /* active only */
	struct wx_constexpr offset; /* active only */
	uint32_t count;
	/* Exactly one of these is non-NULL: plain function indices (the
	 * `elemkind 0x00` forms) or one constant expression per element. */
	uint32_t *funcs;
	struct wx_constexpr *exprs;
};

struct wx_data {
	uint8_t mode; /* WX_SEG_ACTIVE or WX_SEG_PASSIVE */
	uint32_t memory;
	struct wx_constexpr offset; /* active only */
	uint32_t data_offset;       /* in module->bytes */
	uint32_t data_len;
};

struct wx_module {
	const uint8_t *bytes; /* the module's own copy of its input */
	size_t size;
	bool bytes_shared; /* bytes from wx_os_shared_copy, not malloc */

	uint32_t ntypes;
	const struct wx_functype **types; /* canonical (types.c) */
	/* The module uses something beyond the value types of wasm 2.0
	 * and exnref: typed references, rec/sub/struct/array type
	 * definitions, a table initialiser (for tiers that do not know
	 * them: src/native refuses such a module). */
	bool typed_refs;
	/* A constant expression allocates a GC object (array.new_default,
	 * the one GC instruction implemented): the runtime then evaluates
	 * element segments once per instance, so that every table.init
	 * copies the same objects (runtime.h, struct wx_gc_heap). */
	bool gc_consts;

	uint32_t nimports;
	struct wx_import *imports;

	/* Index spaces.  n*_imported of each are imports, in import order. */
	uint32_t nfuncs, nfuncs_imported;
	uint32_t *func_typeidx; /* nfuncs entries, imports included */
	struct wx_funcdef *funcdefs; /* nfuncs - nfuncs_imported entries */

	uint32_t ntables, ntables_imported;
	struct wx_tabletype *tables; /* ntables entries, imports included */
	/* Per table: the initialiser of its elements (the table section's
	 * 0x40 0x00 form, function references); len 0: none (null). */
	struct wx_constexpr *table_inits;

	uint32_t nmems, nmems_imported;
	struct wx_memtype *mems; /* nmems entries, imports included */

	uint32_t nglobals, nglobals_imported;
	struct wx_global *globals; /* nglobals entries; imported have no init */

	/* Exception tags (tag section, id 13): the type index of each, a
	 * function type without results. */
	uint32_t ntags, ntags_imported;
	uint32_t *tag_typeidx;

	uint32_t nexports;
	struct wx_export *exports;

	bool has_start;
	uint32_t start;

	uint32_t nelems;
	struct wx_elem *elems;

	uint32_t ndatas;
	struct wx_data *datas;
	bool has_datacount;
	uint32_t datacount;

	/* Functions that a ref.func may name outside function bodies: those
	 * in exports, element segments and global initialisers (spec 3.4.10,
	 * "C.refs").  Indexed by function index; NULL-free bitmap. */
	uint8_t *func_declared;

	/* From the custom "name" section, if any; NULL entries if unnamed.
	 * Used only for messages.  A malformed name section is ignored. */
	char **func_names; /* nfuncs entries or NULL */

	/* Translated bodies, one per defined function, filled by the
	 * function compiler (wx_module_load); opaque to core.  `code_free`
	 * releases one of them and is set by whoever fills `codes`. */
	struct wx_code **codes;
	void (*code_free)(struct wx_code *code);

	/* Another tier that runs this module instead of the interpreter
	 * (the native tier, src/native): its call entry, with the
	 * signature of wx_call (runtime.h), and its data, released with
	 * tier_free.  NULL: the interpreter runs it. */
	int (*tier_call)(void *thread, void *func, uint64_t *args);
	void *tier_data;
	void (*tier_free)(void *data);
};

/* Decode and check `size` bytes.  On failure returns WX_EMALFORMED (binary
 * format) or WX_EINVALID (validation) with a message in `r` that names the
 * byte offset, and *mp is NULL.  The input is copied, never written. */
int wx_module_decode(const uint8_t *data, size_t size, struct wx_module **mp,
		     struct wx_report *r);
/* As wx_module_decode, but the module takes `bytes` instead of a copy:
 * a read-only shared mapping of exactly `size` bytes (wx_os_file_adopt),
 * released with wx_os_shared_free, on failure too. */
int wx_module_decode_shared(const uint8_t *bytes, size_t size,
			    struct wx_module **mp, struct wx_report *r);
void wx_module_destroy(struct wx_module *m);

/* Read a heap type (s33: an abstract type's byte or a type index) or a
 * value type of module m at rd (spec 5.3.1-5.3.3), in module.h's
 * encoding.  Returns 0; WX_EMALFORMED (rd->err says why, rd->pos at the
 * bad byte); or WX_EINVALID for a type index past m->ntypes (*badidx,
 * and *out is funcref).  `rec_end`: while the type section decodes a
 * rec group, the end of its indices (they start at m->ntypes), else 0. */
struct wx_reader;
int wx_read_heaptype(struct wx_reader *rd, const struct wx_module *m,
		     uint32_t rec_end, wx_valtype_t *out, uint32_t *badidx);
int wx_read_valtype(struct wx_reader *rd, const struct wx_module *m,
		    uint32_t rec_end, wx_valtype_t *out, uint32_t *badidx);

/* The type of function `funcidx` (imports included). */
static inline const struct wx_functype *wx_module_functype(
	const struct wx_module *m, uint32_t funcidx)
{
	return m->types[m->func_typeidx[funcidx]];
}

/* Name for messages: the name section's name, else an export name, else
 * NULL. */
const char *wx_module_funcname(const struct wx_module *m, uint32_t funcidx);

/* Find an export by name; returns NULL if there is none. */
const struct wx_export *wx_module_export_lookup(const struct wx_module *m,
						const char *name);

/* Intern a function type: returns the canonical type of the final
 * function type without supertype (nparams, nresults, types) alone in its
 * rec group - what a type written (func ...) in a module is - or NULL on
 * allocation failure.  Thread-safe; canonical types live until the
 * process ends (types.c). */
const struct wx_functype *wx_functype_intern(uint32_t nparams,
					     uint32_t nresults,
					     const wx_valtype_t *types);
/* The canonical type with id `id` (< the number of ids handed out). */
const struct wx_functype *wx_type_by_id(uint32_t id);
/* Subtyping (spec 3.3.x "Matching", iso-recursive): deftype a <: b,
 * heap type a <: b (both as nullable reference types, wx_vt_heap), value
 * type a <: b. */
bool wx_deftype_sub(const struct wx_functype *a, const struct wx_functype *b);
bool wx_heap_sub(wx_valtype_t a, wx_valtype_t b);
bool wx_valtype_sub(wx_valtype_t a, wx_valtype_t b);
/* The bottom heap type of t's hierarchy (none, nofunc, noextern, noexn),
 * as a nullable reference type. */
wx_valtype_t wx_heap_bottom(wx_valtype_t t);

/* Type of global `idx` (imports included). */
static inline struct wx_globaltype wx_module_globaltype(
	const struct wx_module *m, uint32_t idx)
{
	return m->globals[idx].type;
}

/* A value type's name for messages: "i32", "funcref", "(ref null 3)"
 * (the number a canonical id).  The names of the simple types are
 * constants; the others are formatted into a per-thread buffer that the
 * next few calls reuse (enough for the two of one message). */
const char *wx_valtype_name(wx_valtype_t t);

#endif
