/*
 * runtime.h - run-time objects: memories, tables, globals, functions,
 * instances, the linker that resolves imports, and the per-thread
 * execution context.  (spec 4.2 "Runtime Structure", 4.5 "Modules")
 *
 * Ownership: a store-like model without a store object.  Memories, tables
 * and globals are separately allocated and reference counted, because an
 * instance can export them to other instances (spec test `register`, and
 * WASIX's host-created env.memory).  Functions are owned by the instance
 * that defines them (host functions by their wx_hostfunc record) and
 * instances are kept alive by whoever created them for as long as any
 * reference to their functions may be used; the spec runner and the CLI
 * destroy instances only at exit.
 *
 * Reference values are 64-bit slots: 0 is null, a function reference
 * (funcref, (ref $t)) is a `struct wx_func *`, an externref an opaque
 * non-zero host value, an exnref a `struct wx_exn *`, an arrayref a
 * `struct wx_gc_obj *`.
 */
#ifndef WX_RUNTIME_H
#define WX_RUNTIME_H

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>

#include "../core/module.h"
#include "limits.h"

#define WX_PAGE_SIZE 65536u
#define WX_MAX_PAGES 65536u /* 4 GiB: the 32-bit address space */
/* A 64-bit memory (memory64) may declare up to 2^48 pages (2^64 bytes),
 * far beyond any address space: memory.c reserves at most this many
 * bytes for one, and a grow past what it could reserve fails. */
#define WX_MAX_PAGES64 (1ull << 48)
#define WX_MEM64_RESERVE (16ull << 30)
/* What a 32-bit memory reserves when it can: every address a 32-bit
 * access can form (u32 address + u32 offset + 16 bytes), so that past
 * the committed size an access faults instead of reaching other memory
 * (the native tier's guard pages, native_fault.c). */
#define WX_MEM32_GUARD_SPAN ((8ull << 30) + (64u << 10))

struct wx_thread;
struct wx_instance;
struct wx_code; /* translated function body, interp/compile.h */

/* A linear memory.  `base` never moves: the full maximum (or 4 GiB when
 * there is none; for a 64-bit memory at most WX_MEM64_RESERVE) is
 * reserved up front and pages are committed on grow, so the interpreter
 * and other threads can keep raw pointers. */
struct wx_memory {
	uint8_t *base;
	uint64_t size;      /* committed bytes = pages * WX_PAGE_SIZE */
	uint64_t max_pages; /* limit from the type, or WX_MAX_PAGES(64), at
			     * most the creator's cap (limits.h) */
	uint64_t reserved;  /* bytes of address space reserved at base */
	bool guarded;       /* reserved >= WX_MEM32_GUARD_SPAN (32-bit) */
	bool shared;
	bool is64;          /* memory64: i64 addresses */
	struct wx_memtype type; /* as declared, for import matching */
	pthread_mutex_t grow_lock;
	int refcount;
};

/* A table of references.  A 64-bit table (memory64's table64, i64
 * indices) has the same representation: its size never reaches 2^32
 * (table.c), which lets the interpreter clamp an i64 index to u32. */
struct wx_table {
	uint64_t *elems;
	uint32_t size;
	uint32_t max; /* from the type, or UINT32_MAX, at most the
		       * creator's cap (limits.h) */
	struct wx_tabletype type;
	int refcount;
};

/* A global.  v128 globals use both words. */
struct wx_globalinst {
	uint64_t val[2];
	struct wx_globaltype type;
	int refcount;
};

/* Host function ABI.  `args` holds the parameters, one 64-bit slot each
 * (i32 in the low half, floats as their bit patterns, refs as above); the
 * function writes its results over them, starting at args[0].  The slot
 * array is at least max(nparams, nresults) long.  Return 0, or a VM status
 * (WX_ETRAP after wx_thread_trap(), WX_EEXIT after setting exit_code). */
typedef int (*wx_host_fn)(struct wx_thread *t, void *ctx, uint64_t *args);

/* A function instance (spec 4.2.6). */
struct wx_func {
	const struct wx_functype *type; /* interned: compare by pointer */
	struct wx_instance *inst;       /* defining instance; NULL if host */
	uint32_t index;                 /* in the defining module */
	struct wx_code *code;           /* wasm: translated body */
	wx_host_fn host;                /* host: the C function */
	void *host_ctx;
	const char *host_name; /* host: "module.name", for messages */
};

/* A tag instance (exception handling): its identity is its address.
 * Owned by the defining instance, like functions. */
struct wx_tag {
	const struct wx_functype *type; /* interned; no results */
};

/* An exception (exnref values point at one; 0 is null).  Allocated by
 * throw on the throwing thread and kept on that thread's list until no
 * slot of its stack names it any more (exn.c). */
struct wx_exn {
	const struct wx_tag *tag;
	struct wx_exn *next; /* the thread's list */
	bool pinned;         /* stored in a global or table: never freed */
	bool mark;
	uint32_t n;          /* payload values: tag->type->nparams */
	uint64_t vals[];
};

/* A GC object (the GC proposal's arrays; struct and i31 are not
 * implemented): a reference to one is its address.  Only constant
 * expressions make them (array.new_default), so they are made while an
 * instance is created, and belong to it.
 * DEVIATION: no collection.  The instance frees its objects when it is
 * destroyed, like its functions: whoever holds references to them (a
 * table or global exported to another instance) must keep it alive,
 * the same contract as for function references (see the top). */
struct wx_gc_obj {
	struct wx_gc_obj *next;          /* the instance's objects */
	const struct wx_functype *type;  /* canonical: an array type */
	uint32_t len;
	uint64_t elems[];                /* one slot per element */
};

struct wx_gc_heap {
	struct wx_gc_obj *objs;
	bool failed; /* an allocation failed: the instantiation fails */
};

/* An external value (spec 4.2.11): what an import binds to. */
struct wx_extern {
	uint8_t kind; /* enum wx_externkind */
	union {
		struct wx_func *func;
		struct wx_table *table;
		struct wx_memory *memory;
		struct wx_globalinst *global;
		struct wx_tag *tag;
	} u;
};

/* A module instance (spec 4.2.5). */
struct wx_instance {
	const struct wx_module *module;
	struct wx_func **funcs;          /* nfuncs, imports first */
	struct wx_table **tables;        /* ntables */
	struct wx_memory **mems;         /* nmems */
	struct wx_globalinst **globals;  /* nglobals */
	bool *elem_dropped;              /* nelems */
	bool *data_dropped;              /* ndatas */
	struct wx_func *defined_funcs;   /* storage for the module's own */
	struct wx_tag **tags;            /* ntags, imports first */
	struct wx_tag *defined_tags;     /* storage for the module's own */
	/* Modules whose constant expressions allocate (module->gc_consts):
	 * the objects, and each expression segment's references evaluated
	 * once at instantiation (elem_vals[i], NULL for index segments),
	 * which table.init copies.  NULL otherwise. */
	struct wx_gc_heap *gc;
	uint64_t **elem_vals;
};

/* The linker: a list of (module name, field name) -> extern bindings used
 * to resolve imports.  Function bindings also match on the signature, so
 * one name may be bound several times with different types (WASIX legacy
 * shapes). */
struct wx_linker_entry {
	char *module_name;
	char *name;
	struct wx_extern ext;
	/* ext.u.func was allocated by wx_linker_define_host: freed in fini. */
	bool owns_func;
};

struct wx_linker {
	struct wx_linker_entry *entries;
	size_t n, cap;
	/* Called by wx_instance_create once the instance's memories and
	 * tables exist, before segments are copied and the start function
	 * runs: host modules (WASI) bind to the guest's memory here, so
	 * that a start function can already call them. */
	void (*on_alloc)(struct wx_instance *inst, void *ctx);
	void *on_alloc_ctx;
	/* The bounds the memories and tables an instance creates obey
	 * (limits.h); NULL: the defaults.  Borrowed. */
	const struct wx_guest_limits *limits;
};

/* Declares a host function for wx_linker_define_host: the signature is
 * "(params)results" with i=i32 I=i64 f=f32 F=f64 r=externref R=funcref,
 * e.g. "(iiii)i". */
struct wx_hostfunc_def {
	const char *name;
	const char *sig;
	wx_host_fn fn;
};

void wx_linker_init(struct wx_linker *l);
void wx_linker_fini(struct wx_linker *l);
/* Bind (module_name, name) to `ext`.  Names are copied. 0 or ENOMEM. */
int wx_linker_define(struct wx_linker *l, const char *module_name,
		     const char *name, const struct wx_extern *ext);
/* Find the binding for (module_name, name).  The newest binding wins, except
 * that for functions (`functype` non-NULL) a binding of exactly that
 * interned type is preferred.  NULL if the name is not bound at all.
 * Memories, tables and globals bound here are retained by the linker. */
const struct wx_extern *wx_linker_lookup(const struct wx_linker *l,
					 const char *module_name,
					 const char *name,
					 const struct wx_functype *functype);
/* Bind every export of `inst` under `module_name` (spec test `register`). */
int wx_linker_define_instance(struct wx_linker *l, const char *module_name,
			      struct wx_instance *inst);
/* Bind `n` host functions under `module_name`, each with `ctx`.  The
 * wx_func records are allocated here and freed by wx_linker_fini. */
int wx_linker_define_host(struct wx_linker *l, const char *module_name,
			  const struct wx_hostfunc_def *defs, size_t n,
			  void *ctx);

/* Instantiate (spec 4.5.4): resolve imports through `l`, allocate, run
 * element and data initialisation, then the start function on thread `t`.
 * Returns 0; WX_ELINK (unknown import / incompatible import type, with
 * the import named in r); WX_ETRAP (a segment out of bounds, or the start
 * function trapped: the instance is still returned in *ip in that case,
 * since its effects are visible, as the spec requires); ENOMEM. */
int wx_instance_create(const struct wx_module *m, struct wx_linker *l,
		       struct wx_thread *t, struct wx_instance **ip,
		       struct wx_report *r);
void wx_instance_destroy(struct wx_instance *inst);
/* Look up an export; false if there is none by that name. */
bool wx_instance_export(struct wx_instance *inst, const char *name,
			struct wx_extern *out);

/* Objects, also for host-created imports (spectest, WASIX env.memory). */
int wx_memory_create(const struct wx_memtype *type, struct wx_memory **mp);
/* The same with at most `cap` pages (limits.h): EFBIG when the type's
 * minimum is above it; grow stops there. */
int wx_memory_create_capped(const struct wx_memtype *type, uint64_t cap,
			    struct wx_memory **mp);
void wx_memory_release(struct wx_memory *mem);
/* Grow by `delta` pages; returns the old size in pages, or -1. */
int64_t wx_memory_grow(struct wx_memory *mem, uint64_t delta);
int wx_table_create(const struct wx_tabletype *type, uint64_t init,
		    struct wx_table **tp);
/* The same with at most `cap` elements: EFBIG when the type's minimum is
 * above it; grow stops there. */
int wx_table_create_capped(const struct wx_tabletype *type, uint64_t init,
			   uint32_t cap, struct wx_table **tp);
/* The one-line report of a memory that could not be created (error
 * `err` of wx_memory_create_capped for `type`, described as `what`, e.g.
 * "memory 0"): EFBIG names the bound. */
void wx_report_memory_error(struct wx_report *r, int err, const char *what,
			    const struct wx_memtype *type,
			    const struct wx_guest_limits *lim);
/* Describe a size in bytes for a message: "16 MiB", "1.5 GiB", "800
 * bytes" (memory.c). */
void wx_format_size(uint64_t bytes, char *buf, size_t len);
void wx_table_release(struct wx_table *tab);
/* Grow by `delta` filling with `init`; returns the old size, or -1. */
int64_t wx_table_grow(struct wx_table *tab, uint64_t delta, uint64_t init);
int wx_global_create(struct wx_globaltype type, const uint64_t val[2],
		     struct wx_globalinst **gp);
void wx_global_release(struct wx_globalinst *g);
/* Take one more reference (refcounts are atomic: threads share memories). */
void wx_memory_retain(struct wx_memory *mem);
void wx_table_retain(struct wx_table *tab);
void wx_global_retain(struct wx_globalinst *g);

/* Checked guest-memory access: a pointer to [addr, addr+len) in `mem`, or
 * NULL if any byte is out of range.  The only sanctioned way for host
 * code to reach guest memory. */
static inline void *wx_memory_ptr(struct wx_memory *mem, uint64_t addr,
				  uint64_t len)
{
	/* Another thread may grow a shared memory meanwhile: one acquire
	 * load (memory.c) - a plain load on the usual hardware. */
	uint64_t size = __atomic_load_n(&mem->size, __ATOMIC_ACQUIRE);
	if (addr > size || len > size - addr)
		return NULL;
	return mem->base + addr;
}

/* ---- traps and the execution context ---- */

enum wx_trap {
	WX_TRAP_NONE = 0,
	WX_TRAP_UNREACHABLE,
	WX_TRAP_OOB_MEMORY,
	WX_TRAP_OOB_TABLE,
	WX_TRAP_DIV_ZERO,
	WX_TRAP_INT_OVERFLOW,
	WX_TRAP_INVALID_CONVERSION,
	WX_TRAP_INDIRECT_NULL,      /* "uninitialized element" */
	WX_TRAP_INDIRECT_TYPE,      /* "indirect call type mismatch" */
	WX_TRAP_UNDEFINED_ELEMENT,  /* call_indirect index past the table */
	WX_TRAP_STACK_EXHAUSTED,
	WX_TRAP_UNALIGNED_ATOMIC,
	WX_TRAP_NULL_REFERENCE,
	WX_TRAP_OOB_DATA_SEGMENT,   /* instantiation: data segment */
	WX_TRAP_OOB_ELEM_SEGMENT,   /* instantiation: element segment */
	WX_TRAP_EXPECTED_SHARED,    /* wait on an unshared memory */
	WX_TRAP_HOST,               /* a host function failed */
	WX_TRAP_INTERRUPTED,        /* interrupt word raised, no handler */
	WX_TRAP_NULL_EXNREF,        /* throw_ref of a null exnref */
	WX_TRAP_UNCAUGHT_EXCEPTION, /* an exception left the program */
	WX_TRAP_NULL_FUNCREF,       /* call_ref of a null reference */
};

/* The spec's wording for a trap kind (as in the .wast assert_trap). */
const char *wx_trap_message(enum wx_trap kind);

#define WX_TRAP_TRACE_MAX 32

/* One activation record on the control stack.  An interpreter loop's
 * entry is marked by a sentinel record with func and ret_pc NULL; its fp
 * is the frame of the function that made the host call the loop runs in
 * (NULL for the outermost loop). */
struct wx_frame {
	struct wx_func *func;
	const uint32_t *ret_pc; /* caller's code position to resume */
	uint64_t *fp;           /* this frame's slot 0 (first parameter) */
};

/* One entry into native code on a thread (src/native/native_rt.c), as
 * the runtime sees it: enough to tell whether a snapshot taken in it can
 * still be resumed.  Entries nest (a signal handler, a start function
 * called by a host function) on the same host stack. */
struct wx_native_entry {
	struct wx_native_entry *outer;
	uint64_t serial; /* unique per thread: an entry's address is reused */
	char *top;       /* the top of the native stack part guest code uses */
};

/* Where the running host function was called from: enough to continue
 * the interpreter after that call again (vfork parent, longjmp). */
struct wx_callsite {
	const uint32_t *ret_pc;     /* next instruction after the call */
	uint64_t *fp;               /* the calling frame */
	struct wx_func *func;       /* the calling function */
	uint64_t *args;             /* the call's argument/result slots */
	struct wx_frame *entry_frame; /* sentinel of the interpreter loop */
	/* A call from native code: its entry, the host stack address of
	 * the call (lower is deeper) and the call's byte offset; NULL for
	 * the interpreter. */
	struct wx_native_entry *native;
	char *native_sp;
	uint32_t native_off;
};

/* A saved interpreter state (design.md, "The process model"): the call
 * site plus copies of the frames and value slots that later execution may
 * overwrite.  O(stack in use), never O(memory). */
struct wx_snapshot {
	struct wx_callsite site;
	struct wx_frame *frame_top;
	struct wx_frame *frames_from; /* first saved frame */
	struct wx_frame *frame_copy;
	size_t nframes, frame_cap;
	uint64_t *slots_from; /* first saved slot */
	uint64_t *slot_copy;
	size_t nslots, slot_cap; /* the caps: a retaken snapshot reuses */
	/* Native code (site.native != NULL): the used part of the host
	 * stack from nsp to the entry's top, and the registers, taken by
	 * the native tier when the host call returns (native_rt.c); until
	 * then the snapshot is pending on `pending_on`. */
	uint64_t native_serial;
	char *nsp;
	uint8_t *ncopy;
	size_t nlen, ncap;
	jmp_buf njb;
	struct wx_thread *pending_on;
};

/* Per-thread execution context.  Owns the value stack (slots) and the
 * control stack (frames); wasm calls never recurse on the C stack. */
struct wx_thread {
	/* Value slots.  The allocation is twice stack_end - stack: the
	 * upper half mirrors the slots and holds the high halves of v128
	 * values (interp_simd.c), slot p's at p + wx_v128_hi(t). */
	uint64_t *stack;
	uint64_t *stack_end;
	struct wx_frame *frames;
	struct wx_frame *frames_end;
	struct wx_frame *frame_top; /* next free frame */
	/* First free slot while a host function runs: where a re-entrant
	 * wx_call (start functions, signal handlers) puts its frame. */
	uint64_t *host_sp;
	volatile uint32_t interrupt; /* non-zero: stop at the next check */

	/* Set when a call returns WX_ETRAP. */
	enum wx_trap trap;
	const struct wx_func *trap_func;
	uint32_t trap_offset; /* byte offset in the module, 0 if unknown */
	char trap_detail[160]; /* WX_TRAP_HOST: what failed */
	/* The guest call stack at the trap, innermost first (trap_func and
	 * trap_offset are entry 0); the outermost frames beyond
	 * WX_TRAP_TRACE_MAX are dropped.  Host frames do not appear. */
	struct {
		const struct wx_func *func;
		uint32_t offset; /* byte offset in the module, 0 unknown */
	} trap_trace[WX_TRAP_TRACE_MAX];
	uint32_t trap_depth; /* entries of trap_trace used */
	bool trap_trace_cut; /* there were more frames than trap_trace holds */

	/* Set by the interpreter before every host call. */
	struct wx_callsite site;
	/* WX_ERESUME: the state to continue from, and the value for the
	 * resumed call's first result slot. */
	const struct wx_snapshot *resume;
	uint64_t resume_result;

	/* Called at a safe point when `interrupt` is set (signals, thread
	 * exit).  t->site then describes the interrupted instruction, which
	 * runs again if the hook returns 0; any other status is returned
	 * from the interpreter.  NULL: an interrupt is the trap
	 * WX_TRAP_INTERRUPTED (timeouts of embedders). */
	int (*on_interrupt)(struct wx_thread *t, void *ctx);
	void *on_interrupt_ctx;
	/* The host thread running this context, for wx_thread_kick (valid
	 * when has_host_thread). */
	pthread_t host_thread;
	bool has_host_thread;
	/* The embedder's id for this thread (WASIX tid; 0 if unused). */
	uint32_t id;
	void *owner; /* the embedder's record of this thread, or NULL */
	int exit_code;         /* WX_EEXIT */

	/* Exception handling (exn.c): the exception a call ended with
	 * (WX_EEXCEPTION), and every exception this thread allocated and
	 * has not freed, collected when their number reaches exn_gc_at. */
	struct wx_exn *exn;
	struct wx_exn *exns;
	size_t nexns, exn_gc_at;
	/* Set by the embedder for a thread whose guest code must set up
	 * its stack and TLS before a signal handler can run on it (its
	 * interrupt hook decides when that is); the interpreter clears it
	 * when the thread's first host call returns (the guest's setup is
	 * done by then) and raises WX_INTR_SIGNAL so that what was held
	 * back is looked at again. */
	bool signals_deferred;
	/* Guest frames live in native code on this thread, as far as
	 * thread setup asks (wasix/thread.c): the native tier keeps no
	 * frame records and no count, so this is 0 when there are none,
	 * 1 when its last safe point was in the outermost entry's own
	 * function, 2 when deeper. */
	uint32_t native_depth;
	/* The innermost native entry running on this thread, and the
	 * snapshot a host function asked for that the native tier takes
	 * when the call returns (wx_snapshot_take). */
	struct wx_native_entry *native_entry;
	struct wx_snapshot *snap_pending;
};

/* How many guest frames are live on t, in either tier. */
static inline size_t wx_thread_guest_depth(const struct wx_thread *t)
{
	return (size_t)(t->frame_top - t->frames) +
	       t->native_depth;
}

/* Distance, in slots, from a slot to the high half of the v128 in it. */
static inline ptrdiff_t wx_v128_hi(const struct wx_thread *t)
{
	return t->stack_end - t->stack;
}

/* Default sizes: enough for deep but finite recursion; exhaustion is the
 * "call stack exhausted" trap. */
#define WX_DEFAULT_STACK_SLOTS (1u << 20)
#define WX_DEFAULT_MAX_FRAMES (1u << 16)

int wx_thread_init(struct wx_thread *t, size_t slots, size_t frames);
void wx_thread_fini(struct wx_thread *t);
/* Record a trap; returns WX_ETRAP for `return wx_thread_trap(...)`. */
int wx_thread_trap(struct wx_thread *t, enum wx_trap kind);

/* The default engine's entries, registered by the interpreter when it
 * initialises (interp/engine.c): the runtime calls down through them and
 * never names the interpreter's functions, so the two layers are no
 * circle.  A module another tier runs carries that tier's entry itself
 * (module->tier_call). */
struct wx_engine {
	int (*call)(struct wx_thread *t, struct wx_func *f, uint64_t *args);
	/* Translate what the function on a guest stack calls directly, for
	 * a host fork (wx_thread_translate_callees). */
	void (*translate_callees)(const struct wx_func *f);
};
void wx_engine_register(const struct wx_engine *e);
/* The registered engine, NULL before the interpreter initialised. */
const struct wx_engine *wx_engine_get(void);

/* Call `f` with nparams args in `args`; results are written to `args`
 * (which must hold max(nparams, nresults) slots; a v128 parameter or
 * result takes two, low half first).  Returns 0 or a VM status; on
 * WX_ETRAP see t->trap.  Implemented by the interpreter. */
int wx_call(struct wx_thread *t, struct wx_func *f, uint64_t *args);

/* Save the state of the host call now running on `t` (t->site) into `s`,
 * which is zeroed or a snapshot taken before (its buffers are reused):
 * the frame records and value slots from `from` up.  NULL: the whole
 * stack (vfork: the child runs on the same stacks and may overwrite all
 * of it).  Else a frame record of the interpreter loop that made the
 * call (t->site.entry_frame < from <= t->frame_top), whose slots start
 * at from->fp, or at the calling frame's when from == t->frame_top:
 * setjmp saves from the function that called it, as nothing below that
 * changes while it is live.  0 or ENOMEM (then `s` is freed).
 * From native code (t->site.native) `from` does not apply: `s` is left
 * pending on t, and the native tier takes it - the whole used part of
 * the host stack - when the host function returns 0 (native_rt.c). */
int wx_snapshot_take(struct wx_thread *t, struct wx_snapshot *s,
		     const struct wx_frame *from);
void wx_snapshot_free(struct wx_snapshot *s);
/* For a snapshot of native code: whether the entry it was taken in is
 * still running on t and the current host call is not shallower than
 * the snapshot's (less a margin for the frames of libc's setjmp and
 * longjmp functions) - as far as native code can tell, the function
 * that took it has not returned. */
bool wx_snapshot_native_live(const struct wx_thread *t,
			     const struct wx_snapshot *s);
/* Make the running host function's caller continue at `s` as if that
 * call had just returned `result` in its first result slot: returns
 * WX_ERESUME for the host function to return. */
int wx_thread_resume(struct wx_thread *t, const struct wx_snapshot *s,
		     uint64_t result);
/* Translate now the functions that the functions on t's guest stack (the
 * caller of the running host function and its innermost callers) call
 * directly, where not translated yet.  For a host fork: what a child translates is
 * lost when it exits, so every child would translate its own path (the
 * `if (pid == 0) { ...; _exit(); }` branch) again, at the price of the
 * page faults its allocations take in copy-on-write memory. */
void wx_thread_translate_callees(struct wx_thread *t);

/* memory.atomic.wait32/64 and WASIX futex_wait (threads proposal, 4.4.7):
 * block while the value at `ea` equals `expected`, at most `timeout_ns`
 * (< 0: forever).  Returns 0 woken, 1 not-equal, 2 timed out, or -1 when
 * the thread was kicked (t->interrupt set): the caller delivers the
 * interrupt and restarts the wait. */
int wx_atomic_wait(struct wx_thread *t, struct wx_memory *mem, uint64_t ea,
		   uint64_t expected, bool is64, int64_t timeout_ns);
/* memory.atomic.notify: wake up to `count` waiters on `ea`; returns how
 * many were woken. */
uint32_t wx_atomic_notify(struct wx_memory *mem, uint64_t ea, uint32_t count);
/* Raise bits in t->interrupt and wake t if it is blocked in a wait or a
 * host system call (with WX_KICK_SIGNAL, whose handler does nothing).
 * Async-signal-safe when bits are set from a signal handler on t's own
 * host thread with wx_thread_kick_self. */
void wx_thread_kick(struct wx_thread *t, uint32_t bits);
#define WX_KICK_SIGNAL (SIGRTMIN + 1)
/* Install the no-op handler of WX_KICK_SIGNAL (once per process). */
void wx_kick_init(void);

/* Interrupt bits (t->interrupt). */
#define WX_INTR_SIGNAL 1u  /* a signal is pending for the guest */
#define WX_INTR_EXIT 2u    /* the thread must end (process exit) */
#define WX_INTR_TIMEOUT 4u /* an embedder's deadline passed */
#define WX_INTR_EINTR 8u   /* ...and blocked calls should fail with EINTR */
#define WX_INTR_RESTART 16u /* ...or be made again after it (SA_RESTART):
			     * the host function returns WX_ERESTART */

/* The thread running wasm on this host thread (set by wx_call), so that
 * host code deep in a blocking call can ask whether to give up with EINTR
 * instead of retrying. */
extern __thread struct wx_thread *wx_current_thread;
static inline bool wx_interrupt_pending(void)
{
	struct wx_thread *t = wx_current_thread;
	return t != NULL && (__atomic_load_n(&t->interrupt, __ATOMIC_ACQUIRE) &
			     ~WX_INTR_SIGNAL) != 0;
}

/* A blocking host call interrupted by a signal whose handler has
 * SA_RESTART (and no other reason to give up): return WX_ERESTART
 * without writing results, and the interpreter runs the handler and then
 * makes the call again. */
static inline bool wx_restart_pending(void)
{
	struct wx_thread *t = wx_current_thread;
	uint32_t i;
	if (t == NULL)
		return false;
	i = __atomic_load_n(&t->interrupt, __ATOMIC_ACQUIRE);
	return (i & WX_INTR_RESTART) && !(i & ~(WX_INTR_SIGNAL | WX_INTR_RESTART));
}

/* Format "trap message (in func NAME at offset 0x..)" into buf. */
void wx_thread_describe_trap(const struct wx_thread *t, char *buf,
			     size_t len);
/* The guest backtrace of the last trap, one indented line per frame
 * ("    #1 middle (function 2) at byte offset 0x35\n"), repeated frames
 * of a recursion on one line; empty when the trap has one frame.
 * Returns the length written. */
size_t wx_thread_format_backtrace(const struct wx_thread *t, char *buf,
				  size_t len);

/* Allocate an exception of `tag` with its payload copied from `vals`
 * (tag->type->nparams values).  Exceptions no slot in [t->stack,
 * live_end) names (directly or through another exception's payload) may
 * be freed first.  NULL if out of memory. */
struct wx_exn *wx_exn_new(struct wx_thread *t, const struct wx_tag *tag,
			  const uint64_t *vals, const uint64_t *live_end);
/* Free every unpinned exception of t (wx_thread_fini). */
/* The same for the native tier: the payload without v128 high halves,
 * and the C stack [stack_lo, stack_hi) as roots. */
struct wx_exn *wx_exn_new_native(struct wx_thread *t,
				 const struct wx_tag *tag,
				 const uint64_t *vals, const void *stack_lo,
				 const void *stack_hi);
void wx_exn_free_all(struct wx_thread *t);
/* An uncaught exception ending a call as a trap: for embedders whose
 * caller cannot handle WX_EEXCEPTION (the CLI, thread and process entry
 * points).  Returns WX_ETRAP if rc is WX_EEXCEPTION, else rc. */
int wx_exn_uncaught(struct wx_thread *t, int rc);

/* Evaluate a validated constant expression in the context of `inst`
 * (whose imported globals must already be bound). */
void wx_constexpr_eval(const struct wx_instance *inst,
		       const struct wx_constexpr *ce, uint64_t out[2]);

/* Load = decode + validate/translate every function body.  What the CLI
 * and the spec runner call. Returns as wx_module_decode. */
int wx_module_load(const uint8_t *data, size_t size, struct wx_module **mp,
		   struct wx_report *r);
/* Called by wx_module_load on every module that validated, before it is
 * returned: another tier (src/native) attaches itself here (the
 * module's tier_call), per the policy of the program that registered
 * it.  Non-zero fails the load (with r set).  NULL: the interpreter. */
extern int (*wx_module_tier_hook)(struct wx_module *m, struct wx_report *r);
/* Whether the host supplies defined function `funcidx` of `m` in place of
 * its body (wasix's libc stubs: libc_sigmask.c), so that every tier
 * calls the host function there.  Registered by the layer that knows
 * them; NULL: none. */
extern bool (*wx_module_host_replaces)(const struct wx_module *m,
				       uint32_t funcidx);
/* As wx_module_load, from a file's contents (wx_os_read_all), which it
 * releases: the module takes a large file's buffer instead of a copy. */
struct wx_os_file;
int wx_module_load_file(struct wx_os_file *f, struct wx_module **mp,
			struct wx_report *r);

#endif
