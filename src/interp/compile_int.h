/*
 * compile_int.h - the compiler's internal state, shared by compile.c
 * (control flow, locals, calls, the driver) and compile_ops.c (the
 * instructions with a signature, constants, tables, bulk memory).
 */
#ifndef WX_COMPILE_INT_H
#define WX_COMPILE_INT_H

#include "../core/module.h"
#include "../core/reader.h"
#include "code.h"

enum {
	IMM_NONE,
	IMM_BLOCKTYPE,
	IMM_LABEL,
	IMM_BRTABLE,
	IMM_FUNC,
	IMM_CALLIND,
	IMM_LOCAL,
	IMM_GLOBAL,
	IMM_TABLE,
	IMM_MEMARG,
	IMM_MEMIDX,
	IMM_I32,
	IMM_I64,
	IMM_F32,
	IMM_F64,
	IMM_SELECT_T,
	IMM_REFTYPE,
	IMM_DATA_MEM,
	IMM_DATA,
	IMM_MEM_MEM,
	IMM_ELEM_TABLE,
	IMM_ELEM,
	IMM_TABLE_TABLE,
	IMM_FENCE,
};

struct opinfo {
	const char *name; /* NULL: not an instruction */
	const char *sig;
	uint8_t imm;
	uint8_t align;
	uint16_t op;
	/* sig decoded at compile time (OPINFO_SIG): the parameter count
	 * and types and the result type (0: none), so that validating an
	 * instruction parses no string. */
	uint8_t np, pt[3], rt;
};

/* sig's characters i l f d as value types. */
#define SIG_T(ch)                                                        \
	((ch) == 'i' ? WX_I32 : (ch) == 'l' ? WX_I64 :                   \
	 (ch) == 'f' ? WX_F32 : (ch) == 'd' ? WX_F64 : 0)
/* The position of ':' in sig ("" has none: 0); never reads past it. */
#define SIG_NP(s)                                                        \
	((s)[0] == ':' || (s)[0] == 0 ? 0 : (s)[1] == ':' ? 1 :          \
	 (s)[2] == ':' ? 2 : 3)
#define SIG_PT(s, k) (SIG_NP(s) > (k) ? SIG_T((s)[k]) : 0)
/* The initialiser of np, pt and rt; string literals fold to constants
 * here (a GNU C extension that gcc and clang both accept). */
#define OPINFO_SIG(s)                                                    \
	SIG_NP(s), {SIG_PT(s, 0), SIG_PT(s, 1), SIG_PT(s, 2)},          \
		(s)[0] == 0 ? 0 : SIG_T((s)[SIG_NP(s) + 1])

/* CTRL_TRY_TABLE and CTRL_TRY are blocks whose body is an exception
 * handling region; a legacy try becomes CTRL_CATCH at its first catch
 * (compile_eh.c). */
enum ctrl_kind {
	CTRL_FUNC, CTRL_BLOCK, CTRL_LOOP, CTRL_IF, CTRL_ELSE,
	CTRL_TRY_TABLE, CTRL_TRY, CTRL_CATCH
};

/* An operand: a value in a slot, or a constant not yet written anywhere
 * (is_const; slot is then NO_SLOT).  Constants are deferred like
 * local.get so that their consumer can take them as an immediate. */
struct operand {
	wx_valtype_t type; /* 0: unknown (popped from a polymorphic stack) */
	bool is_const;
	uint32_t slot;
	uint64_t imm;
};

#define NO_SLOT UINT32_MAX

/* A compare taken back out of the code to fuse with a branch. */
struct cmp {
	enum wx_op op; /* a compare, its _ri variant, or i32/i64 eqz */
	uint32_t a, b; /* slots, or (for _ri) a slot and the immediate */
};

struct ctrl {
	uint8_t kind;
	bool unreachable; /* rest of this block is dead (after br etc.) */
	bool dead;        /* the block itself was entered in dead code */
	uint32_t height;  /* operand height below the block's params */
	uint32_t nparams, nresults;
	const wx_valtype_t *params, *results;
	wx_valtype_t single; /* storage for a one-result block type */
	uint32_t loop_start; /* loop: word index of the first instruction */
	int32_t fixups;      /* forward branches to patch at `end` */
	int32_t else_fix;    /* if: the br_z to patch at `else`/`end` */
	int32_t region;      /* try, try_table: its wx_eh_region, or -1 */
	uint32_t hidden;     /* catch: index of the slot keeping the exnref */
	bool catch_all;      /* catch: a catch_all arm was seen */
	uint32_t init_mark;  /* c->nset_log when the frame opened */
};

/* A branch operand to patch: code[word] = target - code[insn]. */
struct fixup {
	uint32_t word;
	uint32_t insn;
	int32_t next;
};

struct compiler {
	const struct wx_module *m;
	bool emit; /* false: validate only */
	struct wx_report *r;
	struct wx_reader rd;
	uint32_t funcidx;
	const struct wx_functype *type;
	wx_valtype_t *locals; /* types of params + declared locals */
	/* Function references: whether each local of a non-defaultable
	 * type has been set on every path to here (spec: local
	 * initialisation); NULL when the body has none.  Frames record
	 * how many were set on entry (init_mark) and restore that at
	 * their end. */
	uint8_t *local_set;
	uint32_t *set_log; /* locals set, in order, to undo at a block end */
	uint32_t nset_log, set_log_cap;
	uint32_t nlocals;
	uint32_t insn_offset; /* offset of the instruction being compiled */

	struct operand *stack;
	uint32_t sp, stack_cap, max_height;

	struct ctrl *ctrls;
	uint32_t nctrl, ctrl_cap;

	uint32_t *code;
	uint32_t ncode, code_cap;

	struct fixup *fix;
	uint32_t nfix, fix_cap;

	struct wx_code_pos *pos;
	uint32_t npos, pos_cap;

	uint32_t *callees; /* wx_code.callees */
	uint32_t ncallees, callees_cap;

	/* Exception handling (compile_eh.c): regions and clauses as in
	 * wx_code.  A legacy catch keeps its exnref (for rethrow) in a
	 * hidden slot, one per nesting depth of catch bodies: slots
	 * nlocals .. nlocals + nreserved - 1, below the operand stack, where
	 * no call's frame reaches.  A body needing more (nhidden) than were
	 * reserved is translated again with that many. */
	struct wx_eh_region *eh;
	uint32_t neh, eh_cap;
	struct wx_eh_clause *clauses;
	uint32_t nclauses, clauses_cap;
	uint32_t nhidden;   /* hidden slots the body needs */
	uint32_t nreserved; /* hidden slots reserved in this translation */
	uint32_t memidx;  /* the memory of the last memarg read */
	bool mem64;       /* ...is a 64-bit memory (memory64) */
	uint32_t offset_hi; /* ...and the high half of its offset */

	int32_t last_dst; /* word of the last op's result slot, or -1 */
	uint32_t last_at; /* first word of the last instruction */
	enum wx_op last_op;
	/* The instruction before the last one (WX_NUM_OPS: none or a label
	 * between), so that an op fused with the last one can fuse again
	 * with this one. */
	uint32_t prev_at;
	enum wx_op prev_op;
	uint32_t prev2_at; /* the instruction before prev, likewise */
	enum wx_op prev2_op;
	int err;
};

int wxc_fail(struct compiler *c, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define INVALID(...) wxc_fail(c, WX_EINVALID, __VA_ARGS__)
#define MALFORMED(...) wxc_fail(c, WX_EMALFORMED, __VA_ARGS__)

static inline struct ctrl *top_ctrl(struct compiler *c)
{
	return &c->ctrls[c->nctrl - 1];
}

/* Whether code is being emitted here: not in unreachable code, and not
 * at all in a validation-only pass (wx_compile_module), which walks the
 * body exactly as dead code is walked. */
static inline bool live(struct compiler *c)
{
	struct ctrl *f = top_ctrl(c);
	return c->emit && !f->unreachable && !f->dead;
}

/* The home slot of the operand at `height` (code.h). */
static inline uint32_t home(struct compiler *c, uint32_t height)
{
	return c->nlocals + c->nreserved + height;
}

bool wxc_grow(void **p, uint32_t *cap, uint32_t need, size_t elem);
int wxc_rd_u32(struct compiler *c, uint32_t *v);
int wxc_rd_u8(struct compiler *c, uint8_t *v);
void wxc_emit_word(struct compiler *c, uint32_t w);
uint32_t wxc_emit_op(struct compiler *c, enum wx_op op);
void wxc_emit_copy(struct compiler *c, uint32_t dst, uint32_t src);
void wxc_emit_n(struct compiler *c, enum wx_op op, uint32_t n,
		const uint32_t *w);
bool wxc_push_grow(struct compiler *c);

/* Push an operand.  Inline: nearly every instruction pushes, and the
 * load-time validation of every body is mostly pushes and pops. */
static inline void wxc_push(struct compiler *c, wx_valtype_t type,
			    uint32_t slot)
{
	if (c->sp >= c->stack_cap && !wxc_push_grow(c))
		return;
	c->stack[c->sp].type = type;
	c->stack[c->sp].is_const = false;
	c->stack[c->sp].slot = slot;
	c->stack[c->sp].imm = 0;
	c->sp++;
	if (c->sp > c->max_height)
		c->max_height = c->sp;
}
int wxc_pop(struct compiler *c, struct operand *out);
int wxc_pop_expect(struct compiler *c, wx_valtype_t type,
		   struct operand *out);
int wxc_pop_expect_k(struct compiler *c, wx_valtype_t type,
		     struct operand *out);
void wxc_materialize(struct compiler *c, uint32_t i);
void wxc_emit_const_to(struct compiler *c, uint32_t dst, wx_valtype_t type,
		       uint64_t bits);
bool wxc_take_cmp(struct compiler *c, const struct operand *cond,
		  struct cmp *out);
uint32_t wxc_emit_cmp_branch(struct compiler *c, const struct cmp *k,
			     bool negate, bool loop);

int wxc_read_memarg(struct compiler *c, const struct opinfo *oi,
		    uint32_t *offset, bool atomic);
int wxc_compile_generic(struct compiler *c, const struct opinfo *oi,
			uint32_t nimm, const uint32_t *imm);
void wxc_emit_const(struct compiler *c, wx_valtype_t type, uint64_t bits);
int wxc_compile_table_op(struct compiler *c, enum wx_op op);
int wxc_compile_fc(struct compiler *c);
int wxc_compile_fe(struct compiler *c);
int wxc_compile_select(struct compiler *c, bool typed);
/* Multi-memory and memory64 (compile_mm.c): a load or store (oi) on
 * memory memidx > 0 or on a 64-bit memory, memory.size/grow (op) of any
 * memory, and memory.init/copy/fill naming a memory other than 0 or a
 * 64-bit one (a, b: as wasm names them). */
int wxc_compile_access_mm(struct compiler *c, const struct opinfo *oi,
			  uint32_t offset, uint32_t memidx);
int wxc_compile_size_grow(struct compiler *c, const struct opinfo *oi,
			  uint32_t memidx);
int wxc_compile_bulk_mm(struct compiler *c, enum wx_op op, uint32_t a,
			uint32_t b);
/* An atomic access (oi, its memarg just read into c) to such a memory. */
int wxc_compile_atomic_mm(struct compiler *c, const struct opinfo *oi,
			  uint32_t offset);
/* Whether memory `idx` has 64-bit addresses (memory64). */
static inline bool wxc_mem64(const struct compiler *c, uint32_t idx)
{
	return idx < c->m->nmems && c->m->mems[idx].limits.is64;
}
/* Pop a table index of table `tab` (i32, or i64 for a 64-bit table,
 * which is then clamped to u32 in its home slot: table.c). */
int wxc_pop_table_index(struct compiler *c, uint32_t tab,
			struct operand *o);

/* SIMD (compile_simd.c): the 0xfd instructions, and the moves of a
 * value that are different for a v128 (its high half is elsewhere). */
int wxc_compile_simd(struct compiler *c);
/* The lanes of a lane instruction named `name`, and the natural
 * alignment (log2 bytes) of memory instruction `sub` (validate.c too). */
uint32_t wxc_simd_lanes(const char *name);
uint8_t wxc_simd_align(uint32_t sub);
void wxc_emit_move(struct compiler *c, wx_valtype_t type, uint32_t dst,
		   uint32_t src);
void wxc_emit_v128_select(struct compiler *c, uint32_t dst, uint32_t a,
			  uint32_t b, uint32_t cond);
void wxc_emit_v128_global(struct compiler *c, bool set, uint32_t slot,
			  uint32_t idx);
void wxc_emit_v128_moven(struct compiler *c, uint32_t dst, uint32_t src,
			 uint32_t n);
void wxc_emit_v128_zero(struct compiler *c, uint32_t dst);
/* The high halves only, of n slots from src to dst <= src. */
void wxc_emit_v128_movehi(struct compiler *c, uint32_t dst, uint32_t src,
			  uint32_t n);
static inline bool wxc_has_v128(uint32_t n, const wx_valtype_t *types)
{
	uint32_t i;
	for (i = 0; i < n; i++)
		if (types[i] == WX_V128)
			return true;
	return false;
}

/* Exception handling and tail calls (compile_eh.c); opc is the opcode
 * just read. */
int wxc_compile_eh(struct compiler *c, uint8_t opc);
/* Before the region of a try or try_table frame ends (end, delegate). */
void wxc_eh_close(struct compiler *c, struct ctrl *f);
/* Sort the clauses by region, at the end of a body. */
int wxc_eh_finish(struct compiler *c);

/* Pieces of compile.c that compile_eh.c shares. */
/* Forget the locals set since frame f opened (local initialisation). */
void wxc_reset_locals(struct compiler *c, const struct ctrl *f);
/* Read a value type of the body (select's, for one); 0 or reported. */
int wxc_read_valtype(struct compiler *c, wx_valtype_t *t);
/* Type index x if it names a function type, else NULL (reported). */
const struct wx_functype *wxc_functype_idx(struct compiler *c, uint64_t x);
int wxc_read_blocktype(struct compiler *c, struct ctrl *bt);
int wxc_open_block(struct compiler *c, uint8_t kind, struct ctrl *bt);
int wxc_check_results(struct compiler *c, struct ctrl *f);
int wxc_check_label_values(struct compiler *c, uint32_t n,
			   const wx_valtype_t *types);
int wxc_get_label(struct compiler *c, uint32_t depth, struct ctrl **fp);
void wxc_label_types(struct ctrl *f, uint32_t *n, const wx_valtype_t **t);
void wxc_emit_target(struct compiler *c, struct ctrl *f, uint32_t insn);
void wxc_set_unreachable(struct compiler *c);
uint32_t wxc_push_home(struct compiler *c, wx_valtype_t type);
int wxc_compile_end(struct compiler *c);

/* Validate defined function `funcidx` without translating it: 0, or the
 * status with the message in c->r (compile.c). */
int wxc_validate_function(struct compiler *c, uint32_t funcidx);
/* Free a compiler's buffers (its report is the caller's). */
void wxc_compiler_fini(struct compiler *c);
/* Validate every defined function of m at load (validate_module.c): 0, or
 * the status of the lowest-index invalid one with its message in r. */
int wx_validate_bodies(const struct wx_module *m, struct wx_report *r);

#endif
