/*
 * code.h - the internal code format that compile.c emits and interp.c runs.
 *
 * A function body becomes an array of 32-bit words.  Each instruction is
 * one handler word followed by its operands:
 *  - the handler word is the distance of the handler's label from the
 *    interpreter's base label (computed-goto threading without a table
 *    lookup), taken from wx_interp_handler[] at emission time;
 *  - slot operands are indices into the frame: slot 0 is the first
 *    parameter, then the declared locals, then one slot per operand-stack
 *    height (a value at height h lives in slot nlocals + h unless it is a
 *    deferred local.get, which simply names the local's slot);
 *  - branch targets are word offsets relative to the branch instruction's
 *    first word;
 *  - 64-bit immediates take two words, low word first.
 * Every value occupies one 64-bit slot; an i32 or f32 is kept zero-extended.
 * A v128 too takes one slot number: its high half is in a shadow of the
 * slot stack (interp_simd.c).
 *
 * Constants emit no code of their own: the compiler keeps them on its
 * operand stack and the consumer takes them as an immediate word (the
 * _ri ops of ops.def) or writes them where they must live (const32/64).
 * Likewise a compare feeding br_if/if becomes one fused branch, and an
 * i32.add feeding a load or store address, a load feeding an f64 op, and
 * a few frequent i32 pairs become one op (ops.def); the fused op keeps
 * the code position of the part that can trap.
 *
 * Calls share slots: the caller's arguments are already in the slots where
 * the callee's frame begins, so a call copies nothing.
 */
#ifndef WX_CODE_H
#define WX_CODE_H

#include "../util/common.h"

/* Internal operations: every wasm instruction ident of opcodes.def plus
 * the internal ones of ops.def. */
enum wx_op {
#define OP(code, ident, name, imm, sig, align) WX_OP_##ident,
#include "../core/opcodes.def"
#define XOP(ident) WX_OP_##ident,
#include "ops.def"
	WX_NUM_OPS
};

/* Where a trap happened: code word index -> wasm byte offset. */
struct wx_code_pos {
	uint32_t word;
	uint32_t offset;
};

/* Exception handling (compile_eh.c, interp.c): a region is the code of
 * a try or try_table body, [start, end) in words; a throw inside it (or
 * a call inside it that an exception leaves) tries the region's clauses
 * in order, then the region `next` (the enclosing region, or for a
 * legacy delegate the region it delegates to; -1: the caller). */
struct wx_eh_region {
	uint32_t start, end;
	int32_t next;
	uint32_t first, n; /* its clauses */
};

#define WX_EH_ALL UINT32_MAX  /* clause tag: catch_all */
#define WX_EH_NONE UINT32_MAX /* clause exn_slot: none */

struct wx_eh_clause {
	uint32_t region;
	uint32_t tag;      /* tag index in the module, or WX_EH_ALL */
	uint32_t dst;      /* slot of the first payload value */
	uint32_t exn_slot; /* slot for the exnref, or WX_EH_NONE */
	uint32_t target;   /* word to continue at */
};

struct wx_code {
	uint32_t *words;
	uint32_t nwords;
	uint32_t nparams;
	uint32_t nlocals;    /* params + declared locals */
	uint32_t frame_size; /* nlocals + maximum operand-stack height */
	struct wx_code_pos *pos; /* sorted by word */
	uint32_t npos;
	/* Function indices (in the module) that `call` names, in code
	 * order, without repeats of the previous entry: what a forked child
	 * may run next (wx_thread_translate_callees). */
	uint32_t *callees;
	uint32_t ncallees;
	struct wx_eh_region *eh; /* in order of their start */
	uint32_t neh;
	struct wx_eh_clause *clauses; /* grouped by region */
	uint32_t nclauses;
};

struct wx_instance;
struct wx_exn;
struct wx_memory;
/* The clause of `code` catching exception `e` thrown at word `pos`, or
 * NULL (compile_eh.c). */
const struct wx_eh_clause *wx_eh_find(const struct wx_code *code,
				       const struct wx_instance *inst,
				       uint32_t pos, const struct wx_exn *e);
/* Load or store of kind `kind` (a plain load/store op) at ea in a memory
 * other than memory 0 or in a 64-bit memory (any ea): 0, or -1 out of
 * bounds (interp_mm.c). */
int wx_mm_load(struct wx_memory *mem, uint32_t kind, uint64_t ea,
	       uint64_t *out);
int wx_mm_store(struct wx_memory *mem, uint32_t kind, uint64_t ea,
		uint64_t val);
/* Atomic access `op` (an 0xfe instruction's op) at ea in such a memory,
 * with operands b and c, the result in *out: 0, a trap kind (enum
 * wx_trap), or -1 when a wait was interrupted (t->interrupt: the caller
 * delivers it and runs the instruction again). */
struct wx_thread;
int wx_mm_atomic(struct wx_thread *t, struct wx_memory *mem, uint32_t op,
		 uint64_t ea, uint64_t b, uint64_t c, uint64_t *out);

/* SIMD (interp_simd.c, compile_simd.c, where the v128 layout is told):
 * every instruction is `simd sub dst a b c i0 i1 i2 i3`; sub is a
 * simd.def sub-opcode or one of these moves of a v128. */
#define WX_SIMD_WORDS 10
enum {
	WX_SIMD_COPY = 0x120,   /* dst a (after simd.def's, a dense switch) */
	WX_SIMD_SELECT,         /* dst a b c: c (i32) ? a : b */
	WX_SIMD_GLOBAL_GET,     /* dst, i0 global */
	WX_SIMD_GLOBAL_SET,     /* a, i0 global */
	WX_SIMD_MOVEN,          /* dst a, i0 n: n slots from a to dst <= a */
	WX_SIMD_MOVEHI,         /* as MOVEN, the high halves only */
};
struct wx_instance;
/* Run the SIMD instruction at pc in the frame fp whose v128 high halves
 * are at sh (fp + the stack size); memory 0 is mem[0, msize).  0, or -1
 * for an out-of-bounds access. */
int wx_simd_exec(const uint32_t *pc, uint64_t *fp, uint64_t *sh,
		 struct wx_instance *inst, uint8_t *mem, uint64_t msize);

/* wx_call of a function with v128 parameters or results, where args
 * holds a v128 as two words (low, high): false if ft has none; else the
 * arguments are placed from base (and the high halves in the shadow
 * slots), and wx_v128_results puts the results back into args. */
struct wx_thread;
struct wx_functype;
bool wx_v128_args(struct wx_thread *t, const struct wx_functype *ft,
		  const uint64_t *args, uint64_t *base);
void wx_v128_results(struct wx_thread *t, const struct wx_functype *ft,
		     uint64_t *args, const uint64_t *base);

/* Handler distances, filled once by wx_interp_init(). */
extern int32_t wx_interp_handler[WX_NUM_OPS];
void wx_interp_init(void);

/* The wasm byte offset of the instruction at word `word`, or 0. */
uint32_t wx_code_offset(const struct wx_code *code, uint32_t word);
void wx_code_destroy(struct wx_code *code);
#ifdef WX_OPSTATS
/* The profiling build's listing of a translated function (interp.c). */
void wx_opstats_dump_code(const struct wx_code *code, uint32_t funcidx);
#endif

#endif
