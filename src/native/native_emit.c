/*
 * native_emit.c - translate a validated module into C for the native tier.
 *
 * One C function per wasm function (wf<index>), taking the context and
 * the parameters as C arguments and returning the result (several
 * results go through a pointer).  Locals are C locals (l<n>); each
 * operand-stack position is a C local per type (s<depth><type>), so the C
 * compiler sees plain SSA-able variables and allocates registers itself.
 * Structured control flow becomes labels and gotos: a block's or if's
 * label is at its end, a loop's at its start; a branch copies the values
 * it carries into the target's slots (the slots at the target's stack
 * height) and jumps.  Code after an unconditional branch is not emitted
 * up to the end of its block (it is unreachable, and its stack is
 * polymorphic).
 *
 * Memory bounds: on x86-64 the loads and stores of a 32-bit memory 0
 * check nothing - its guard region faults, and each access is an
 * instruction that records where it is (native_emit_mem.inc,
 * native_fault.c).  Everything else checks explicitly, as the
 * interpreter does.
 *
 * The interrupt word is polled at loop headers and at the entry of every
 * function that calls another; stack depth is bounded by comparing the
 * stack pointer with a limit at function entry (no frame counter: a
 * counter in the context is a store and a load on every call and
 * return, a chain through memory that made call-heavy code 1.5x slower).
 * Traps call the runtime (rt->trap), which never returns: it longjmps to
 * the entry of the native call (native_rt.c).  Every trap site passes
 * its function index and the byte offset of its instruction in the
 * module, and every call is followed by a record of its place (section
 * wxn_calls: emit_call_record), from which the runtime recovers the
 * whole guest call stack of a trap by unwinding (native_trace.c); a
 * function that may appear in it is noinline (never_traced).  So
 * messages and backtraces match the interpreter's.
 *
 * Tail calls: native_emit_tail.inc; exception handling:
 * native_emit_eh.inc (their designs are there).
 *
 * A v128 is a C vector (wxn_v, native_prelude_simd.h) in locals, slots,
 * parameters and results; at the host ABI (calls through the runtime,
 * entries, multi-value results) it takes two slots, low half first, as
 * in the interpreter.  SIMD instructions are native_emit_simd.c's.
 *
 * What is not translated (a module with it is refused, with the reason,
 * and `auto` runs it in the interpreter): typed function references and
 * GC.
 */
#include "native.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/runtime.h"
#include "native_abi.h"
#include "native_emit_x.h"
#include "native_ops.h"
#include "native_prelude.h"
#include "native_prelude_x.h"
#include "native_sbuf.h"
#include "native_simd.h"

/* The stack pointer, for the stack bound at function entry.  Not
 * __builtin_frame_address: that forces a frame pointer on every function
 * (a push, a move and a register lost), which cost fib 10%.  The compiled
 * object runs on the machine that translated it, so the runtime's own
 * architecture picks the form. */
#if defined(__x86_64__)
#define WXN_SP_EXPR "({ char *sp_; __asm__(\"mov %%%%rsp, %%0\" : \"=r\"(sp_)); sp_; })"
#elif defined(__aarch64__)
#define WXN_SP_EXPR "({ char *sp_; __asm__(\"mov %%0, sp\" : \"=r\"(sp_)); sp_; })"
#else
#define WXN_SP_EXPR "(char *)__builtin_frame_address(0)"
#endif

/* A call's record (emit_call_record); "%s" is "function, offset". */
#define WXN_CALL_RECORD_FMT                                                  \
	"__asm__ volatile(\"1:\\n\\t.pushsection wxn_calls,\\\"a\\\"\\n"      \
	"\\t.balign 4\\n\\t.long 1b - ., %s\\n\\t.popsection\");"
/* The function of a trampoline's record: a call that is no wasm frame. */
#define WXN_CALL_SKIP "4294967294, 0"

/* Which translator wrote an object: part of the cache key, so that a
 * rebuilt runtime never runs code its predecessor generated. */
const char wx_native_translator_id[] = __DATE__ " " __TIME__;

/* ---- value types ---- */

static char tchar(uint8_t t)
{
	switch (t) {
	case WX_I32: return 'i';
	case WX_I64: return 'l';
	case WX_F32: return 'f';
	case WX_F64: return 'd';
	case WX_FUNCREF: case WX_EXTERNREF: case WX_EXNREF: return 'r';
	case WX_V128: return 'v';
	}
	return 0;
}

static const char *ctype(char c)
{
	switch (c) {
	case 'i': return "uint32_t";
	case 'l': return "uint64_t";
	case 'f': return "float";
	case 'd': return "double";
	case 'v': return "wxn_v";
	}
	return "uint64_t";
}

static int tindex(char c)
{
	switch (c) {
	case 'i': return 0;
	case 'l': return 1;
	case 'f': return 2;
	case 'd': return 3;
	case 'v': return 5;
	}
	return 4;
}

/* The 64-bit slot of the host ABI from a C value, and back. */
static const char *to_slot(char c)
{
	switch (c) {
	case 'i': return "(uint64_t)%s";
	case 'f': return "(uint64_t)wxn_fb(%s)";
	case 'd': return "wxn_db(%s)";
	}
	return "%s";
}

static const char *from_slot(char c)
{
	switch (c) {
	case 'i': return "(uint32_t)%s";
	case 'f': return "wxn_bf((uint32_t)%s)";
	case 'd': return "wxn_bd(%s)";
	}
	return "%s";
}

/* Host-ABI slots a value of type c takes (a v128 two, low half first). */
static uint32_t abi_width(char c)
{
	return c == 'v' ? 2 : 1;
}

/* Slots of the types types[0..n). */
static uint32_t abi_slots(const wx_valtype_t *types, uint32_t n)
{
	uint32_t k, w = 0;
	for (k = 0; k < n; k++)
		w += abi_width(tchar(types[k]));
	return w;
}

/* "arr[j] = val; " in the host ABI's encoding. */
static void put_abi(struct wx_sbuf *b, const char *arr, uint32_t j, char c,
		    const char *val)
{
	char e[96];
	if (c == 'v') {
		wx_sbuf_printf(b, "wxn_vput(%s + %" PRIu32 ", %s); ", arr, j,
			       val);
		return;
	}
	snprintf(e, sizeof(e), to_slot(c), val);
	wx_sbuf_printf(b, "%s[%" PRIu32 "] = %s; ", arr, j, e);
}

/* The C value of type c at arr[j] in the host ABI's encoding, into e. */
static void get_abi(char *e, size_t len, const char *arr, uint32_t j, char c)
{
	char v[40];
	if (c == 'v') {
		snprintf(e, len, "wxn_vget(%s + %" PRIu32 ")", arr, j);
		return;
	}
	snprintf(v, sizeof(v), "%s[%" PRIu32 "]", arr, j);
	snprintf(e, len, from_slot(c), v);
}

/* ---- reading the (validated) code ---- */

struct rd {
	const uint8_t *p, *end, *base;
};

static uint64_t leb_u(struct rd *r)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t b;
	do {
		b = r->p < r->end ? *r->p++ : 0;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

static int64_t leb_s(struct rd *r)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t b;
	do {
		b = r->p < r->end ? *r->p++ : 0;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (shift < 64 && (b & 0x40))
		v |= ~(uint64_t)0 << shift;
	return (int64_t)v;
}

/* ---- translating one function ---- */

enum { K_FUNC, K_BLOCK, K_LOOP, K_IF, K_TRY_TABLE, K_TRY };

struct ctl {
	uint8_t kind;
	bool has_else;
	uint32_t label;
	uint32_t base;      /* stack height below the params */
	uint32_t np, nr;
	const uint8_t *pt; /* param types (wasm encoding) */
	const uint8_t *rt; /* NULL: the single result type is `one` (a
			    * pointer to it would dangle when ctl grows) */
	uint8_t one;
	/* K_TRY*: handler h<eh>, pushed while in the try body (eh_active);
	 * legacy catches seen (native_emit_eh.inc) */
	uint32_t eh;
	bool eh_active;
	uint16_t ncatch;
};

struct fn {
	const struct wx_module *m;
	uint32_t idx; /* function index */
	struct wx_sbuf *b;  /* body */
	char *st;           /* operand stack types */
	uint32_t h, cap;
	uint8_t *used;      /* per depth: bit per type of the slots used */
	uint32_t used_cap;
	struct ctl *ctl;
	uint32_t nctl, ctl_cap;
	uint32_t nlabels;
	uint32_t max_args;  /* slots of the host-ABI array `a` */
	uint32_t max_mr;    /* multi-value result buffer */
	bool unreachable;
	uint32_t skip_depth; /* nested blocks opened while unreachable */
	const char *why;     /* refusal reason */
	uint32_t *callees;   /* defined functions called directly */
	uint32_t ncallees, callees_cap;
	bool calls;          /* any call: the entry polls (emit_function) */
	/* Globals this function reads or writes (global_cell): their cells'
	 * addresses are loaded once, on entry. */
	uint32_t *gused;
	uint32_t ngused, gused_cap;
	uint8_t *gmark;      /* per global of the module: in gused */
	struct fn_x x; /* later proposals (native_emit_x.h) */
};

static bool fn_grow(void **p, uint32_t *cap, uint32_t need, size_t sz)
{
	uint32_t nc;
	void *np;
	if (need <= *cap)
		return true;
	nc = *cap ? *cap * 2 : 64;
	while (nc < need)
		nc *= 2;
	np = realloc(*p, nc * sz);
	if (np == NULL)
		return false;
	memset((char *)np + *cap * sz, 0, (nc - *cap) * sz);
	*p = np;
	*cap = nc;
	return true;
}

/* Name of the slot at depth d (0 = bottom) with type c, into buf. */
static const char *slot(struct fn *F, uint32_t d, char c, char *buf)
{
	if (fn_grow((void **)&F->used, &F->used_cap, d + 1, 1))
		F->used[d] |= (uint8_t)(1u << tindex(c));
	snprintf(buf, 24, "s%" PRIu32 "%c", d, c);
	return buf;
}

#define TOP(F, k) ((F)->h - 1 - (k)) /* depth of the k-th from the top */

static bool push(struct fn *F, char c)
{
	if (!fn_grow((void **)&F->st, &F->cap, F->h + 1, 1)) {
		F->why = "out of memory";
		return false;
	}
	F->st[F->h++] = c;
	return true;
}

static const struct wx_functype *functype_of(const struct wx_module *m,
					     uint32_t funcidx)
{
	return m->types[m->func_typeidx[funcidx]];
}

/* Copy the top n values to the slots starting at depth `to`. */
static void move_vals(struct fn *F, uint32_t n, uint32_t to)
{
	char a[24], b[24];
	uint32_t k, from = F->h - n;
	if (from == to)
		return;
	for (k = 0; k < n; k++) {
		char c = F->st[from + k];
		wx_sbuf_printf(F->b, "%s = %s; ", slot(F, to + k, c, a),
			       slot(F, from + k, c, b));
	}
}

static void eh_leave_frame(struct fn *F);
static void eh_branch_fix(struct fn *F, uint32_t depth);
static void eh_pin(struct fn *F, uint8_t type, uint32_t d);

/* Return with the top nr values as the function's results. */
static void emit_return(struct fn *F)
{
	const struct wx_functype *ft = functype_of(F->m, F->idx);
	char a[24];
	uint32_t k, n = ft->nresults, from = F->h - n;
	eh_leave_frame(F);
	if (n == 0) {
		wx_sbuf_printf(F->b, "return;");
	} else if (n == 1) {
		wx_sbuf_printf(F->b, "return %s;",
			       slot(F, from, F->st[from], a));
	} else {
		uint32_t j = 0;
		for (k = 0; k < n; k++) {
			char c = F->st[from + k];
			put_abi(F->b, "res", j, c, slot(F, from + k, c, a));
			j += abi_width(c);
		}
		wx_sbuf_printf(F->b, "return;");
	}
}

/* A branch to the label of ctl entry `depth` (0 = innermost). */
static void emit_branch(struct fn *F, uint32_t depth)
{
	struct ctl *t = &F->ctl[F->nctl - 1 - depth];
	if (t->kind == K_FUNC) {
		emit_return(F);
		return;
	}
	eh_branch_fix(F, depth);
	if (t->kind == K_LOOP) {
		move_vals(F, t->np, t->base);
		wx_sbuf_printf(F->b, "goto L%" PRIu32 ";", t->label);
	} else {
		move_vals(F, t->nr, t->base);
		wx_sbuf_printf(F->b, "goto L%" PRIu32 ";", t->label);
	}
}

static void add_callee(struct fn *F, uint32_t idx)
{
	if (fn_grow((void **)&F->callees, &F->callees_cap, F->ncallees + 1,
		    sizeof(uint32_t)))
		F->callees[F->ncallees++] = idx;
}

/* The record of a call just emitted (section wxn_calls, native_abi.h):
 * an empty volatile asm, so it stays after the call (volatile asm is
 * never moved across a call), whose label the runtime finds at or a few
 * moves past the call's return address when it unwinds a trap
 * (native_trace.c).  fo: "function, offset". */
static void emit_call_record(struct wx_sbuf *b, const char *fo)
{
	wx_sbuf_printf(b, " " WXN_CALL_RECORD_FMT, fo);
}

/* The call of a function of type ft with its arguments on the stack:
 * `direct` is the C callee expression (a defined function), or NULL for
 * the host ABI through `slowcall` (a format taking the args array);
 * fo, the call's "function, offset", goes in its record. */
static void emit_call_common(struct fn *F, const struct wx_functype *ft,
			     const char *direct, const char *slowcall,
			     const char *fo)
{
	char a[24], e[96];
	uint32_t np = ft->nparams, nr = ft->nresults, k;
	uint32_t base = F->h - np;
	F->calls = true;
	if (direct != NULL) {
		if (nr == 1) {
			wx_sbuf_printf(F->b, "%s = ",
				       slot(F, base, tchar(ft->types[np]), a));
		}
		wx_sbuf_printf(F->b, "%s(c", direct);
		for (k = 0; k < np; k++)
			wx_sbuf_printf(F->b, ", %s",
				       slot(F, base + k, F->st[base + k], a));
		if (nr > 1) {
			uint32_t w = abi_slots(ft->types + np, nr);
			wx_sbuf_printf(F->b, ", mr");
			if (w > F->max_mr)
				F->max_mr = w;
		}
		wx_sbuf_printf(F->b, ");");
		emit_call_record(F->b, fo);
		if (nr > 1) {
			uint32_t j = 0;
			for (k = 0; k < nr; k++) {
				char c = tchar(ft->types[np + k]);
				get_abi(e, sizeof(e), "mr", j, c);
				j += abi_width(c);
				wx_sbuf_printf(F->b, " %s = %s;",
					       slot(F, base + k, c, a), e);
			}
		}
	} else {
		uint32_t wp = abi_slots(ft->types, np);
		uint32_t wr = abi_slots(ft->types + np, nr), j;
		uint32_t n = wp > wr ? wp : wr;
		if (n == 0)
			n = 1; /* `a` is passed even when nothing is in it */
		if (n > F->max_args)
			F->max_args = n;
		for (k = j = 0; k < np; k++) {
			char c = F->st[base + k];
			put_abi(F->b, "a", j, c, slot(F, base + k, c, a));
			j += abi_width(c);
		}
		wx_sbuf_printf(F->b, "%s", slowcall);
		emit_call_record(F->b, fo);
		for (k = j = 0; k < nr; k++) {
			char c = tchar(ft->types[np + k]);
			get_abi(e, sizeof(e), "a", j, c);
			j += abi_width(c);
			wx_sbuf_printf(F->b, " %s = %s;",
				       slot(F, base + k, c, a), e);
		}
	}
	/* The callee may have grown memory. */
	wx_sbuf_printf(F->b, " msize = c->msize;\n");
	F->h = base;
	for (k = 0; k < nr; k++)
		push(F, tchar(ft->types[np + k]));
}

static bool read_blocktype(struct fn *F, struct rd *r, struct ctl *c)
{
	uint8_t b = r->p < r->end ? *r->p : 0x40;
	if (b == 0x40) {
		r->p++;
		c->np = c->nr = 0;
		return true;
	}
	if (tchar(b) != 0) {
		r->p++;
		c->np = 0;
		c->nr = 1;
		c->one = b;
		c->rt = NULL;
		return true;
	}
	if (b == 0x63 || b == 0x64) {
		F->why = "typed function references (a typed block type)";
		return false;
	}
	{
		int64_t ti = leb_s(r);
		const struct wx_functype *ft = F->m->types[ti];
		c->np = ft->nparams;
		c->nr = ft->nresults;
		/* wx_native_check refused typed references: every type
		 * is simple and has its byte form. */
		c->pt = ft->types8;
		c->rt = ft->types8 + ft->nparams;
	}
	return true;
}

static struct ctl *push_ctl(struct fn *F)
{
	if (!fn_grow((void **)&F->ctl, &F->ctl_cap, F->nctl + 1,
		     sizeof(struct ctl))) {
		F->why = "out of memory";
		return NULL;
	}
	memset(&F->ctl[F->nctl], 0, sizeof(struct ctl));
	return &F->ctl[F->nctl++];
}

/* Global gi's cell is g<gi>, loaded on entry: a global is read through
 * the instance's array of cells, and reading the cell's address at every
 * access (clang's code reads the stack pointer global in every function)
 * was two dependent loads each time, and 10-15% of gcc's time on code
 * that uses globals much. */
static bool global_cell(struct fn *F, uint32_t gi)
{
	if (F->gmark == NULL) {
		F->gmark = calloc(F->m->nglobals ? F->m->nglobals : 1, 1);
		if (F->gmark == NULL) {
			F->why = "out of memory";
			return false;
		}
	}
	if (F->gmark[gi])
		return true;
	if (!fn_grow((void **)&F->gused, &F->gused_cap, F->ngused + 1,
		     sizeof(uint32_t))) {
		F->why = "out of memory";
		return false;
	}
	F->gmark[gi] = 1;
	F->gused[F->ngused++] = gi;
	return true;
}

/* Skip the immediates of an instruction in unreachable code.  Returns
 * false for what the tier does not translate. */
static bool skip_imm(struct fn *F, struct rd *r, uint8_t op);

/* Memory access descriptions: size, the C temporary, the conversion. */
struct memop {
	uint8_t size;
	char res;            /* result type, 0 for stores */
	const char *tmp;     /* C type read from memory */
	const char *conv;    /* from tmp to the result */
};

/* The bounds check of an access of %u bytes at ea: the slow path asks
 * the runtime, which traps or (a shared memory grown meanwhile) answers
 * the new size. */
#define WXN_CHK                                                              \
	"if (__builtin_expect(ea + %u > msize, 0)) msize = "                 \
	"c->rt->mem_check(c, ea + %u, %s); "

/* After a guarded access's instruction (label 1) in its asm text: its
 * record in wxn_traps (native_abi.h), with the function index and the
 * instruction's offset as printf arguments. */
#define WXN_TRAP_RECORD                                                      \
	"\\n\\t.pushsection wxn_traps,\\\"a\\\"\\n\\t.balign 4\\n\\t"     \
	".long 1b - ., %" PRIu32 ", %" PRIu32 "\\n\\t.popsection"

static const struct memop memops[0x3f - 0x28] = {
	[0x28 - 0x28] = {4, 'i', "uint32_t", "%s"},
	[0x29 - 0x28] = {8, 'l', "uint64_t", "%s"},
	[0x2a - 0x28] = {4, 'f', "float", "%s"},
	[0x2b - 0x28] = {8, 'd', "double", "%s"},
	[0x2c - 0x28] = {1, 'i', "int8_t", "(uint32_t)(int32_t)%s"},
	[0x2d - 0x28] = {1, 'i', "uint8_t", "(uint32_t)%s"},
	[0x2e - 0x28] = {2, 'i', "int16_t", "(uint32_t)(int32_t)%s"},
	[0x2f - 0x28] = {2, 'i', "uint16_t", "(uint32_t)%s"},
	[0x30 - 0x28] = {1, 'l', "int8_t", "(uint64_t)(int64_t)%s"},
	[0x31 - 0x28] = {1, 'l', "uint8_t", "(uint64_t)%s"},
	[0x32 - 0x28] = {2, 'l', "int16_t", "(uint64_t)(int64_t)%s"},
	[0x33 - 0x28] = {2, 'l', "uint16_t", "(uint64_t)%s"},
	[0x34 - 0x28] = {4, 'l', "int32_t", "(uint64_t)(int64_t)%s"},
	[0x35 - 0x28] = {4, 'l', "uint32_t", "(uint64_t)%s"},
	[0x36 - 0x28] = {4, 0, "uint32_t", "(uint32_t)%s"},
	[0x37 - 0x28] = {8, 0, "uint64_t", "%s"},
	[0x38 - 0x28] = {4, 0, "float", "%s"},
	[0x39 - 0x28] = {8, 0, "double", "%s"},
	[0x3a - 0x28] = {1, 0, "uint8_t", "(uint8_t)%s"},
	[0x3b - 0x28] = {2, 0, "uint16_t", "(uint16_t)%s"},
	[0x3c - 0x28] = {1, 0, "uint8_t", "(uint8_t)%s"},
	[0x3d - 0x28] = {2, 0, "uint16_t", "(uint16_t)%s"},
	[0x3e - 0x28] = {4, 0, "uint32_t", "(uint32_t)%s"},
};

static bool read_memarg(struct fn *F, struct rd *r, uint64_t *off)
{
	uint32_t align = (uint32_t)leb_u(r);
	F->x.mi = 0;
	if (align & 0x40)
		F->x.mi = (uint32_t)leb_u(r);
	*off = leb_u(r);
	return true;
}

#include "native_emit_mem.inc"

#include "native_emit_atomic.inc"

static void emit_signature(struct wx_sbuf *b, uint32_t idx,
			   const struct wx_functype *ft, bool names,
			   bool noinl);

#include "native_emit_eh.inc"
#include "native_emit_tail.inc"

#include "native_emit_simdop.inc"

/* table.init and table.copy: c->rt->NAME(c, x, y, d, s, n, where) with
 * the three i32 operands from the stack. */
static void emit_table3(struct fn *F, const char *name, uint32_t x,
			uint32_t y, const char *fo)
{
	char a[24], b[24], d[24];
	wx_sbuf_printf(F->b,
		       "c->rt->%s(c, %" PRIu32 ", %" PRIu32 ", %s, %s, %s, %s);\n",
		       name, x, y, slot(F, F->h - 3, 'i', a),
		       slot(F, F->h - 2, 'i', b), slot(F, F->h - 1, 'i', d), fo);
	F->h -= 3;
}

/* The instruction at r->p, whose opcode byte is at offset `at`. */
static bool emit_op(struct fn *F, struct rd *r)
{
	const struct wx_module *m = F->m;
	uint32_t at = (uint32_t)(r->p - r->base);
	uint8_t op = *r->p++;
	char a[24], b[24], d[24], fo[40];
	snprintf(fo, sizeof(fo), "%" PRIu32 ", %" PRIu32, F->idx, at);

	if (F->unreachable) {
		switch (op) {
		case 0x02: case 0x03: case 0x04: {
			struct ctl tmp;
			if (!read_blocktype(F, r, &tmp))
				return false;
			F->skip_depth++;
			return true;
		}
		case 0x05:
			if (F->skip_depth > 0)
				return true;
			break; /* else of the current if: reachable again */
		case 0x0b:
			if (F->skip_depth > 0) {
				F->skip_depth--;
				return true;
			}
			break;
		default: {
			int k = eh_skip(F, r, op);
			if (k < 0)
				return false;
			if (k > 0)
				return true;
			if (op != 0x07 && op != 0x19 && op != 0x18)
				return skip_imm(F, r, op);
		}
		}
	}

	switch (table64_pre(F, r, op)) {
	case 1:
		return true;
	case -1:
		return false;
	}
	switch (op) {
	case 0x00: /* unreachable */
		wx_sbuf_printf(F->b, "wxn_trap(c, %d, %s);\n",
			       WXN_TRAP_UNREACHABLE, fo);
		F->unreachable = true;
		return true;
	case 0x01:
		return true;
	case 0x02: case 0x03: case 0x04: {
		struct ctl *c = push_ctl(F);
		if (c == NULL || !read_blocktype(F, r, c))
			return false;
		c->kind = op == 0x02 ? K_BLOCK : op == 0x03 ? K_LOOP : K_IF;
		c->label = F->nlabels++;
		if (op == 0x04) {
			F->h--;
			wx_sbuf_printf(F->b, "if (!%s) goto E%" PRIu32 ";\n",
				       slot(F, F->h, 'i', a), c->label);
		}
		c->base = F->h - c->np;
		if (op == 0x03)
			wx_sbuf_printf(F->b,
				       "L%" PRIu32 ": if (__builtin_expect("
				       "*intr, 0)) { c->rt->interrupt(c, %s); "
				       "msize = c->msize; }\n",
				       c->label, fo);
		return true;
	}
	case 0x05: { /* else */
		struct ctl *c = &F->ctl[F->nctl - 1];
		uint32_t k;
		if (!F->unreachable)
			wx_sbuf_printf(F->b, "goto L%" PRIu32 ";\n", c->label);
		wx_sbuf_printf(F->b, "E%" PRIu32 ":;\n", c->label);
		c->has_else = true;
		F->h = c->base;
		for (k = 0; k < c->np; k++)
			push(F, tchar(c->pt[k]));
		F->unreachable = false;
		return true;
	}
	case 0x0b: { /* end */
		struct ctl *c = &F->ctl[F->nctl - 1];
		uint32_t k;
		if (c->kind >= K_TRY_TABLE)
			return eh_end(F, c);
		if (c->kind == K_FUNC) {
			if (!F->unreachable)
				emit_return(F);
			wx_sbuf_printf(F->b, "\n");
			F->nctl--;
			return true;
		}
		if (c->kind == K_IF && !c->has_else)
			wx_sbuf_printf(F->b, "E%" PRIu32 ":;\n", c->label);
		if (c->kind != K_LOOP)
			wx_sbuf_printf(F->b, "L%" PRIu32 ":;\n", c->label);
		F->h = c->base;
		for (k = 0; k < c->nr; k++)
			push(F, tchar(c->rt != NULL ? c->rt[k] : c->one));
		F->nctl--;
		F->unreachable = false;
		return true;
	}
	case 0x0c: /* br */
		emit_branch(F, (uint32_t)leb_u(r));
		wx_sbuf_printf(F->b, "\n");
		F->unreachable = true;
		return true;
	case 0x0d: { /* br_if */
		uint32_t l = (uint32_t)leb_u(r);
		F->h--;
		wx_sbuf_printf(F->b, "if (%s) { ", slot(F, F->h, 'i', a));
		emit_branch(F, l);
		wx_sbuf_printf(F->b, " }\n");
		return true;
	}
	case 0x0e: { /* br_table */
		uint32_t n = (uint32_t)leb_u(r), k;
		F->h--;
		wx_sbuf_printf(F->b, "switch (%s) {\n", slot(F, F->h, 'i', a));
		for (k = 0; k <= n; k++) {
			uint32_t l = (uint32_t)leb_u(r);
			if (k < n)
				wx_sbuf_printf(F->b, "case %" PRIu32 ": ", k);
			else
				wx_sbuf_printf(F->b, "default: ");
			emit_branch(F, l);
			wx_sbuf_printf(F->b, "\n");
		}
		wx_sbuf_printf(F->b, "}\n");
		F->unreachable = true;
		return true;
	}
	case 0x0f:
		emit_return(F);
		wx_sbuf_printf(F->b, "\n");
		F->unreachable = true;
		return true;
	case 0x10: { /* call */
		uint32_t fi = (uint32_t)leb_u(r);
		const struct wx_functype *ft = functype_of(m, fi);
		char direct[24], slow[96];
		if (fi >= m->nfuncs_imported) {
			snprintf(direct, sizeof(direct), "wf%" PRIu32, fi);
			add_callee(F, fi);
			emit_call_common(F, ft, direct, NULL, fo);
		} else {
			snprintf(slow, sizeof(slow),
				 "c->rt->call(c, %" PRIu32 ", a, %s);", fi,
				 fo);
			emit_call_common(F, ft, NULL, slow, fo);
		}
		return true;
	}
	case 0x11: { /* call_indirect */
		uint32_t ti = (uint32_t)leb_u(r);
		uint32_t tab = (uint32_t)leb_u(r);
		const struct wx_functype *ft = m->types[ti];
		char cast[512], slow[128];
		struct wx_sbuf cb = {0};
		uint32_t k, np = ft->nparams, nr = ft->nresults;
		F->h--;
		wx_sbuf_printf(F->b,
			       "{ struct wxn_table *tb = c->tables[%" PRIu32
			       "]; uint32_t ix = %s; struct wxn_func *fn; "
			       "if (__builtin_expect(ix >= tb->size, 0)) "
			       "wxn_trap(c, %d, %s); fn = (struct wxn_func *)"
			       "(uintptr_t)tb->elems[ix]; if (fn == 0) "
			       "wxn_trap(c, %d, %s); if (fn->type != c->types[%"
			       PRIu32 "]) wxn_trap(c, %d, %s);\n",
			       tab, slot(F, F->h, 'i', a),
			       WXN_TRAP_UNDEFINED_ELEMENT, fo,
			       WXN_TRAP_INDIRECT_NULL, fo, ti,
			       WXN_TRAP_INDIRECT_TYPE, fo);
		/* Same instance: call the C function directly. */
		wx_sbuf_printf(&cb, "((%s (*)(wxn_ctx *",
			       nr == 1 ? ctype(tchar(ft->types[np])) : "void");
		for (k = 0; k < np; k++)
			wx_sbuf_printf(&cb, ", %s", ctype(tchar(ft->types[k])));
		wx_sbuf_printf(&cb, "%s))wxn_fptrs[fn->index])",
			       nr > 1 ? ", uint64_t *" : "");
		if (cb.oom || cb.n >= sizeof(cast)) {
			wx_sbuf_free(&cb);
			F->why = "a function type too large";
			return false;
		}
		memcpy(cast, cb.p, cb.n + 1);
		wx_sbuf_free(&cb);
		{
			uint32_t h0 = F->h;
			char *st0 = malloc(np + 1);
			if (st0 == NULL) {
				F->why = "out of memory";
				return false;
			}
			memcpy(st0, F->st + h0 - np, np);
			wx_sbuf_printf(F->b, "if (fn->inst == c->inst) { ");
			emit_call_common(F, ft, cast, NULL, fo);
			wx_sbuf_printf(F->b, "} else { ");
			/* Restore the stack for the second path. */
			F->h = h0 - np;
			for (k = 0; k < np; k++)
				push(F, st0[k]);
			free(st0);
			snprintf(slow, sizeof(slow),
				 "c->rt->call_ref(c, fn, a, %s);", fo);
			emit_call_common(F, ft, NULL, slow, fo);
			wx_sbuf_printf(F->b, "} }\n");
		}
		return true;
	}
	case 0x12: case 0x13:
		return emit_tail_call(F, r, op, fo);
	case 0x06: case 0x07: case 0x08: case 0x09: case 0x18: case 0x19:
	case 0x1f: case 0x0a:
		return emit_eh(F, r, op, fo);
	case 0x1a:
		F->h--;
		return true;
	case 0x1b: case 0x1c: { /* select */
		char t;
		if (op == 0x1c && !skip_imm(F, r, op))
			return false;
		t = F->st[F->h - 2];
		wx_sbuf_printf(F->b, "if (!%s) ",
			       slot(F, F->h - 1, 'i', a));
		wx_sbuf_printf(F->b, "%s = %s;\n", slot(F, F->h - 3, t, b),
			       slot(F, F->h - 2, t, d));
		F->h -= 2;
		return true;
	}
	case 0x20: case 0x21: case 0x22: { /* local.get/set/tee */
		uint32_t li = (uint32_t)leb_u(r);
		const struct wx_functype *ft = functype_of(m, F->idx);
		const struct wx_funcdef *fd =
			&m->funcdefs[F->idx - m->nfuncs_imported];
		char t = tchar(li < ft->nparams
				       ? ft->types[li]
				       : fd->local_types[li - ft->nparams]);
		if (op == 0x20) {
			push(F, t);
			wx_sbuf_printf(F->b, "%s = l%" PRIu32 ";\n",
				       slot(F, F->h - 1, t, a), li);
		} else {
			wx_sbuf_printf(F->b, "l%" PRIu32 " = %s;\n", li,
				       slot(F, F->h - 1, t, a));
			if (op == 0x21)
				F->h--;
		}
		return true;
	}
	case 0x23: case 0x24: { /* global.get/set */
		uint32_t gi = (uint32_t)leb_u(r);
		char t = tchar(m->globals[gi].type.type);
		char g[48], e[96];
		if (t != 'v' && !global_cell(F, gi))
			return false;
		if (t == 'v') { /* both words of the global */
			snprintf(g, sizeof(g), "c->globals[%" PRIu32 "]", gi);
			if (op == 0x23) {
				push(F, t);
				wx_sbuf_printf(F->b, "%s = wxn_vget(%s);\n",
					       slot(F, F->h - 1, t, a), g);
			} else {
				F->h--;
				wx_sbuf_printf(F->b, "wxn_vput(%s, %s);\n", g,
					       slot(F, F->h, t, a));
			}
			return true;
		}
		snprintf(g, sizeof(g), "g%" PRIu32 "[0]", gi);
		if (op == 0x23) {
			push(F, t);
			snprintf(e, sizeof(e), from_slot(t), g);
			wx_sbuf_printf(F->b, "%s = %s;\n",
				       slot(F, F->h - 1, t, a), e);
		} else {
			F->h--;
			eh_pin(F, m->globals[gi].type.type, F->h);
			snprintf(e, sizeof(e), to_slot(t), slot(F, F->h, t, a));
			wx_sbuf_printf(F->b, "%s = %s;\n", g, e);
		}
		return true;
	}
	case 0x25: { /* table.get */
		uint32_t ti = (uint32_t)leb_u(r);
		wx_sbuf_printf(F->b,
			       "{ struct wxn_table *tb = c->tables[%" PRIu32
			       "]; if (%s >= tb->size) wxn_trap(c, %d, %s); "
			       "%s = tb->elems[%s]; }\n",
			       ti, slot(F, F->h - 1, 'i', a),
			       WXN_TRAP_OOB_TABLE, fo,
			       slot(F, F->h - 1, 'r', b),
			       slot(F, F->h - 1, 'i', d));
		F->st[F->h - 1] = 'r';
		return true;
	}
	case 0x26: { /* table.set */
		uint32_t ti = (uint32_t)leb_u(r);
		eh_pin(F, m->tables[ti].elemtype, F->h - 1);
		wx_sbuf_printf(F->b,
			       "{ struct wxn_table *tb = c->tables[%" PRIu32
			       "]; if (%s >= tb->size) wxn_trap(c, %d, %s); "
			       "tb->elems[%s] = %s; }\n",
			       ti, slot(F, F->h - 2, 'i', a),
			       WXN_TRAP_OOB_TABLE, fo,
			       slot(F, F->h - 2, 'i', d),
			       slot(F, F->h - 1, 'r', b));
		F->h -= 2;
		return true;
	}
	case 0x3f: { /* memory.size */
		uint32_t mi = (uint32_t)leb_u(r);
		if (mem_x(F, mi))
			return emit_msize_x(F, op, mi);
	}
		push(F, 'i');
		wx_sbuf_printf(F->b, "msize = c->rt->mem_size(c); %s = "
				     "(uint32_t)(msize >> 16);\n",
			       slot(F, F->h - 1, 'i', a));
		return true;
	case 0x40: { /* memory.grow */
		uint32_t mi = (uint32_t)leb_u(r);
		if (mem_x(F, mi))
			return emit_msize_x(F, op, mi);
	}
		wx_sbuf_printf(F->b,
			       "%s = c->rt->mem_grow(c, %s); msize = c->msize;\n",
			       slot(F, F->h - 1, 'i', a),
			       slot(F, F->h - 1, 'i', b));
		return true;
	case 0x41:
		push(F, 'i');
		wx_sbuf_printf(F->b, "%s = %" PRIu32 "u;\n",
			       slot(F, F->h - 1, 'i', a),
			       (uint32_t)(int32_t)leb_s(r));
		return true;
	case 0x42:
		push(F, 'l');
		wx_sbuf_printf(F->b, "%s = %" PRIu64 "ull;\n",
			       slot(F, F->h - 1, 'l', a), (uint64_t)leb_s(r));
		return true;
	case 0x43: {
		uint32_t bits;
		memcpy(&bits, r->p, 4);
		r->p += 4;
		push(F, 'f');
		wx_sbuf_printf(F->b, "%s = wxn_bf(0x%" PRIx32 "u);\n",
			       slot(F, F->h - 1, 'f', a), bits);
		return true;
	}
	case 0x44: {
		uint64_t bits;
		memcpy(&bits, r->p, 8);
		r->p += 8;
		push(F, 'd');
		wx_sbuf_printf(F->b, "%s = wxn_bd(0x%" PRIx64 "ull);\n",
			       slot(F, F->h - 1, 'd', a), bits);
		return true;
	}
	case 0xd0: /* ref.null */
		leb_s(r);
		push(F, 'r');
		wx_sbuf_printf(F->b, "%s = 0;\n", slot(F, F->h - 1, 'r', a));
		return true;
	case 0xd1: /* ref.is_null */
		wx_sbuf_printf(F->b, "%s = (uint32_t)(%s == 0);\n",
			       slot(F, F->h - 1, 'i', a),
			       slot(F, F->h - 1, 'r', b));
		F->st[F->h - 1] = 'i';
		return true;
	case 0xd2: { /* ref.func */
		uint32_t fi = (uint32_t)leb_u(r);
		push(F, 'r');
		wx_sbuf_printf(F->b, "%s = (uint64_t)(uintptr_t)c->funcs[%" PRIu32
				     "];\n",
			       slot(F, F->h - 1, 'r', a), fi);
		return true;
	}
	case 0xfc: {
		uint32_t sub = (uint32_t)leb_u(r);
		if (sub <= 7) {
			const char *sig = wx_native_sig_fc_sat[sub];
			const char *ex = wx_native_numeric_expr(0x100 + sub);
			char e[160];
			snprintf(e, sizeof(e), ex, slot(F, F->h - 1, sig[0], a));
			wx_sbuf_printf(F->b, "%s = %s;\n",
				       slot(F, F->h - 1, sig[2], b), e);
			F->st[F->h - 1] = sig[2];
			return true;
		}
		switch (sub) {
		case 8: { /* memory.init seg mem */
			uint32_t seg = (uint32_t)leb_u(r);
			uint32_t mi = (uint32_t)leb_u(r);
			if (mem_x(F, mi))
				return emit_bulk_x(F, sub, seg, mi, mi, fo);
			wx_sbuf_printf(F->b,
				       "c->rt->mem_init(c, %" PRIu32
				       ", %s, %s, %s, %s);\n",
				       seg, slot(F, F->h - 3, 'i', a),
				       slot(F, F->h - 2, 'i', b),
				       slot(F, F->h - 1, 'i', d), fo);
			F->h -= 3;
			return true;
		}
		case 9:
			wx_sbuf_printf(F->b, "c->rt->data_drop(c, %" PRIu32 ");\n",
				       (uint32_t)leb_u(r));
			return true;
		case 10: { /* memory.copy */
			uint32_t dk = (uint32_t)leb_u(r);
			uint32_t sk = (uint32_t)leb_u(r);
			if (mem_x(F, dk) || mem_x(F, sk))
				return emit_bulk_x(F, sub, 0, dk, sk, fo);
		}
			wx_sbuf_printf(F->b,
				       "{ uint64_t d_ = %s, s_ = %s, n_ = %s; "
				       "ea = (s_ > d_ ? s_ : d_) + n_; if (ea > "
				       "msize) msize = c->rt->mem_check(c, ea, %s);"
				       " __builtin_memmove(mem + d_, mem + s_, "
				       "n_); }\n",
				       slot(F, F->h - 3, 'i', a),
				       slot(F, F->h - 2, 'i', b),
				       slot(F, F->h - 1, 'i', d), fo);
			F->h -= 3;
			return true;
		case 11: { /* memory.fill */
			uint32_t mi = (uint32_t)leb_u(r);
			if (mem_x(F, mi))
				return emit_bulk_x(F, sub, 0, mi, mi, fo);
		}
			wx_sbuf_printf(F->b,
				       "{ uint64_t d_ = %s, n_ = %s; if (d_ + n_ "
				       "> msize) msize = c->rt->mem_check(c, d_ + "
				       "n_, %s); __builtin_memset(mem + d_, "
				       "(int)(uint8_t)%s, n_); }\n",
				       slot(F, F->h - 3, 'i', a),
				       slot(F, F->h - 1, 'i', d), fo,
				       slot(F, F->h - 2, 'i', b));
			F->h -= 3;
			return true;
		case 12: { /* table.init seg tab */
			uint32_t seg = (uint32_t)leb_u(r);
			uint32_t tab = (uint32_t)leb_u(r);
			emit_table3(F, "table_init", tab, seg, fo);
			return true;
		}
		case 13:
			wx_sbuf_printf(F->b, "c->rt->elem_drop(c, %" PRIu32 ");\n",
				       (uint32_t)leb_u(r));
			return true;
		case 14: { /* table.copy dst src */
			uint32_t dt = (uint32_t)leb_u(r);
			uint32_t st = (uint32_t)leb_u(r);
			emit_table3(F, "table_copy", dt, st, fo);
			return true;
		}
		case 15: { /* table.grow: init n -> old */
			uint32_t tab = (uint32_t)leb_u(r);
			eh_pin(F, m->tables[tab].elemtype, F->h - 2);
			wx_sbuf_printf(F->b,
				       "%s = c->rt->table_grow(c, %" PRIu32
				       ", %s, %s);\n",
				       slot(F, F->h - 2, 'i', a), tab,
				       slot(F, F->h - 2, 'r', b),
				       slot(F, F->h - 1, 'i', d));
			F->h--;
			F->st[F->h - 1] = 'i';
			return true;
		}
		case 16: { /* table.size */
			uint32_t tab = (uint32_t)leb_u(r);
			push(F, 'i');
			wx_sbuf_printf(F->b, "%s = c->tables[%" PRIu32 "]->size;\n",
				       slot(F, F->h - 1, 'i', a), tab);
			return true;
		}
		case 17: { /* table.fill: i val n */
			uint32_t tab = (uint32_t)leb_u(r);
			eh_pin(F, m->tables[tab].elemtype, F->h - 2);
			wx_sbuf_printf(F->b,
				       "c->rt->table_fill(c, %" PRIu32
				       ", %s, %s, %s, %s);\n",
				       tab, slot(F, F->h - 3, 'i', a),
				       slot(F, F->h - 2, 'r', b),
				       slot(F, F->h - 1, 'i', d), fo);
			F->h -= 3;
			return true;
		}
		case 19: case 20: { /* i64.add128, i64.sub128 */
			/* (lo, hi) pairs; the carry or borrow of the low
			 * halves goes into the high ones */
			char w[4][24];
			uint32_t k, base = F->h - 4;
			for (k = 0; k < 4; k++)
				slot(F, base + k, 'l', w[k]);
			if (sub == 19)
				wx_sbuf_printf(F->b,
					       "{ uint64_t lo_ = %s + %s; %s = "
					       "%s + %s + (lo_ < %s); %s = lo_; "
					       "}\n",
					       w[0], w[2], w[1], w[1], w[3], w[0],
					       w[0]);
			else
				wx_sbuf_printf(F->b,
					       "{ uint64_t lo_ = %s - %s; %s = "
					       "%s - %s - (%s < %s); %s = lo_; "
					       "}\n",
					       w[0], w[2], w[1], w[1], w[3], w[0],
					       w[2], w[0]);
			F->h -= 2;
			return true;
		}
		case 21: case 22: { /* i64.mul_wide_s, i64.mul_wide_u */
			slot(F, F->h - 2, 'l', a);
			slot(F, F->h - 1, 'l', b);
			if (sub == 21)
				wx_sbuf_printf(F->b,
					       "{ unsigned __int128 p_ = (unsigned "
					       "__int128)((__int128)(int64_t)%s * "
					       "(int64_t)%s);",
					       a, b);
			else
				wx_sbuf_printf(F->b,
					       "{ unsigned __int128 p_ = (unsigned "
					       "__int128)%s * %s;",
					       a, b);
			wx_sbuf_printf(F->b,
				       " %s = (uint64_t)p_; %s = (uint64_t)(p_ "
				       ">> 64); }\n",
				       a, b);
			return true;
		}
		}
		F->why = "an instruction of a later proposal (0xfc)";
		return false;
	}
	case 0xfd:
		return emit_simd(F, r, fo);
	case 0xfe: {
		bool ok = atomic_x_check(F, r) && emit_atomic(F, r, fo);
		atomic_x_close(F);
		return ok;
	}
	case 0x14: case 0x15: case 0xd3: case 0xd4: case 0xd5: case 0xd6:
	case 0xfb:
		F->why = "typed function references or GC (call_ref, "
			 "ref.as_non_null, br_on_null, ref.eq)";
		return false;
	}

	if (op >= 0x28 && op <= 0x3e) {
		const struct memop *mo = &memops[op - 0x28];
		uint64_t off;
		if (!read_memarg(F, r, &off))
			return false;
		if (mem_x(F, F->x.mi))
			return emit_mem_access_x(F, mo, F->x.mi, off, fo);
#if WX_NATIVE_GUARD_PAGES
		emit_guarded_access(F, op, off, at);
#else
		emit_checked_access(F, mo, off, fo);
#endif
		return true;
	}

	{
		const char *sig = wx_native_sig_main[op];
		const char *ex = wx_native_numeric_expr(op);
		char e[200];
		if (sig == NULL || ex == NULL || sig[0] == '\0') {
			F->why = "an unknown instruction";
			return false;
		}
		if (sig[1] == ':') { /* unary */
			snprintf(e, sizeof(e), ex, slot(F, F->h - 1, sig[0], a),
				 "", fo);
			wx_sbuf_printf(F->b, "%s = %s;\n",
				       slot(F, F->h - 1, sig[2], b), e);
			F->st[F->h - 1] = sig[2];
		} else { /* binary */
			snprintf(e, sizeof(e), ex, slot(F, F->h - 2, sig[0], a),
				 slot(F, F->h - 1, sig[1], b), fo);
			wx_sbuf_printf(F->b, "%s = %s;\n",
				       slot(F, F->h - 2, sig[3], d), e);
			F->h--;
			F->st[F->h - 1] = sig[3];
		}
	}
	return true;
}

static bool skip_imm(struct fn *F, struct rd *r, uint8_t op)
{
	switch (op) {
	case 0x0c: case 0x0d: case 0x10: case 0x20: case 0x21: case 0x22:
	case 0x23: case 0x24: case 0x25: case 0x26: case 0xd2:
	case 0x3f: case 0x40: case 0xd0:
		leb_u(r);
		return true;
	case 0x0e: {
		uint32_t n = (uint32_t)leb_u(r);
		while (n-- + 1 > 0 && r->p < r->end)
			leb_u(r);
		return true;
	}
	case 0x11:
		leb_u(r);
		leb_u(r);
		return true;
	case 0x1c: {
		uint32_t n = (uint32_t)leb_u(r);
		for (; n > 0 && r->p < r->end; n--) {
			if (*r->p == 0x63 || *r->p == 0x64) {
				F->why = "typed function references (a typed "
					 "select)";
				return false;
			}
			r->p++;
		}
		return true;
	}
	case 0x14: case 0x15: case 0xd3: case 0xd4: case 0xd5: case 0xd6:
	case 0xfb:
		F->why = "typed function references or GC (call_ref, "
			 "ref.as_non_null, br_on_null, ref.eq)";
		return false;
	case 0x41: case 0x42:
		leb_s(r);
		return true;
	case 0x43:
		r->p += 4;
		return true;
	case 0x44:
		r->p += 8;
		return true;
	case 0xfc: {
		uint32_t sub = (uint32_t)leb_u(r);
		switch (sub) {
		case 8: case 10: case 12: case 14:
			leb_u(r);
			leb_u(r);
			return true;
		case 9: case 11: case 13: case 15: case 16: case 17:
			leb_u(r);
			return true;
		}
		if (sub <= 7 || (sub >= 19 && sub <= 22))
			return true;
		F->why = "an instruction of a later proposal (0xfc)";
		return false;
	}
	case 0x12:
		leb_u(r);
		return true;
	case 0x13:
		leb_u(r);
		leb_u(r);
		return true;
	case 0xfd: {
		uint32_t sub;
		return simd_imm(F, r, &sub, NULL) != NULL;
	}
	case 0xfe: {
		uint32_t sub = (uint32_t)leb_u(r);
		uint64_t off;
		if (sub == 3) {
			r->p++;
			return true;
		}
		return read_memarg(F, r, &off);
	}
	}
	if (op >= 0x28 && op <= 0x3e) {
		uint64_t off;
		return read_memarg(F, r, &off);
	}
	return true;
}

/* "RET wfN(wxn_ctx *c, T0 l0, ...)" into b. */
static void emit_signature(struct wx_sbuf *b, uint32_t idx,
			   const struct wx_functype *ft, bool names,
			   bool noinl)
{
	uint32_t k;
	wx_sbuf_printf(b, "WXN_HIDDEN %s%s wf%" PRIu32 "(wxn_ctx *c",
		       noinl ? "WXN_NOINLINE " : "",
		       ft->nresults == 1 ? ctype(tchar(ft->types[ft->nparams]))
					 : "void",
		       idx);
	for (k = 0; k < ft->nparams; k++) {
		if (names)
			wx_sbuf_printf(b, ", %s l%" PRIu32,
				       ctype(tchar(ft->types[k])), k);
		else
			wx_sbuf_printf(b, ", %s", ctype(tchar(ft->types[k])));
	}
	if (ft->nresults > 1)
		wx_sbuf_printf(b, names ? ", uint64_t *res" : ", uint64_t *");
	wx_sbuf_printf(b, ")");
}

static bool functype_ok(const struct wx_functype *ft)
{
	uint32_t k;
	for (k = 0; k < ft->nparams + ft->nresults; k++)
		if (tchar(ft->types[k]) == 0)
			return false;
	return true;
}

/* A function the host supplies instead of its body (the libc stubs of
 * wasix/libc_sigmask.c): direct calls and call_indirect reach this C
 * function, so it asks the runtime first and runs its own body only
 * where the instance has no host function there (an embedder's plain
 * instance).  Such stubs take and return i32s. */
static void emit_host_replaced(const struct wx_module *m, uint32_t idx,
			       const struct wx_functype *ft,
			       struct wx_sbuf *out)
{
	uint32_t k, np = ft->nparams;
	if (wx_module_host_replaces == NULL || !wx_module_host_replaces(m, idx))
		return;
	wx_sbuf_printf(out, "{ uint64_t ha[%" PRIu32 "];", np + 1);
	for (k = 0; k < np; k++)
		wx_sbuf_printf(out, " ha[%" PRIu32 "] = l%" PRIu32 ";", k, k);
	wx_sbuf_printf(out, " if (c->rt->host_fn(c, %" PRIu32 ", ha)) { "
			    "return (uint32_t)ha[0]; } }\n",
		       idx);
}

/* Whether a translated function can never be in a trap's trace: it
 * calls nothing (no call, no runtime function, no loop's interrupt
 * poll) and has no trap site (no access, no trapping operation), so it
 * needs no stack check either (it cannot recurse, and its frame, of a
 * bounded number of locals, fits in the stack's margin).  Such a
 * function is the only kind the C compiler may inline: any other is
 * noinline, so that each of its wasm frames is a machine frame that
 * the trace can see (native_trace.c).  Measured (gcc -O2, user time,
 * minimum of 20-30 interleaved runs on a busy machine, noise +-4%):
 * fib, coremix, minivm, sha256 as bench/ builds them are unchanged
 * (clang inlined their helpers; gcc had inlined nothing more, and the
 * code differs in register choices only); built with clang -fno-inline
 * (small helpers left as calls), sha256's i32.rotr helper is pure and
 * still inlined (noinline on every function made it 2.7x slower),
 * minivm loses one inlined helper that reads memory: +6% to +13%. */
static bool never_traced(const struct fn *F, const struct wx_funcdef *fd,
			 const char *body)
{
	static const char *const marks[] = {
		"wxn_trap(", "c->rt->", "__asm__", "wxn_div_", "wxn_rem_",
		"wxn_trunc_", "setjmp",
	};
	size_t k;
	if (F->calls || F->x.has_tail || F->x.has_try ||
	    fd->nlocals + F->used_cap > 1024)
		return false;
	for (k = 0; body != NULL && k < sizeof(marks) / sizeof(marks[0]); k++)
		if (strstr(body, marks[k]) != NULL)
			return false;
	return true;
}

/* Translate defined function `idx` into `out`.  Returns NULL or the
 * reason it cannot be. */
static const char *emit_function(const struct wx_module *m, uint32_t idx,
				 struct wx_sbuf *out, struct fn *F)
{
	const struct wx_funcdef *fd = &m->funcdefs[idx - m->nfuncs_imported];
	const struct wx_functype *ft = functype_of(m, idx);
	struct wx_sbuf body = {0}, head = {0};
	struct rd r;
	struct ctl *c;
	uint32_t k, d;
	bool pure;

	F->m = m;
	F->idx = idx;
	F->b = &body;
	F->h = 0;
	F->nctl = 0;
	F->nlabels = 0;
	F->max_args = F->max_mr = 0;
	F->unreachable = false;
	F->skip_depth = 0;
	F->calls = false;
	F->why = NULL;
	tail_reset(F);
	eh_reset(F);
	if (F->used != NULL)
		memset(F->used, 0, F->used_cap);
	if (!functype_ok(ft))
		return "a parameter or result type it does not know";
	for (k = 0; k < fd->nlocals; k++)
		if (tchar(fd->local_types[k]) == 0)
			return "a local type it does not know";

	c = push_ctl(F);
	if (c == NULL)
		return "out of memory";
	c->kind = K_FUNC;
	c->nr = ft->nresults;
	c->rt = ft->types8 + ft->nparams;

	r.base = m->bytes;
	r.p = m->bytes + fd->code_offset;
	r.end = r.p + fd->code_len;
	while (F->nctl > 0 && r.p < r.end) {
		if (!emit_op(F, &r)) {
			wx_sbuf_free(&body);
			return F->why != NULL ? F->why : "out of memory";
		}
	}
	if (body.oom) {
		wx_sbuf_free(&body);
		return "out of memory";
	}

	emit_host_replaced(m, idx, ft, &head);
	pure = never_traced(F, fd, body.p) && head.n == 0 && !head.oom;
	emit_tail_decls(F, out);
	if (F->x.has_tail || F->x.has_try)
		emit_x_signature(out, idx, ft, F->x.has_tail, F->x.has_try);
	else
		emit_signature(out, idx, ft, true, !pure);
	wx_sbuf_printf(out, "\n{\nuint8_t *mem = c->mem; uint64_t msize = "
			    "c->msize; volatile uint32_t *intr = c->intr; "
			    "uint64_t ea;\n");
	emit_eh_decls(F, out);
	for (k = 0; k < fd->nlocals; k++) {
		char t = tchar(fd->local_types[k]);
		wx_sbuf_printf(out, "%s%s l%" PRIu32 " = %s;\n",
			       F->x.has_try ? "volatile " : "", ctype(t),
			       ft->nparams + k, t == 'v' ? "{0}" : "0");
	}
	for (d = 0; d < F->used_cap; d++) {
		const char tc[] = "ilfdrv";
		unsigned ti;
		for (ti = 0; ti < 6; ti++)
			if (F->used[d] & (1u << ti))
				wx_sbuf_printf(out, "%s%s s%" PRIu32 "%c;\n",
					       F->x.has_try ? "volatile " : "",
					       ctype(tc[ti]), d, tc[ti]);
	}
	if (F->max_args > 0)
		wx_sbuf_printf(out, "uint64_t a[%" PRIu32 "];\n", F->max_args);
	if (F->max_mr > 0)
		wx_sbuf_printf(out, "uint64_t mr[%" PRIu32 "];\n", F->max_mr);
	for (k = 0; k < F->ngused; k++) {
		wx_sbuf_printf(out,
			       "uint64_t *const g%" PRIu32 " = c->globals[%" PRIu32
			       "];\n",
			       F->gused[k], F->gused[k]);
		F->gmark[F->gused[k]] = 0;
	}
	F->ngused = 0;
	wx_sbuf_printf(out, "(void)mem; (void)msize; (void)ea; (void)intr;\n");
	if (!pure)
		wx_sbuf_printf(out,
			       "if (__builtin_expect(" WXN_SP_EXPR
			       " < c->stack_limit, 0)) wxn_trap(c, %d, %" PRIu32
			       ", 0);\n",
			       WXN_TRAP_STACK_EXHAUSTED, idx);
	/* The poll on entry is for recursion: a function that calls
	 * nothing ends soon (its loops poll for themselves), then its
	 * caller polls. */
	if (F->calls || F->x.has_tail)
		wx_sbuf_printf(out,
			       "if (__builtin_expect(*intr, 0)) { "
			       "c->rt->interrupt(c, %" PRIu32 ", %" PRIu32
			       "); msize = c->msize; }\n",
			       idx, fd->code_offset);
	if (head.n > 0)
		wx_sbuf_put(out, head.p, head.n);
	wx_sbuf_put(out, body.p, body.n);
	wx_sbuf_printf(out, "}\n\n");
	wx_sbuf_free(&body);
	wx_sbuf_free(&head);
	if (F->x.has_tail)
		emit_tail_driver(F, idx, out);
	return out->oom ? "out of memory" : NULL;
}

#include "native_emit_module.inc"
