/*
 * compile.c - validate a function body and translate it to slot code.
 *
 * One walk per body (spec 3.3 "Instructions", appendix "Validation
 * Algorithm").  The validator's operand stack records, for each value, its
 * type and the slot that holds it; the control stack records each block's
 * label types, its base height and the branch sites still to patch.
 *
 * Slot assignment (see code.h): a value at height h belongs in its "home"
 * slot nlocals + h.  A local.get emits nothing: it pushes an operand whose
 * slot is the local's own, and the consumer reads the local directly.  Such
 * deferred operands are copied home ("materialised") wherever a later
 * instruction could change the local before use (local.set/tee of that
 * local) or where control flow merges (block boundaries, branches), since
 * all paths into a label must leave values in the same slots.
 * Constants are deferred the same way (compile_ops.c): an operand may be a
 * constant with no slot until something consumes or materialises it.
 *
 * Code in unreachable positions is validated but not emitted.
 */
#include "compile.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/reader.h"
#include "../util/forklock.h"
#include "code.h"
#include "compile_int.h"

/* Immediate kinds of opcodes.def. */
static const struct opinfo op_plain[256] = {
#define OP(code, ident, nm, im, sg, al) \
	[code] = {nm, sg, IMM_##im, al, WX_OP_##ident, OPINFO_SIG(sg)},
#define OPFC(...)
#define OPFE(...)
#include "../core/opcodes.def"
};

/* Record a validation failure; returns the status to propagate. */
int wxc_fail(struct compiler *c, int status, const char *fmt, ...)
{
	char msg[200];
	const char *name = wx_module_funcname(c->m, c->funcidx);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (name != NULL)
		wx_report(c->r, "%s (in function %u \"%s\" at byte offset 0x%x)",
			  msg, c->funcidx, name, c->insn_offset);
	else
		wx_report(c->r, "%s (in function %u at byte offset 0x%x)", msg,
			  c->funcidx, c->insn_offset);
	if (c->err == 0)
		c->err = status;
	return status;
}

#define INVALID(...) wxc_fail(c, WX_EINVALID, __VA_ARGS__)
#define MALFORMED(...) wxc_fail(c, WX_EMALFORMED, __VA_ARGS__)

bool wxc_grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
	uint32_t ncap;
	void *np;
	if (need <= *cap)
		return true;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, (size_t)ncap * elem);
	if (np == NULL)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

/* ---- reading immediates ---- */

int wxc_rd_u32(struct compiler *c, uint32_t *v)
{
	if (wx_read_u32(&c->rd, v) != 0)
		return MALFORMED("%s", c->rd.err ? c->rd.err : "unexpected end");
	return 0;
}

int wxc_rd_u8(struct compiler *c, uint8_t *v)
{
	if (wx_read_u8(&c->rd, v) != 0)
		return MALFORMED("unexpected end");
	return 0;
}

/* ---- emission ---- */

void wxc_emit_word(struct compiler *c, uint32_t w)
{
	if (!wxc_grow((void **)&c->code, &c->code_cap, c->ncode + 1,
		  sizeof(uint32_t))) {
		c->err = ENOMEM;
		return;
	}
	c->code[c->ncode++] = w;
}

/* Start an instruction; returns its first word's index. */
uint32_t wxc_emit_op(struct compiler *c, enum wx_op op)
{
	uint32_t at = c->ncode;
	if (wxc_grow((void **)&c->pos, &c->pos_cap, c->npos + 1,
		 sizeof(*c->pos))) {
		c->pos[c->npos].word = at;
		c->pos[c->npos].offset = c->insn_offset;
		c->npos++;
	}
	wxc_emit_word(c, (uint32_t)wx_interp_handler[op]);
	/* A fusion re-emits at last_at (keep prev) or at prev_at (then
	 * nothing reliable precedes it). */
	if (at != c->last_at) {
		c->prev2_op = at > c->last_at ? c->prev_op : WX_NUM_OPS;
		c->prev2_at = c->prev_at;
		c->prev_op = at > c->last_at ? c->last_op : WX_NUM_OPS;
		c->prev_at = c->last_at;
	}
	c->last_dst = -1;
	c->last_at = at;
	c->last_op = op;
	return at;
}

void wxc_emit_copy(struct compiler *c, uint32_t dst, uint32_t src)
{
	if (dst == src)
		return;
	/* Runs of copies (variables rotated at a loop head, moves to a
	 * label) pair up into copy2.  A copy cannot trap: no position. */
	if (c->last_op == WX_OP_copy && c->last_at + 3 == c->ncode) {
		c->code[c->last_at] = (uint32_t)wx_interp_handler[WX_OP_copy2];
		c->last_op = WX_OP_copy2;
		wxc_emit_word(c, dst);
		wxc_emit_word(c, src);
		c->last_dst = -1;
		return;
	}
	wxc_emit_op(c, WX_OP_copy);
	wxc_emit_word(c, dst);
	wxc_emit_word(c, src);
}

/* Emit a branch operand for the instruction at `insn` to the label of
 * control frame `f` (patched later for forward labels). */
static void emit_target(struct compiler *c, struct ctrl *f, uint32_t insn)
{
	if (f->kind == CTRL_LOOP) {
		wxc_emit_word(c, (uint32_t)((int32_t)f->loop_start -
					  (int32_t)insn));
		return;
	}
	if (!wxc_grow((void **)&c->fix, &c->fix_cap, c->nfix + 1,
		  sizeof(*c->fix))) {
		c->err = ENOMEM;
		return;
	}
	c->fix[c->nfix].word = c->ncode;
	c->fix[c->nfix].insn = insn;
	c->fix[c->nfix].next = f->fixups;
	f->fixups = (int32_t)c->nfix++;
	wxc_emit_word(c, 0);
}

/* Resolve the pending forward branches of `f` to the current position. */
static void patch_fixups(struct compiler *c, int32_t head)
{
	while (head >= 0) {
		struct fixup *x = &c->fix[head];
		c->code[x->word] = (uint32_t)((int32_t)c->ncode -
					      (int32_t)x->insn);
		head = x->next;
	}
}

/* ---- the operand stack ---- */

/* wxc_push's slow path: make room for one more operand. */
bool wxc_push_grow(struct compiler *c)
{
	if (!wxc_grow((void **)&c->stack, &c->stack_cap, c->sp + 1,
		      sizeof(*c->stack))) {
		c->err = ENOMEM;
		return false;
	}
	return true;
}

/* Push a value that the next instruction writes to its home slot. */
static uint32_t push_home(struct compiler *c, wx_valtype_t type)
{
	uint32_t slot = home(c, c->sp);
	wxc_push(c, type, slot);
	return slot;
}

/* Pop the top operand; a constant stays a constant only if keep_const
 * (the consumer takes immediates), else it is written to its home slot
 * first. */
static int pop_any(struct compiler *c, struct operand *out, bool keep_const)
{
	struct ctrl *f = top_ctrl(c);
	if (c->sp == f->height) {
		if (f->unreachable) {
			out->type = 0;
			out->is_const = false;
			out->slot = home(c, c->sp);
			out->imm = 0;
			return 0;
		}
		return INVALID("type mismatch: operand stack is empty");
	}
	if (!keep_const)
		wxc_materialize(c, c->sp - 1);
	*out = c->stack[--c->sp];
	return 0;
}

int wxc_pop(struct compiler *c, struct operand *out)
{
	return pop_any(c, out, false);
}

static int pop_expect_any(struct compiler *c, wx_valtype_t type,
			  struct operand *out, bool keep_const)
{
	struct operand o;
	int ret;
	/* The common case first: an operand of the right type above the
	 * block's base, already home or kept as it is. */
	if (c->sp > top_ctrl(c)->height) {
		struct operand *t = &c->stack[c->sp - 1];
		if (t->type == type || t->type == 0 || type == 0 ||
		    wx_valtype_sub(t->type, type)) {
			if (!keep_const &&
			    (t->is_const || t->slot != home(c, c->sp - 1)))
				wxc_materialize(c, c->sp - 1);
			c->sp--;
			if (out != NULL)
				*out = *t;
			return 0;
		}
	}
	if ((ret = pop_any(c, &o, keep_const)) != 0)
		return ret;
	if (o.type != 0 && type != 0 && !wx_valtype_sub(o.type, type))
		return INVALID("type mismatch: expected %s, found %s",
			       wx_valtype_name(type), wx_valtype_name(o.type));
	if (out != NULL)
		*out = o;
	return 0;
}

int wxc_pop_expect(struct compiler *c, wx_valtype_t type, struct operand *out)
{
	return pop_expect_any(c, type, out, false);
}

/* As wxc_pop_expect, but a constant operand stays a constant. */
int wxc_pop_expect_k(struct compiler *c, wx_valtype_t type,
		     struct operand *out)
{
	return pop_expect_any(c, type, out, true);
}

/* Put the value at height i in its home slot if it lives elsewhere (a
 * local it was read from, or nowhere yet for a constant). */
void wxc_materialize(struct compiler *c, uint32_t i)
{
	struct operand *o = &c->stack[i];
	if (o->is_const) {
		if (live(c))
			wxc_emit_const_to(c, home(c, i), o->type, o->imm);
		o->is_const = false;
		o->slot = home(c, i);
	} else if (o->slot != home(c, i)) {
		if (live(c))
			wxc_emit_move(c, o->type, home(c, i), o->slot);
		o->slot = home(c, i);
	}
}

static void materialize_all(struct compiler *c)
{
	uint32_t i;
	for (i = 0; i < c->sp; i++)
		wxc_materialize(c, i);
}

/* Before local `idx` is written, values that still read it must move. */
static void materialize_local(struct compiler *c, uint32_t idx)
{
	uint32_t i;
	for (i = 0; i < c->sp; i++)
		if (c->stack[i].slot == idx)
			wxc_materialize(c, i);
}

/* ---- control frames ---- */

static int push_ctrl(struct compiler *c, uint8_t kind, uint32_t np,
		     const wx_valtype_t *p, uint32_t nr,
		     const wx_valtype_t *rs)
{
	struct ctrl *f;
	bool dead = c->nctrl > 0 && !live(c);
	if (!wxc_grow((void **)&c->ctrls, &c->ctrl_cap, c->nctrl + 1,
		  sizeof(*c->ctrls)))
		return c->err = ENOMEM;
	f = &c->ctrls[c->nctrl++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->dead = dead;
	f->nparams = np;
	f->params = p;
	f->nresults = nr;
	f->results = rs;
	f->height = c->sp - np;
	f->fixups = -1;
	f->else_fix = -1;
	f->region = -1;
	f->init_mark = c->nset_log;
	return 0;
}

/* ---- local initialisation (function references) ---- */

/* Mark local idx set (it is of a non-defaultable type). */
static void note_local_set(struct compiler *c, uint32_t idx)
{
	if (c->local_set[idx])
		return;
	if (!wxc_grow((void **)&c->set_log, &c->set_log_cap, c->nset_log + 1,
		      sizeof(uint32_t))) {
		c->err = ENOMEM;
		return;
	}
	c->local_set[idx] = 1;
	c->set_log[c->nset_log++] = idx;
}

/* Forget what was set since frame f began (at its else, end, catch:
 * spec 3.3.x, a local set in a block counts as set only inside it). */
void wxc_reset_locals(struct compiler *c, const struct ctrl *f)
{
	while (c->nset_log > f->init_mark)
		c->local_set[c->set_log[--c->nset_log]] = 0;
}

/* A frame's result types.  A one-type block keeps its type inside the
 * frame (results == NULL), since the frame array may move. */
static const wx_valtype_t *results_of(const struct ctrl *f)
{
	return f->results != NULL ? f->results : &f->single;
}

/* Types a branch to `f` carries (spec: label types). */
static void label_types(struct ctrl *f, uint32_t *n,
			const wx_valtype_t **t)
{
	if (f->kind == CTRL_LOOP) {
		*n = f->nparams;
		*t = f->params;
	} else {
		*n = f->nresults;
		*t = results_of(f);
	}
}

/* Read a value type or heap type of the body (core/decode.c's reader):
 * 0, or the failure reported. */
static int read_vt(struct compiler *c, wx_valtype_t *t, bool heap)
{
	uint32_t bad = 0;
	int ret = heap ? wx_read_heaptype(&c->rd, c->m, 0, t, &bad)
		       : wx_read_valtype(&c->rd, c->m, 0, t, &bad);
	if (ret == WX_EMALFORMED)
		return MALFORMED("%s", c->rd.err ? c->rd.err
						 : "malformed value type");
	if (ret == WX_EINVALID)
		return INVALID("unknown type %u", bad);
	return 0;
}

int wxc_read_valtype(struct compiler *c, wx_valtype_t *t)
{
	return read_vt(c, t, false);
}

/* A type index naming a function type: its type, or NULL (reported). */
const struct wx_functype *wxc_functype_idx(struct compiler *c, uint64_t x)
{
	if (x >= c->m->ntypes) {
		INVALID("unknown type %llu", (unsigned long long)x);
		return NULL;
	}
	if (c->m->types[x]->kind != WX_DEF_FUNC) {
		INVALID("type mismatch: type %llu is not a function type",
			(unsigned long long)x);
		return NULL;
	}
	return c->m->types[x];
}

/* Block types (spec 5.4.1): empty, one value type, or a type index. */
static int read_blocktype(struct compiler *c, struct ctrl *tmp)
{
	int64_t bt;
	uint8_t b;
	int ret;
	if (c->rd.pos >= c->rd.end)
		return MALFORMED("unexpected end");
	b = *c->rd.pos;
	if (b == 0x40) {
		c->rd.pos++;
		tmp->nparams = tmp->nresults = 0;
		return 0;
	}
	if (b == WX_I32 || b == WX_I64 || b == WX_F32 || b == WX_F64 ||
	    b == WX_V128 || b == 0x63 || b == 0x64 || wx_is_abstract_ht(b)) {
		if ((ret = read_vt(c, &tmp->single, false)) != 0)
			return ret;
		tmp->nparams = 0;
		tmp->nresults = 1;
		tmp->results = &tmp->single;
		return 0;
	}
	if (wx_read_s33(&c->rd, &bt) != 0)
		return MALFORMED("%s", c->rd.err ? c->rd.err : "bad block type");
	if (bt < 0)
		return INVALID("unknown type %lld", (long long)bt);
	{
		const struct wx_functype *ft = wxc_functype_idx(c, (uint64_t)bt);
		if (ft == NULL)
			return c->err ? c->err : WX_EINVALID;
		tmp->nparams = ft->nparams;
		tmp->params = ft->types;
		tmp->nresults = ft->nresults;
		tmp->results = ft->types + ft->nparams;
	}
	return 0;
}

/* Check the top values against a label's types without removing them;
 * in unreachable code missing values are filled in with the label types
 * (spec: the stack is polymorphic after an unconditional branch).  Each
 * value is moved home, unless in_place: then a local read or a constant
 * stays as it is (a function's results: emit_return takes ret1's operand
 * from any slot, so nothing is copied first). */
static int check_label_values(struct compiler *c, uint32_t n,
			      const wx_valtype_t *types, bool keep_unknown,
			      bool in_place)
{
	struct operand saved[16];
	struct operand *buf = n <= 16 ? saved : malloc(n * sizeof(*buf));
	uint32_t i;
	int ret = 0;
	if (buf == NULL)
		return c->err = ENOMEM;
	for (i = n; i-- > 0;)
		if ((ret = pop_expect_any(c, types[i], &buf[i], in_place)) != 0)
			goto out;
	for (i = 0; i < n && c->err == 0; i++) {
		wxc_push(c, keep_unknown ? buf[i].type : types[i],
		     buf[i].type == 0 ? home(c, c->sp) : buf[i].slot);
		if (c->err == 0 && buf[i].is_const) {
			c->stack[c->sp - 1].is_const = true;
			c->stack[c->sp - 1].imm = buf[i].imm;
		}
	}
	ret = c->err;
out:
	if (buf != saved)
		free(buf);
	return ret;
}

/* Check the block's params, materialise everything (every path into the
 * block's labels must agree on slots) and open the frame. */
static int open_block(struct compiler *c, uint8_t kind, struct ctrl *bt)
{
	int ret;
	struct ctrl *f;
	if ((ret = check_label_values(c, bt->nparams, bt->params, false,
				      false)) != 0)
		return ret;
	materialize_all(c);
	if ((ret = push_ctrl(c, kind, bt->nparams, bt->params, bt->nresults,
			     bt->results)) != 0)
		return ret;
	f = top_ctrl(c);
	if (bt->nresults == 1 && bt->results == &bt->single) {
		f->single = bt->single;
		f->results = NULL;
	}
	c->last_dst = -1;
	c->last_op = WX_NUM_OPS; /* a label may follow */
	return 0;
}

/* Check that the stack holds exactly the frame's results and move them
 * home (end of block, else). */
static int check_results(struct compiler *c, struct ctrl *f)
{
	uint32_t i;
	int ret;
	if ((ret = check_label_values(c, f->nresults, results_of(f), false,
				      false)) != 0)
		return ret;
	if (c->sp != f->height + f->nresults)
		return INVALID("type mismatch: values remain on the stack at "
			       "end of block");
	for (i = 0; i < f->nresults; i++)
		wxc_materialize(c, f->height + i);
	return 0;
}

/* Emit the moves that put the top n values in the label slots of f. */
static void emit_label_moves(struct compiler *c, struct ctrl *f, uint32_t n)
{
	uint32_t i;
	for (i = 0; i < n; i++) {
		const struct operand *o = &c->stack[c->sp - n + i];
		if (o->is_const)
			wxc_emit_const_to(c, home(c, f->height + i), o->type,
					  o->imm);
		else
			wxc_emit_move(c, o->type, home(c, f->height + i),
				      o->slot);
	}
}

static bool label_moves_needed(struct compiler *c, struct ctrl *f, uint32_t n)
{
	uint32_t i;
	for (i = 0; i < n; i++)
		if (c->stack[c->sp - n + i].is_const ||
		    c->stack[c->sp - n + i].slot != home(c, f->height + i))
			return true;
	return false;
}

static void emit_return(struct compiler *c)
{
	uint32_t n = c->type->nresults;
	uint32_t i;
	if (!live(c))
		return;
	if (n == 0) {
		wxc_emit_op(c, WX_OP_ret0);
	} else if (wxc_has_v128(n, c->type->types + c->type->nparams)) {
		for (i = c->sp - n; i < c->sp && n > 1; i++)
			wxc_materialize(c, i);
		wxc_emit_v128_moven(c, 0, c->stack[c->sp - n].slot, n);
		wxc_emit_op(c, WX_OP_ret0);
	} else if (n == 1) {
		if (c->stack[c->sp - 1].is_const)
			wxc_materialize(c, c->sp - 1);
		wxc_emit_op(c, WX_OP_ret1);
		wxc_emit_word(c, c->stack[c->sp - 1].slot);
	} else {
		for (i = c->sp - n; i < c->sp; i++)
			wxc_materialize(c, i);
		wxc_emit_op(c, WX_OP_retn);
		wxc_emit_word(c, home(c, c->sp - n));
		wxc_emit_word(c, n);
	}
}

static int get_label(struct compiler *c, uint32_t depth, struct ctrl **fp)
{
	if (depth >= c->nctrl)
		return INVALID("unknown label %u", depth);
	*fp = &c->ctrls[c->nctrl - 1 - depth];
	return 0;
}

static void set_unreachable(struct compiler *c)
{
	struct ctrl *f = top_ctrl(c);
	c->sp = f->height;
	f->unreachable = true;
}

/* An unconditional branch to `f` (stack already checked). */
static void emit_branch(struct compiler *c, struct ctrl *f)
{
	uint32_t n;
	const wx_valtype_t *t;
	uint32_t at;
	if (!live(c))
		return;
	if (f == &c->ctrls[0]) {
		emit_return(c);
		return;
	}
	label_types(f, &n, &t);
	emit_label_moves(c, f, n);
	at = wxc_emit_op(c, f->kind == CTRL_LOOP ? WX_OP_jump_loop
						  : WX_OP_jump);
	emit_target(c, f, at);
}

/* ---- instructions ---- */

/* Pop the i32 operand of if, br_if, br_table or call_indirect.  A local
 * read in place serves as it is (the instruction reads the local's slot;
 * the moves emitted before it write only homes, never locals); a
 * constant is materialised. */
static int pop_i32_in_place(struct compiler *c, struct operand *cond)
{
	if (c->sp > top_ctrl(c)->height && !c->stack[c->sp - 1].is_const)
		return wxc_pop_expect_k(c, WX_I32, cond);
	return wxc_pop_expect(c, WX_I32, cond);
}


/* call, call_indirect (indirect: table a, type b) and call_ref (op
 * WX_OP_call_ref: the callee a (struct wx_func *) of type b on top). */
static int compile_call(struct compiler *c, const struct wx_functype *ft,
			enum wx_op op, uint32_t a, uint32_t b, bool indirect)
{
	uint32_t i, base;
	int ret;
	struct operand elem = {0};
	/* A 64-bit table's i64 index is clamped in its home (table.c). */
	if (indirect && op == WX_OP_call_ref) {
		if ((ret = wxc_pop_expect(c, wx_vt_of_id(ft->id, true),
					  &elem)) != 0)
			return ret;
	} else if (indirect &&
		   (c->m->tables[a].limits.is64
			    ? (ret = wxc_pop_table_index(c, a, &elem))
			    : (ret = pop_i32_in_place(c, &elem))) != 0) {
		return ret;
	}
	for (i = ft->nparams; i-- > 0;)
		if ((ret = wxc_pop_expect(c, ft->types[i], NULL)) != 0)
			return ret;
	/* The arguments are the callee's first slots, from base up, and
	 * each pop above left its operand there (a pop materialises).  In
	 * unreachable code a missing operand is not popped at all (the
	 * height stays at the block's base), so nothing may be read from
	 * the array above sp: it may hold stale operands or not exist. */
	base = home(c, c->sp);
	if (c->sp + ft->nparams > c->max_height)
		c->max_height = c->sp + ft->nparams;
	/* The callee's frame grows from base; its extent is checked at run
	 * time.  Results land at base. */
	if (c->sp + ft->nresults > c->max_height)
		c->max_height = c->sp + ft->nresults;
	if (live(c)) {
		if (!indirect && c->emit &&
		    (c->ncallees == 0 || c->callees[c->ncallees - 1] != a)) {
			if (!wxc_grow((void **)&c->callees, &c->callees_cap,
				      c->ncallees + 1, sizeof(uint32_t)))
				return ENOMEM;
			c->callees[c->ncallees++] = a;
		}
		wxc_emit_op(c, op);
		if (op == WX_OP_call_ref) {
			wxc_emit_word(c, elem.slot);
		} else {
			wxc_emit_word(c, a);
			if (indirect) {
				wxc_emit_word(c, b);
				wxc_emit_word(c, elem.slot);
			}
		}
		wxc_emit_word(c, base);
	}
	for (i = 0; i < ft->nresults; i++)
		push_home(c, ft->types[ft->nparams + i]);
	return 0;
}

static int compile_local(struct compiler *c, uint8_t opc)
{
	uint32_t idx;
	struct operand v;
	int ret;
	if ((ret = wxc_rd_u32(c, &idx)) != 0)
		return ret;
	if (idx >= c->nlocals)
		return INVALID("unknown local %u", idx);
	if (opc == 0x20) { /* local.get: defer, read the local in place */
		if (c->local_set != NULL && idx >= c->type->nparams &&
		    !wx_vt_defaultable(c->locals[idx]) && !c->local_set[idx])
			return INVALID("uninitialized local %u", idx);
		wxc_push(c, c->locals[idx], idx);
		return 0;
	}
	if ((ret = wxc_pop_expect_k(c, c->locals[idx], &v)) != 0)
		return ret;
	if (c->local_set != NULL && !wx_vt_defaultable(c->locals[idx]))
		note_local_set(c, idx);
	if (!live(c)) {
		if (opc == 0x22)
			wxc_push(c, c->locals[idx], idx);
		return 0;
	}
	if (v.is_const) { /* write the constant straight into the local */
		materialize_local(c, idx);
		wxc_emit_const_to(c, idx, c->locals[idx], v.imm);
		if (opc == 0x22)
			wxc_push(c, c->locals[idx], idx);
		return 0;
	}
	/* Rewrite the producer's result slot instead of copying, unless a
	 * deferred read of this local is still pending on the stack. */
	{
		bool pending = false;
		uint32_t i;
		for (i = 0; i < c->sp; i++)
			if (c->stack[i].slot == idx)
				pending = true;
		if (!pending && c->last_dst >= 0 && v.slot == home(c, c->sp) &&
		    c->code[c->last_dst] == v.slot) {
			c->code[c->last_dst] = idx;
			c->last_dst = -1;
		} else {
			materialize_local(c, idx);
			wxc_emit_move(c, c->locals[idx], idx, v.slot);
		}
	}
	if (opc == 0x22)
		wxc_push(c, c->locals[idx], idx);
	return 0;
}

static int compile_global(struct compiler *c, uint8_t opc)
{
	uint32_t idx;
	struct wx_globaltype gt;
	struct operand v;
	int ret;
	if ((ret = wxc_rd_u32(c, &idx)) != 0)
		return ret;
	if (idx >= c->m->nglobals)
		return INVALID("unknown global %u", idx);
	gt = wx_module_globaltype(c->m, idx);
	if (opc == 0x23) {
		uint32_t dst = home(c, c->sp);
		if (live(c) && gt.type == WX_V128) {
			wxc_emit_v128_global(c, false, dst, idx);
			c->last_dst = (int32_t)c->ncode - 8;
		} else if (live(c)) {
			wxc_emit_op(c, WX_OP_global_get);
			wxc_emit_word(c, dst);
			wxc_emit_word(c, idx);
			c->last_dst = (int32_t)c->ncode - 2;
		}
		wxc_push(c, gt.type, dst);
		return 0;
	}
	if (!gt.mut)
		return INVALID("global is immutable");
	if ((ret = wxc_pop_expect(c, gt.type, &v)) != 0)
		return ret;
	if (live(c) && wx_vt_heap(gt.type) == WX_EXNREF) /* pinned: exn.c */
		wxc_emit_n(c, WX_OP_exn_pin, 1, &v.slot);
	if (live(c) && gt.type == WX_V128) {
		wxc_emit_v128_global(c, true, v.slot, idx);
	} else if (live(c)) {
		wxc_emit_op(c, WX_OP_global_set);
		wxc_emit_word(c, idx);
		wxc_emit_word(c, v.slot);
	}
	return 0;
}

static int compile_block(struct compiler *c, uint8_t opc)
{
	struct ctrl bt;
	struct operand cond;
	int ret;
	memset(&bt, 0, sizeof(bt));
	if ((ret = read_blocktype(c, &bt)) != 0)
		return ret;
	if (opc == 0x04 && (ret = pop_i32_in_place(c, &cond)) != 0)
		return ret;
	if (opc == 0x04 && live(c)) {
		struct cmp k;
		uint32_t at;
		/* The compare moves past the copies: they write only the
		 * homes below it, never its operands. */
		wxc_take_cmp(c, &cond, &k);
		materialize_all(c); /* before the branch: both arms see homes */
		at = wxc_emit_cmp_branch(c, &k, true, false);
		if ((ret = open_block(c, CTRL_IF, &bt)) != 0)
			return ret;
		/* The else-fixup is a normal fixup list of length one. */
		if (!wxc_grow((void **)&c->fix, &c->fix_cap, c->nfix + 1,
			  sizeof(*c->fix)))
			return c->err = ENOMEM;
		c->fix[c->nfix].word = c->ncode;
		c->fix[c->nfix].insn = at;
		c->fix[c->nfix].next = -1;
		top_ctrl(c)->else_fix = (int32_t)c->nfix++;
		wxc_emit_word(c, 0);
		/* open_block pushed the frame after the branch was emitted
		 * but its target follows; keep the code layout: op ... rel. */
		return 0;
	}
	if (opc == 0x04)
		materialize_all(c);
	if ((ret = open_block(c, opc == 0x02 ? CTRL_BLOCK
				 : opc == 0x03 ? CTRL_LOOP : CTRL_IF,
			      &bt)) != 0)
		return ret;
	if (opc == 0x03)
		top_ctrl(c)->loop_start = c->ncode;
	return 0;
}

static int compile_else(struct compiler *c)
{
	struct ctrl *f = top_ctrl(c);
	int ret;
	uint32_t i;
	if (f->kind != CTRL_IF)
		return INVALID("else without if");
	if ((ret = check_results(c, f)) != 0)
		return ret;
	if (live(c)) {
		uint32_t at = wxc_emit_op(c, WX_OP_jump);
		emit_target(c, f, at);
	}
	patch_fixups(c, f->else_fix);
	f->else_fix = -1;
	f->kind = CTRL_ELSE;
	if (c->local_set != NULL)
		wxc_reset_locals(c, f);
	f->unreachable = false;
	c->sp = f->height;
	for (i = 0; i < f->nparams; i++)
		push_home(c, f->params[i]);
	c->last_dst = -1;
	c->last_op = WX_NUM_OPS; /* a label may follow */
	return 0;
}

/* `end` of a block; returns 1 at the end of the function body. */
static int compile_end(struct compiler *c)
{
	struct ctrl *f = top_ctrl(c);
	int ret;
	uint32_t i;
	if (f->kind == CTRL_IF && f->nparams != f->nresults)
		return INVALID("type mismatch: if without else must leave "
			       "its params as results");
	if (f->kind == CTRL_IF)
		for (i = 0; i < f->nparams; i++)
			if (!wx_valtype_sub(f->params[i], results_of(f)[i]))
				return INVALID("type mismatch: if without "
					       "else changes types");
	if (f->kind == CTRL_FUNC) {
		if ((ret = check_label_values(c, f->nresults,
					      results_of(f), false, true)) != 0)
			return ret;
		if (c->sp != f->height + f->nresults)
			return INVALID("type mismatch: values remain on the "
				       "stack at end of block");
		emit_return(c);
		c->nctrl--;
		return 1;
	}
	if ((ret = check_results(c, f)) != 0)
		return ret;
	if (f->region >= 0)
		wxc_eh_close(c, f);
	patch_fixups(c, f->fixups);
	patch_fixups(c, f->else_fix);
	if (c->local_set != NULL)
		wxc_reset_locals(c, f);
	{
		uint32_t h = f->height, n = f->nresults;
		struct ctrl done = *f;
		c->nctrl--;
		c->sp = h;
		for (i = 0; i < n; i++)
			push_home(c, results_of(&done)[i]);
	}
	c->last_dst = -1;
	c->last_op = WX_NUM_OPS; /* a label may follow */
	return 0;
}

static int compile_br(struct compiler *c, uint8_t opc)
{
	uint32_t depth, n;
	const wx_valtype_t *t;
	struct ctrl *f = NULL;
	struct operand cond;
	struct cmp k;
	int ret;
	if ((ret = wxc_rd_u32(c, &depth)) != 0 ||
	    (ret = get_label(c, depth, &f)) != 0)
		return ret;
	label_types(f, &n, &t);
	if (opc == 0x0d && (ret = pop_i32_in_place(c, &cond)) != 0)
		return ret;
	/* Take the compare before the label values may emit moves (they
	 * write only homes below it). */
	if (opc == 0x0d && live(c))
		wxc_take_cmp(c, &cond, &k);
	if ((ret = check_label_values(c, n, t, false, false)) != 0)
		return ret;
	if (opc == 0x0c) {
		emit_branch(c, f);
		set_unreachable(c);
		return 0;
	}
	if (!live(c))
		return 0;
	if (f != &c->ctrls[0] && !label_moves_needed(c, f, n)) {
		uint32_t at = wxc_emit_cmp_branch(c, &k, false,
						  f->kind == CTRL_LOOP);
		emit_target(c, f, at);
	} else {
		/* The negated branch over the moves and the jump. */
		uint32_t at = wxc_emit_cmp_branch(c, &k, true, false);
		uint32_t word;
		word = c->ncode;
		wxc_emit_word(c, 0);
		emit_branch(c, f);
		c->code[word] = c->ncode - at;
	}
	c->last_dst = -1;
	c->last_op = WX_NUM_OPS; /* a label may follow */
	return 0;
}

static int compile_br_table(struct compiler *c)
{
	uint32_t n, i, arity = 0, at, *depths;
	struct operand idx;
	struct ctrl *f = NULL;
	int ret;
	bool first = true;
	if ((ret = wxc_rd_u32(c, &n)) != 0)
		return ret;
	if ((uint64_t)n + 1 > (uint64_t)(c->rd.end - c->rd.pos))
		return MALFORMED("unexpected end");
	depths = malloc(((size_t)n + 1) * sizeof(uint32_t));
	if (depths == NULL)
		return c->err = ENOMEM;
	for (i = 0; i <= n; i++)
		if ((ret = wxc_rd_u32(c, &depths[i])) != 0)
			goto out;
	if ((ret = pop_i32_in_place(c, &idx)) != 0)
		goto out;
	/* Every target must accept the values on the stack (spec 3.3.8.8:
	 * all label types must match the operands, with the default's arity). */
	for (i = 0; i <= n; i++) {
		uint32_t k;
		const wx_valtype_t *t;
		if ((ret = get_label(c, depths[i], &f)) != 0)
			goto out;
		label_types(f, &k, &t);
		if (first) {
			arity = k;
			first = false;
		} else if (k != arity) {
			ret = INVALID("type mismatch: br_table targets differ "
				      "in arity");
			goto out;
		}
		if ((ret = check_label_values(c, k, t, true, false)) != 0)
			goto out;
	}
	if (live(c)) {
		at = wxc_emit_op(c, WX_OP_br_table_);
		wxc_emit_word(c, idx.slot);
		wxc_emit_word(c, n);
		{
			uint32_t table = c->ncode;
			for (i = 0; i <= n; i++)
				wxc_emit_word(c, 0);
			/* Each entry jumps to a stub that moves the values
			 * and branches; direct entries skip the stub. */
			for (i = 0; i <= n && c->err == 0; i++) {
				get_label(c, depths[i], &f);
				if (f != &c->ctrls[0] && f->kind != CTRL_LOOP &&
				    !label_moves_needed(c, f, arity)) {
					struct fixup *x;
					if (!wxc_grow((void **)&c->fix,
						      &c->fix_cap, c->nfix + 1,
						      sizeof(*x))) {
						ret = c->err = ENOMEM;
						goto out;
					}
					x = &c->fix[c->nfix];
					x->word = table + i;
					x->insn = at;
					x->next = f->fixups;
					f->fixups = (int32_t)c->nfix++;
				} else {
					c->code[table + i] = c->ncode - at;
					emit_branch(c, f);
				}
			}
		}
	}
	set_unreachable(c);
out:
	free(depths);
	return ret;
}

/* ref.as_non_null: traps on null ("null reference"); the value's type
 * loses its null. */
static int compile_as_non_null(struct compiler *c)
{
	struct operand a;
	int ret;
	if ((ret = wxc_pop(c, &a)) != 0)
		return ret;
	if (a.type != 0 && !wx_is_reftype(a.type))
		return INVALID("type mismatch: ref.as_non_null needs a "
			       "reference, found %s", wx_valtype_name(a.type));
	if (live(c))
		wxc_emit_n(c, WX_OP_ref_as_non_null, 1, &a.slot);
	wxc_push(c, a.type != 0 ? a.type | WX_VT_NONNULL : 0, a.slot);
	return 0;
}

/* br_on_null l (branches with the values below the reference when it is
 * null, else leaves it non-null) and br_on_non_null l (branches with
 * the values and the reference, now non-null, when it is not null, else
 * drops it). */
static int compile_br_on_null(struct compiler *c, bool non_null)
{
	uint32_t depth, n, tmp;
	const wx_valtype_t *t;
	struct ctrl *f = NULL;
	struct operand a;
	struct cmp k;
	int ret;
	if ((ret = wxc_rd_u32(c, &depth)) != 0 ||
	    (ret = get_label(c, depth, &f)) != 0)
		return ret;
	label_types(f, &n, &t);
	if ((ret = wxc_pop(c, &a)) != 0)
		return ret;
	if (a.type != 0 && !wx_is_reftype(a.type))
		return INVALID("type mismatch: %s needs a reference, found %s",
			       non_null ? "br_on_non_null" : "br_on_null",
			       wx_valtype_name(a.type));
	if (non_null) {
		/* Also in unreachable code, where the operand is unknown:
		 * the label's last value must be a reference. */
		if (n == 0 || !wx_is_reftype(t[n - 1]))
			return INVALID("type mismatch: br_on_non_null's label "
				       "takes no reference");
		wxc_push(c, a.type != 0 ? a.type | WX_VT_NONNULL : 0, a.slot);
		if ((ret = check_label_values(c, n, t, false, false)) != 0)
			return ret;
	} else if ((ret = check_label_values(c, n, t, false, false)) != 0) {
		return ret;
	}
	/* Null or not, as an i32 above everything the label moves write
	 * (they write only homes up to the current height). */
	tmp = home(c, c->sp + 1);
	if (c->sp + 2 > c->max_height)
		c->max_height = c->sp + 2;
	if (live(c)) {
		uint32_t src = non_null ? c->stack[c->sp - 1].slot : a.slot;
		wxc_emit_n(c, WX_OP_ref_is_null, 2, (uint32_t[]){tmp, src});
		c->last_op = WX_NUM_OPS;
		c->last_dst = -1;
		k.op = WX_NUM_OPS;
		k.a = tmp;
		k.b = 0;
		if (f != &c->ctrls[0] && !label_moves_needed(c, f, n)) {
			uint32_t at = wxc_emit_cmp_branch(
				c, &k, non_null, f->kind == CTRL_LOOP);
			emit_target(c, f, at);
		} else {
			uint32_t at = wxc_emit_cmp_branch(c, &k, !non_null,
							  false);
			uint32_t word = c->ncode;
			wxc_emit_word(c, 0);
			emit_branch(c, f);
			c->code[word] = c->ncode - at;
		}
	}
	if (non_null) {
		c->sp--; /* the reference goes with the branch only */
	} else {
		wxc_push(c, a.type != 0 ? a.type | WX_VT_NONNULL : 0, a.slot);
	}
	c->last_dst = -1;
	c->last_op = WX_NUM_OPS; /* a label may follow */
	return c->err;
}

/* Compile one instruction.  Returns 0, 1 after the body's final `end`, or
 * an error status. */
static int compile_instr(struct compiler *c)
{
	uint8_t opc;
	const struct opinfo *oi;
	uint32_t x, y;
	struct operand a;
	int ret;

	c->insn_offset = (uint32_t)wx_reader_offset(&c->rd);
	if ((ret = wxc_rd_u8(c, &opc)) != 0)
		return ret;
	switch (opc) {
	case 0x00: /* unreachable */
		if (live(c)) {
			wxc_emit_op(c, WX_OP_trap_);
			wxc_emit_word(c, 0);
		}
		set_unreachable(c);
		return 0;
	case 0x01:
		return 0;
	case 0x02:
	case 0x03:
	case 0x04:
		return compile_block(c, opc);
	case 0x05:
		return compile_else(c);
	case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a: case 0x12:
	case 0x13: case 0x18: case 0x19: case 0x1f:
		return wxc_compile_eh(c, opc);
	case 0x0b:
		return compile_end(c);
	case 0x0c:
	case 0x0d:
		return compile_br(c, opc);
	case 0x0e:
		return compile_br_table(c);
	case 0x0f:
		if ((ret = check_label_values(c, c->type->nresults,
					      c->type->types +
						      c->type->nparams,
					      false, true)) != 0)
			return ret;
		emit_return(c);
		set_unreachable(c);
		return 0;
	case 0x10:
		if ((ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (x >= c->m->nfuncs)
			return INVALID("unknown function %u", x);
		return compile_call(c, wx_module_functype(c->m, x), WX_OP_call_,
				    x, 0, false);
	case 0x11:
		if ((ret = wxc_rd_u32(c, &y)) != 0 ||
		    (ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (x >= c->m->ntables)
			return INVALID("unknown table %u", x);
		if (wxc_functype_idx(c, y) == NULL)
			return c->err;
		if (!wx_valtype_sub(c->m->tables[x].elemtype, WX_FUNCREF))
			return INVALID("type mismatch: call_indirect needs a "
				       "funcref table");
		return compile_call(c, c->m->types[y], WX_OP_call_ind, x, y,
				    true);
	case 0x14: /* call_ref $t */
		if ((ret = wxc_rd_u32(c, &y)) != 0)
			return ret;
		if (wxc_functype_idx(c, y) == NULL)
			return c->err;
		return compile_call(c, c->m->types[y], WX_OP_call_ref, 0, y,
				    true);
	case 0x15:
		return wxc_compile_eh(c, opc);
	case 0xd4:
		return compile_as_non_null(c);
	case 0xd5:
	case 0xd6:
		return compile_br_on_null(c, opc == 0xd6);
	case 0x1a: /* drop: a dropped constant need not be written */
		return wxc_pop_expect_k(c, 0, &a);
	case 0x1b:
	case 0x1c:
		return wxc_compile_select(c, opc == 0x1c);
	case 0x20:
	case 0x21:
	case 0x22:
		return compile_local(c, opc);
	case 0x23:
	case 0x24:
		return compile_global(c, opc);
	case 0x25:
		return wxc_compile_table_op(c, WX_OP_table_get);
	case 0x26:
		return wxc_compile_table_op(c, WX_OP_table_set);
	case 0x41: {
		int32_t v;
		if (wx_read_s32(&c->rd, &v) != 0)
			return MALFORMED("%s", c->rd.err);
		wxc_emit_const(c, WX_I32, (uint32_t)v);
		return 0;
	}
	case 0x42: {
		int64_t v;
		if (wx_read_s64(&c->rd, &v) != 0)
			return MALFORMED("%s", c->rd.err);
		wxc_emit_const(c, WX_I64, (uint64_t)v);
		return 0;
	}
	case 0x43: {
		uint32_t bits;
		if (wx_read_f32(&c->rd, &bits) != 0)
			return MALFORMED("unexpected end");
		wxc_emit_const(c, WX_F32, bits);
		return 0;
	}
	case 0x44: {
		uint64_t bits;
		if (wx_read_f64(&c->rd, &bits) != 0)
			return MALFORMED("unexpected end");
		wxc_emit_const(c, WX_F64, bits);
		return 0;
	}
	case 0xd0: { /* ref.null ht: (ref null ht) */
		wx_valtype_t t;
		if ((ret = read_vt(c, &t, true)) != 0)
			return ret;
		wxc_emit_const(c, WX_I64, 0);
		c->stack[c->sp - 1].type = t;
		return 0;
	}
	case 0xd1: {
		uint32_t dst;
		if ((ret = wxc_pop(c, &a)) != 0)
			return ret;
		if (a.type != 0 && !wx_is_reftype(a.type))
			return INVALID("type mismatch: ref.is_null needs a "
				       "reference");
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_ref_is_null, 2, (uint32_t[]){dst, a.slot});
		wxc_push(c, WX_I32, dst);
		return 0;
	}
	case 0xd2: {
		uint32_t dst;
		if ((ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (x >= c->m->nfuncs)
			return INVALID("unknown function %u", x);
		if (!c->m->func_declared[x])
			return INVALID("undeclared function reference");
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_ref_func, 2, (uint32_t[]){dst, x});
		/* Function references: (ref $t), $t the function's type. */
		wxc_push(c, wx_vt_of_id(wx_module_functype(c->m, x)->id, false),
			 dst);
		return 0;
	}
	case 0xd3: { /* ref.eq (GC): references are addresses */
		struct operand b;
		uint32_t dst;
		if ((ret = wxc_pop_expect(c, WX_HT_EQ, &b)) != 0 ||
		    (ret = wxc_pop_expect(c, WX_HT_EQ, &a)) != 0)
			return ret;
		dst = home(c, c->sp);
		wxc_emit_n(c, WX_OP_i64_eq, 3,
			   (uint32_t[]){dst, a.slot, b.slot});
		wxc_push(c, WX_I32, dst);
		return 0;
	}
	case 0xfb: /* struct, array, i31 instructions */
		return wxc_fail(c, WX_EUNSUPPORTED, "not supported: GC "
				"instruction 0x%02x (garbage collection)", opc);
	case 0xfc:
		return wxc_compile_fc(c);
	case 0xfe:
		return wxc_compile_fe(c);
	case 0xfd:
		return wxc_compile_simd(c);
	}
	oi = &op_plain[opc];
	if (oi->name == NULL)
		return MALFORMED("illegal opcode 0x%x", opc);
	if (oi->imm == IMM_MEMARG) {
		if ((ret = wxc_read_memarg(c, oi, &x, false)) != 0)
			return ret;
		if (c->memidx != 0 || c->mem64) /* multi-memory, memory64 */
			return wxc_compile_access_mm(c, oi, x, c->memidx);
		return wxc_compile_generic(c, oi, 1, &x);
	}
	if (oi->imm == IMM_MEMIDX) /* memory.size, memory.grow */
		return wxc_compile_size_grow(c, oi, 0);
	if (oi->imm != IMM_NONE || oi->sig[0] == '\0')
		return MALFORMED("illegal opcode 0x%x", opc);
	return wxc_compile_generic(c, oi, 0, NULL);
}

static int compile_function(struct compiler *c, uint32_t funcidx,
			    bool emit, struct wx_code **out)
{
	const struct wx_module *m = c->m;
	const struct wx_funcdef *fd = &m->funcdefs[funcidx - m->nfuncs_imported];
	const struct wx_functype *ft = m->types[fd->typeidx];
	struct wx_code *code;
	uint64_t nlocals = (uint64_t)ft->nparams + fd->nlocals;
	int ret = 0;

	c->funcidx = funcidx;
	c->emit = emit;
	c->type = ft;
	c->rd.base = m->bytes;
	c->rd.pos = m->bytes + fd->code_offset;
	c->rd.end = m->bytes + fd->code_offset + fd->code_len;
	c->rd.err = NULL;
	c->insn_offset = fd->code_offset;
	c->sp = c->max_height = 0;
	c->nctrl = c->ncode = c->nfix = c->npos = c->ncallees = 0;
	c->neh = c->nclauses = c->nhidden = 0;
	c->last_dst = -1;
	c->last_op = c->prev_op = c->prev2_op = WX_NUM_OPS;
	c->last_at = c->prev_at = c->prev2_at = 0;
	c->err = 0;
	if (nlocals > 50000)
		return MALFORMED("too many locals");
	c->nlocals = (uint32_t)nlocals;
	free(c->locals);
	c->locals = malloc((nlocals + 1) * sizeof(*c->locals));
	if (c->locals == NULL)
		return ENOMEM;
	memcpy(c->locals, ft->types, ft->nparams * sizeof(*c->locals));
	memcpy(c->locals + ft->nparams, fd->local_types,
	       fd->nlocals * sizeof(*c->locals));
	/* Locals of non-nullable types must be set before they are read
	 * (function references): tracked only when there are some. */
	free(c->local_set);
	c->local_set = NULL;
	c->nset_log = 0;
	{
		uint32_t k;
		for (k = 0; k < fd->nlocals; k++)
			if (!wx_vt_defaultable(fd->local_types[k]))
				break;
		if (k < fd->nlocals &&
		    (c->local_set = calloc(nlocals, 1)) == NULL)
			return ENOMEM;
	}

	if ((ret = push_ctrl(c, CTRL_FUNC, 0, NULL, ft->nresults,
			     ft->types + ft->nparams)) != 0)
		return ret;
	/* Declared v128 locals start at zero in both halves: the frame
	 * setup zeroes only the low ones (interp_simd.c). */
	if (emit) {
		uint32_t x;
		for (x = ft->nparams; x < c->nlocals; x++)
			if (c->locals[x] == WX_V128)
				wxc_emit_v128_zero(c, x);
	}
	for (;;) {
		if (wx_reader_eof(&c->rd)) {
			ret = MALFORMED("unexpected end of section or function");
			break;
		}
		ret = compile_instr(c);
		if (c->err != 0) {
			ret = c->err;
			break;
		}
		if (ret != 0)
			break;
	}
	if (ret == 1) {
		ret = 0;
		if (!wx_reader_eof(&c->rd))
			ret = MALFORMED("section size mismatch: code after the "
					"function's final end");
	}
	if (ret != 0 || !emit)
		return ret;
	if (c->nhidden > c->nreserved) { /* legacy catch: again, see there */
		c->nreserved = c->nhidden;
		return compile_function(c, funcidx, emit, out);
	}
	if ((ret = wxc_eh_finish(c)) != 0)
		return ret;

	code = calloc(1, sizeof(*code));
	if (code == NULL)
		return ENOMEM;
	code->words = c->code;
	code->nwords = c->ncode;
	code->pos = c->pos;
	code->npos = c->npos;
	code->callees = c->callees;
	code->ncallees = c->ncallees;
	code->eh = c->eh;
	code->neh = c->neh;
	code->clauses = c->clauses;
	code->nclauses = c->nclauses;
	c->code = NULL;
	c->pos = NULL;
	c->callees = NULL;
	c->eh = NULL;
	c->clauses = NULL;
	c->code_cap = c->pos_cap = c->callees_cap = 0;
	c->eh_cap = c->clauses_cap = 0;
	code->nparams = ft->nparams;
	code->nlocals = c->nlocals + c->nreserved;
	/* +1: a call may place results above the last operand. */
	code->frame_size = c->nlocals + c->nreserved + c->max_height + 1;
	*out = code;
	return 0;
}

void wxc_compiler_fini(struct compiler *c)
{
	free(c->stack);
	free(c->ctrls);
	free(c->code);
	free(c->fix);
	free(c->pos);
	free(c->callees);
	free(c->locals);
	free(c->local_set);
	free(c->set_log);
	free(c->eh);
	free(c->clauses);
}

int wxc_validate_function(struct compiler *c, uint32_t funcidx)
{
	c->nreserved = 0;
	return compile_function(c, funcidx, false, NULL);
}

int wx_compile_module(struct wx_module *m, struct wx_report *r)
{
	uint32_t ndef = m->nfuncs - m->nfuncs_imported;

	wx_interp_init();
	m->codes = calloc(ndef ? ndef : 1, sizeof(*m->codes));
	if (m->codes == NULL)
		return ENOMEM;
	m->code_free = wx_code_destroy;
	/* Validate every body now (an invalid module must fail to load),
	 * but translate each one only when it is first called: a large
	 * module starts at once and pays only for the code it runs. */
	return wx_validate_bodies(m, r);
}

/* Serialises lazy translation (threads of one process may call the same
 * function first at the same time).  Held only while translating; taken
 * around fork when other threads exist (util/forklock.h) so a child never
 * inherits it locked. */
static struct wx_forklock lazy_lock = WX_FORKLOCK_INIT;

static void lazy_lock_prepare(void)
{
	wx_forklock_prepare(&lazy_lock);
}

static void lazy_lock_release(void)
{
	wx_forklock_release(&lazy_lock);
}

static void lazy_atfork_once(void)
{
	pthread_atfork(lazy_lock_prepare, lazy_lock_release,
		       lazy_lock_release);
}

struct wx_code *wx_compile_lazy(const struct wx_module *m, uint32_t funcidx)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct wx_code **slot = &m->codes[funcidx - m->nfuncs_imported];
	struct wx_code *code = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	struct wx_report rep = {0};
	struct compiler c;
	if (code != NULL)
		return code;
	pthread_once(&once, lazy_atfork_once);
	pthread_mutex_lock(&lazy_lock.mu);
	code = *slot;
	if (code == NULL) {
		memset(&c, 0, sizeof(c));
		c.m = m;
		c.r = &rep;
		/* Validated at load: only allocation can fail now. */
		if (compile_function(&c, funcidx, true, &code) != 0)
			code = NULL;
		wxc_compiler_fini(&c);
#ifdef WX_OPSTATS
		if (code != NULL)
			wx_opstats_dump_code(code, funcidx);
#endif
		__atomic_store_n(slot, code, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lazy_lock.mu);
	return code;
}

uint32_t wx_code_offset(const struct wx_code *code, uint32_t word)
{
	uint32_t lo = 0, hi = code->npos;
	/* The last recorded instruction starting at or before `word`. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (code->pos[mid].word <= word)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 0 : code->pos[lo - 1].offset;
}

void wx_code_destroy(struct wx_code *code)
{
	if (code == NULL)
		return;
	free(code->words);
	free(code->pos);
	free(code->callees);
	free(code->eh);
	free(code->clauses);
	free(code);
}

/* ---- shared with compile_eh.c ---- */

int wxc_read_blocktype(struct compiler *c, struct ctrl *bt)
{
	return read_blocktype(c, bt);
}

int wxc_open_block(struct compiler *c, uint8_t kind, struct ctrl *bt)
{
	return open_block(c, kind, bt);
}

int wxc_check_results(struct compiler *c, struct ctrl *f)
{
	return check_results(c, f);
}

int wxc_check_label_values(struct compiler *c, uint32_t n,
			   const wx_valtype_t *types)
{
	return check_label_values(c, n, types, false, false);
}

int wxc_get_label(struct compiler *c, uint32_t depth, struct ctrl **fp)
{
	return get_label(c, depth, fp);
}

void wxc_label_types(struct ctrl *f, uint32_t *n, const wx_valtype_t **t)
{
	label_types(f, n, t);
}

void wxc_emit_target(struct compiler *c, struct ctrl *f, uint32_t insn)
{
	emit_target(c, f, insn);
}

void wxc_set_unreachable(struct compiler *c)
{
	set_unreachable(c);
}

uint32_t wxc_push_home(struct compiler *c, wx_valtype_t type)
{
	return push_home(c, type);
}

int wxc_compile_end(struct compiler *c)
{
	return compile_end(c);
}
