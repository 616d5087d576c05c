/*
 * embed_wasm.h - what the files implementing include/wasm.h share: the
 * records behind its opaque types.
 *
 * Types (valtype, functype, ...) are plain owned values.  Every reference
 * (func, global, table, memory, extern, instance, trap, foreign, module)
 * is a handle of one layout, struct wasm_ref_t, whose `obj` names the
 * run-time object; handles are cheap and copies name the same object.
 * The run-time objects belong to the store and are freed with it.
 */
#ifndef WX_EMBED_WASM_H
#define WX_EMBED_WASM_H

#include "../../include/wasm.h"
#include "../runtime/runtime.h"

struct wasm_valtype_t {
	wasm_valkind_t kind;
};

/* The first member of each of the four extern types. */
struct wasm_externtype_t {
	wasm_externkind_t kind;
};

struct wasm_functype_t {
	struct wasm_externtype_t ext;
	wasm_valtype_vec_t params, results;
};

struct wasm_globaltype_t {
	struct wasm_externtype_t ext;
	wasm_valtype_t *content;
	wasm_mutability_t mut;
};

struct wasm_tabletype_t {
	struct wasm_externtype_t ext;
	wasm_valtype_t *element;
	wasm_limits_t limits;
};

struct wasm_memorytype_t {
	struct wasm_externtype_t ext;
	wasm_limits_t limits;
};

struct wasm_importtype_t {
	wasm_name_t module, name;
	wasm_externtype_t *type;
};

struct wasm_exporttype_t {
	wasm_name_t name;
	wasm_externtype_t *type;
};

struct wasm_config_t {
	int unused;
};

struct wasm_engine_t {
	int unused;
};

enum wx_wref_kind {
	WX_REF_FUNC = WASM_EXTERN_FUNC,
	WX_REF_GLOBAL = WASM_EXTERN_GLOBAL,
	WX_REF_TABLE = WASM_EXTERN_TABLE,
	WX_REF_MEMORY = WASM_EXTERN_MEMORY,
	WX_REF_INSTANCE = 16,
	WX_REF_TRAP,
	WX_REF_FOREIGN,
	WX_REF_MODULE,
};

struct wasm_ref_t {
	uint8_t kind; /* enum wx_wref_kind */
	wasm_store_t *store;
	void *info;
	void (*finalizer)(void *);
	/* func: struct wx_func; global: struct wx_globalinst; table:
	 * struct wx_table; memory: struct wx_memory; instance: struct
	 * wx_instance; trap: struct wx_wtrap (the handle's own); foreign:
	 * a store-owned identity; module: struct wx_wmodule. */
	void *obj;
};

/* Each reference type is the handle itself. */
struct wasm_func_t { struct wasm_ref_t r; };
struct wasm_global_t { struct wasm_ref_t r; };
struct wasm_table_t { struct wasm_ref_t r; };
struct wasm_memory_t { struct wasm_ref_t r; };
struct wasm_extern_t { struct wasm_ref_t r; };
struct wasm_instance_t { struct wasm_ref_t r; };
struct wasm_trap_t { struct wasm_ref_t r; };
struct wasm_foreign_t { struct wasm_ref_t r; };
struct wasm_module_t { struct wasm_ref_t r; };

/* A module, shared by its handles, shared_module records and the
 * instances made from it. */
struct wx_wmodule {
	struct wx_module *m;
	int refs; /* atomic */
};

struct wasm_shared_module_t {
	struct wx_wmodule *mod;
};

struct wx_wframe_rec {
	const struct wx_instance *inst;
	uint32_t func_index;
	size_t func_offset, module_offset;
};

struct wasm_frame_t {
	struct wx_wframe_rec f;
	wasm_store_t *store;
};

/* What a trap handle owns. */
struct wx_wtrap {
	int refs; /* atomic: the handles naming it */
	char *msg;
	struct wx_wframe_rec *frames;
	size_t nframes;
};

/* Something the store frees when it is deleted. */
struct wx_wowned {
	void (*free)(void *);
	void *p;
};

struct wasm_store_t {
	struct wx_thread t;
	int depth; /* calls into wasm in progress on t */
	struct wx_wowned *owned;
	size_t nowned, capowned;
	/* instances made here, with one canonical handle each (frames
	 * name it) */
	struct { struct wx_instance *inst; wasm_instance_t *h; } *insts;
	size_t ninsts, capinsts;
};

/* ---- embed_wasm_types.c ---- */
wasm_valkind_t wx_wasm_kind_of(wx_valtype_t wx_type);
uint8_t wx_wasm_type_of(wasm_valkind_t kind);
/* The functype of an engine type; NULL on ENOMEM. */
wasm_functype_t *wx_wasm_functype_from(const struct wx_functype *ft);
/* The interned engine type of a functype; NULL on ENOMEM. */
const struct wx_functype *wx_wasm_functype_to(const wasm_functype_t *ft);
void wx_wasm_limits_from(const struct wx_limits *l, wasm_limits_t *out);
void wx_wasm_limits_to(const wasm_limits_t *l, struct wx_limits *out);

/* ---- embed_wasm_store.c ---- */
/* Have the store free p with fn at its end; false on ENOMEM (p freed). */
bool wx_wasm_own(wasm_store_t *s, void (*fn)(void *), void *p);
/* A new handle of `kind` for `obj` in store s; NULL on ENOMEM. */
struct wasm_ref_t *wx_wasm_ref_new(wasm_store_t *s, uint8_t kind, void *obj);
/* Value <-> engine slot, for a value of engine type `type`. */
bool wx_wasm_val_to_slot(wasm_store_t *s, const wasm_val_t *v, uint64_t *slot);
void wx_wasm_val_from_slot(wasm_store_t *s, wx_valtype_t type, uint64_t slot,
			   wasm_val_t *v);
/* The trap for a failed call (status rc) on the store's thread. */
wasm_trap_t *wx_wasm_trap_from(wasm_store_t *s, int rc);
/* The trap a host function returned: wx_wasm_trap_from gives it back. */
void wx_wasm_set_host_trap(wasm_trap_t *t);
wasm_instance_t *wx_wasm_instance_handle(wasm_store_t *s,
					 const struct wx_instance *inst);

#endif
