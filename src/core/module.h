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

/* Value types, by their binary encoding (spec 5.3.1). */
enum wx_valtype {
	WX_I32 = 0x7f,
	WX_I64 = 0x7e,
	WX_F32 = 0x7d,
	WX_F64 = 0x7c,
	WX_V128 = 0x7b,
	WX_FUNCREF = 0x70,
	WX_EXTERNREF = 0x6f,
	WX_EXNREF = 0x69, /* exception handling (wasm 3.0) */
};

static inline bool wx_is_reftype(uint8_t t)
{
	return t == WX_FUNCREF || t == WX_EXTERNREF || t == WX_EXNREF;
}

/* A function type.  `types` holds nparams parameter types followed by
 * nresults result types.  Types are interned (wx_functype_intern) so two
 * equal types compare equal by pointer at run time (call_indirect). */
struct wx_functype {
	uint32_t nparams;
	uint32_t nresults;
	const uint8_t *types;
};

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
static inline uint8_t wx_addrtype(const struct wx_limits *l)
{
	return l->is64 ? WX_I64 : WX_I32;
}

struct wx_tabletype {
	uint8_t elemtype; /* WX_FUNCREF or WX_EXTERNREF */
	struct wx_limits limits;
};

struct wx_memtype {
	struct wx_limits limits; /* in 64 KiB pages */
};

struct wx_globaltype {
	uint8_t type;
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
	uint8_t *local_types;  /* nlocals entries, expanded from the groups */
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
	uint8_t elemtype; /* WX_FUNCREF or WX_EXTERNREF */
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
	const struct wx_functype **types; /* interned */

	uint32_t nimports;
	struct wx_import *imports;

	/* Index spaces.  n*_imported of each are imports, in import order. */
	uint32_t nfuncs, nfuncs_imported;
	uint32_t *func_typeidx; /* nfuncs entries, imports included */
	struct wx_funcdef *funcdefs; /* nfuncs - nfuncs_imported entries */

	uint32_t ntables, ntables_imported;
	struct wx_tabletype *tables; /* ntables entries, imports included */

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

/* Intern a function type: returns the unique stored copy equal to
 * (nparams, nresults, types), or NULL on allocation failure.  Thread-safe.
 * Interned types live until the process ends. */
const struct wx_functype *wx_functype_intern(uint32_t nparams,
					     uint32_t nresults,
					     const uint8_t *types);

/* Type of global `idx` (imports included). */
static inline struct wx_globaltype wx_module_globaltype(
	const struct wx_module *m, uint32_t idx)
{
	return m->globals[idx].type;
}

const char *wx_valtype_name(uint8_t t);

#endif
