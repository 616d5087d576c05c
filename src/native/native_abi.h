/*
 * native_abi.h - the contract between the runtime and the C that the
 * native tier generates (native_emit.c) and compiles into a shared object.
 *
 * One text defines it: WXN_ABI_DECLS expands to the declarations here, and
 * the translator pastes the same text, stringified, at the top of every
 * generated file, so the two sides cannot drift apart.  A shared object
 * records WXN_ABI_VERSION in its header and is refused by a runtime with
 * another: bump it with any change to the text below or to the meaning of
 * a field.
 *
 * The generated code reaches the runtime only through the table of
 * function pointers in struct wxn_rt (passed in the context), so a
 * compiled module needs no symbol of the runtime: the runtime keeps its
 * symbols hidden, and the same .so serves the CLI and libwasixrt.so.
 *
 * wxn_func and wxn_table mirror the first fields of struct wx_func and
 * struct wx_table (native_rt.c checks the offsets at compile time): what
 * call_indirect reads inline.  A global is read through its first word
 * (struct wx_globalinst's val[0]).
 */
#ifndef WX_NATIVE_ABI_H
#define WX_NATIVE_ABI_H

#define WXN_ABI_VERSION 6
#define WXN_MAGIC "wasixrt-native"

/* Memory 0 of 32 bits is bounds-checked by guard pages (native_fault.c)
 * where the translator writes its accesses as instructions that record
 * themselves in wxn_traps (native_emit_mem.inc): x86-64.  Elsewhere by
 * explicit compares. */
#if defined(__x86_64__)
#define WX_NATIVE_GUARD_PAGES 1
#else
#define WX_NATIVE_GUARD_PAGES 0
#endif

#define WXN_ABI_DECLS(...) __VA_ARGS__
#define WXN_ABI_TEXT_(...) #__VA_ARGS__
#define WXN_ABI_TEXT(...) WXN_ABI_TEXT_(__VA_ARGS__)

#define WXN_ABI_BODY                                                         \
	typedef struct wxn_ctx wxn_ctx;                                      \
	struct wxn_func {                                                    \
		const void *type;                                            \
		void *inst;                                                  \
		uint32_t index;                                              \
	};                                                                   \
	struct wxn_table {                                                   \
		uint64_t *elems;                                             \
		uint32_t size;                                               \
	};                                                                   \
	struct wxn_rt;                                                       \
	/* Exception handling (native_emit_eh.inc): a handler, and the */    \
	/* runtime's struct wx_exn (an exnref points at one). */             \
	struct wxn_eh {                                                      \
		struct wxn_eh *prev;                                         \
		jmp_buf jb;                                                  \
	};                                                                   \
	struct wxn_exn {                                                     \
		const void *tag;                                             \
		void *next;                                                  \
		_Bool pinned;                                                \
		_Bool mark;                                                  \
		uint32_t n;                                                  \
		uint64_t vals[];                                             \
	};                                                                   \
	struct wxn_mem { /* struct wx_memory's first fields */             \
		uint8_t *base;                                               \
		uint64_t size;                                               \
	};                                                                   \
	struct wxn_ctx {                                                     \
		uint8_t *mem;                                                \
		uint64_t msize;                                              \
		volatile uint32_t *intr;                                     \
		char *stack_limit;                                           \
		void *inst;                                                  \
		struct wxn_func **funcs;                                     \
		uint64_t **globals;                                          \
		struct wxn_table **tables;                                   \
		const void *const *types;                                    \
		const struct wxn_rt *rt;                                     \
		struct wxn_eh *eh;       /* innermost handler */             \
		void *exn;               /* the exception being caught */    \
		void *const *tags;       /* the instance's tags */           \
		struct wxn_mem *const *mems; /* the instance's memories */   \
	};                                                                   \
	struct wxn_rt {                                                      \
		void (*trap)(wxn_ctx *c, int kind, uint32_t func,            \
			     uint32_t off);                                  \
		void (*call)(wxn_ctx *c, uint32_t callee, uint64_t *args,    \
			     uint32_t func, uint32_t off);                   \
		void (*call_ref)(wxn_ctx *c, struct wxn_func *callee,        \
				 uint64_t *args, uint32_t func,              \
				 uint32_t off);                              \
		void (*interrupt)(wxn_ctx *c, uint32_t func, uint32_t off);  \
		uint32_t (*mem_grow)(wxn_ctx *c, uint32_t delta);            \
		void (*mem_init)(wxn_ctx *c, uint32_t seg, uint32_t d,       \
				 uint32_t s, uint32_t n, uint32_t func,      \
				 uint32_t off);                              \
		void (*data_drop)(wxn_ctx *c, uint32_t seg);                 \
		uint32_t (*table_grow)(wxn_ctx *c, uint32_t tab,             \
				       uint64_t init, uint32_t delta);       \
		void (*table_fill)(wxn_ctx *c, uint32_t tab, uint32_t d,     \
				   uint64_t val, uint32_t n, uint32_t func,  \
				   uint32_t off);                            \
		void (*table_copy)(wxn_ctx *c, uint32_t dt, uint32_t st,     \
				   uint32_t d, uint32_t s, uint32_t n,       \
				   uint32_t func, uint32_t off);             \
		void (*table_init)(wxn_ctx *c, uint32_t tab, uint32_t seg,   \
				   uint32_t d, uint32_t s, uint32_t n,       \
				   uint32_t func, uint32_t off);             \
		void (*elem_drop)(wxn_ctx *c, uint32_t seg);                 \
		uint64_t (*mem_check)(wxn_ctx *c, uint64_t end,              \
				      uint32_t func, uint32_t off);          \
		uint64_t (*mem_size)(wxn_ctx *c);                            \
		uint32_t (*atomic_wait)(wxn_ctx *c, uint64_t ea,             \
					uint64_t expected, uint64_t timeout, \
					int is64, uint32_t func,             \
					uint32_t off);                       \
		uint32_t (*atomic_notify)(wxn_ctx *c, uint64_t ea,           \
					  uint32_t count);                   \
		void *(*exn_new)(wxn_ctx *c, uint32_t tag,                   \
				 const uint64_t *vals, uint32_t func,        \
				 uint32_t off);                              \
		void (*throw_to)(wxn_ctx *c, void *exn, struct wxn_eh *h);   \
		/* Any memory, 64-bit operands (native_emit_mem.inc). */     \
		uint64_t (*mem_check_x)(wxn_ctx *c, uint32_t k, uint64_t end, \
					uint32_t func, uint32_t off);        \
		uint64_t (*mem_size_x)(wxn_ctx *c, uint32_t k);              \
		uint64_t (*mem_grow_x)(wxn_ctx *c, uint32_t k, uint64_t delta); \
		void (*mem_copy_x)(wxn_ctx *c, uint32_t dk, uint32_t sk,     \
				   uint64_t d, uint64_t s, uint64_t n,       \
				   uint32_t func, uint32_t off);             \
		void (*mem_fill_x)(wxn_ctx *c, uint32_t k, uint64_t d,       \
				   uint32_t val, uint64_t n, uint32_t func,  \
				   uint32_t off);                            \
		void (*mem_init_x)(wxn_ctx *c, uint32_t k, uint32_t seg,     \
				   uint64_t d, uint32_t s, uint32_t n,       \
				   uint32_t func, uint32_t off);             \
		/* Function idx is one the host supplies (runtime.h,         \
		 * wx_module_host_replaces): 1 when the host function ran    \
		 * (results in args), 0 when this instance has none. */      \
		int (*host_fn)(wxn_ctx *c, uint32_t idx, uint64_t *args);    \
	};                                                                   \
	typedef int (*wxn_entry_fn)(wxn_ctx *c, uint64_t *args);             \
	/* A guarded access (section wxn_traps): the instruction's address \
	 * is this record's plus rel; func UINT32_MAX marks no access.      \
	 * The same layout in section wxn_calls: a label just after a call  \
	 * (at or a few moves past its return address), with the caller   \
	 * and the call instruction's offset; func UINT32_MAX - 1: a call  \
	 * of a trampoline (tail-call driver, entry), no frame of its own. */\
	struct wxn_trap {                                                    \
		int32_t rel;                                                 \
		uint32_t func;                                               \
		uint32_t off;                                                \
	};                                                                   \
	struct wxn_image {                                                   \
		char magic[16];                                              \
		uint32_t abi;                                                \
		uint32_t nfuncs;                                             \
		uint64_t hash[2];                                            \
		char runtime[32];                                            \
		char machine[32];                                            \
		char compiler[160];                                          \
		char flags[96];                                              \
		const wxn_entry_fn *entries;                                 \
		const unsigned char *wasm;                                   \
		uint64_t wasm_size;                                          \
		const struct wxn_trap *traps, *traps_end;                    \
		const struct wxn_trap *calls, *calls_end;                    \
	};

#endif
