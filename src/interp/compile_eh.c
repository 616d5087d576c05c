/*
 * compile_eh.c - exception handling (both encodings) and tail calls:
 * validation and translation.  The unwinding itself is interp.c's
 * do_throw.
 *
 * Design.  Code without exception handling pays nothing: there is no
 * per-instruction or per-call bookkeeping.  Each translated function
 * carries a table of handler regions (code.h, struct wx_eh_region):
 *  - a try_table or legacy try body is a region, the word range
 *    [start, end) of its code, opened in code order (so the regions are
 *    sorted by start and an inner region comes after the one enclosing
 *    it).  A region lists its clauses in order and names the region to
 *    try next: the enclosing one, or, for a legacy `delegate l`, the
 *    innermost region still in its try body around label l (-1: the
 *    caller);
 *  - `throw` allocates the exception (runtime/exn.c) and jumps to the
 *    unwinder; so do `throw_ref`, `rethrow`, and an exception coming back
 *    out of a host call.  The unwinder looks up the innermost region
 *    containing the throwing position (the throw itself; in a caller, the
 *    call instruction: ret_pc - 1), tries clauses along the `next` chain,
 *    and when none matches pops the frame from the runtime-owned frame
 *    stack and repeats in the caller.  Reaching the interpreter's entry
 *    frame leaves the loop with WX_EEXCEPTION (t->exn), which a host
 *    function may pass up to its own caller in turn: exceptions cross
 *    host frames as the spec's JS API says.  Traps never enter the
 *    unwinder, so they are not catchable;
 *  - a clause names the tag (or catch_all), the word to continue at, the
 *    slot where the payload goes and the slot for the exnref.  For
 *    try_table the target is a landing pad emitted before the body (and
 *    jumped over): one jump to the clause's label, the payload having
 *    been written straight into that label's slots; a pad for the
 *    function's own label returns.  For a legacy catch the target is the
 *    catch body, the payload goes where the try's values start, and the
 *    exnref is kept for `rethrow` in a hidden slot between the locals and
 *    the operand stack (one per nesting depth of catch bodies; a body
 *    that turns out to need them is translated a second time with them
 *    reserved), out of reach of the frames of calls in the catch body.
 *
 * Tail calls (return_call, return_call_indirect) move the arguments to
 * the frame's first slots and enter the callee in the same frame: the
 * frame stack does not grow.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/runtime.h"
#include "code.h"
#include "compile_int.h"

/* Whether values of types a[0..n) may go where b[0..m) is expected. */
static bool types_match(uint32_t n, const wx_valtype_t *a, uint32_t m,
			const wx_valtype_t *b)
{
	uint32_t i;
	if (n != m)
		return false;
	for (i = 0; i < n; i++)
		if (!wx_valtype_sub(a[i], b[i]))
			return false;
	return true;
}

static int read_tag(struct compiler *c, const struct wx_functype **ft,
		    uint32_t *idx)
{
	int ret;
	if ((ret = wxc_rd_u32(c, idx)) != 0)
		return ret;
	if (*idx >= c->m->ntags)
		return INVALID("unknown tag %u", *idx);
	*ft = c->m->types[c->m->tag_typeidx[*idx]];
	return 0;
}

/* The innermost region still in its try body among frames [0, top]. */
static int32_t region_below(struct compiler *c, int64_t top)
{
	for (; top >= 0; top--) {
		struct ctrl *f = &c->ctrls[top];
		if ((f->kind == CTRL_TRY || f->kind == CTRL_TRY_TABLE) &&
		    f->region >= 0)
			return f->region;
	}
	return -1;
}

static int new_region(struct compiler *c, struct ctrl *f)
{
	struct wx_eh_region *r;
	if (!wxc_grow((void **)&c->eh, &c->eh_cap, c->neh + 1, sizeof(*r)))
		return c->err = ENOMEM;
	r = &c->eh[c->neh];
	r->start = r->end = c->ncode;
	/* f is the top frame: the enclosing regions are below it. */
	r->next = region_below(c, (int64_t)c->nctrl - 2);
	r->first = r->n = 0;
	f->region = (int32_t)c->neh++;
	return 0;
}

static int add_clause(struct compiler *c, int32_t region, uint32_t tag,
		      uint32_t dst, uint32_t exn_slot, uint32_t target)
{
	struct wx_eh_clause *k;
	if (!wxc_grow((void **)&c->clauses, &c->clauses_cap, c->nclauses + 1,
		      sizeof(*k)))
		return c->err = ENOMEM;
	k = &c->clauses[c->nclauses++];
	k->region = (uint32_t)region;
	k->tag = tag;
	k->dst = dst;
	k->exn_slot = exn_slot;
	k->target = target;
	return 0;
}

/* The slot of hidden index k (a first translation that reserved too few
 * is thrown away: any slot will do there). */
static uint32_t hidden_slot(struct compiler *c, uint32_t k)
{
	return c->nlocals + (k < c->nreserved ? k : 0);
}

void wxc_eh_close(struct compiler *c, struct ctrl *f)
{
	if ((f->kind == CTRL_TRY || f->kind == CTRL_TRY_TABLE) &&
	    f->region >= 0)
		c->eh[f->region].end = c->ncode;
}

int wxc_eh_finish(struct compiler *c)
{
	uint32_t i, *count;
	struct wx_eh_clause *sorted;
	if (c->nclauses == 0)
		return 0;
	/* Group the clauses by region, keeping their order (a legacy try's
	 * catches come with nested tries' clauses in between). */
	count = calloc((size_t)c->neh + 1, sizeof(uint32_t));
	sorted = malloc(c->nclauses * sizeof(*sorted));
	if (count == NULL || sorted == NULL) {
		free(count);
		free(sorted);
		return ENOMEM;
	}
	for (i = 0; i < c->nclauses; i++)
		count[c->clauses[i].region + 1]++;
	for (i = 0; i < c->neh; i++) {
		c->eh[i].first = count[i];
		c->eh[i].n = count[i + 1];
		count[i + 1] += count[i];
	}
	for (i = 0; i < c->nclauses; i++)
		sorted[count[c->clauses[i].region]++] = c->clauses[i];
	free(c->clauses);
	c->clauses = sorted;
	c->clauses_cap = c->nclauses;
	free(count);
	return 0;
}

/* ---- try_table ---- */

struct catch_clause {
	uint8_t kind; /* 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref */
	uint32_t tag;
	uint32_t label; /* frame index */
};

static int compile_try_table(struct compiler *c)
{
	struct ctrl bt;
	struct catch_clause *cl = NULL;
	uint32_t n, i;
	int ret;
	memset(&bt, 0, sizeof(bt));
	if ((ret = wxc_read_blocktype(c, &bt)) != 0)
		return ret;
	if ((ret = wxc_rd_u32(c, &n)) != 0)
		return ret;
	if ((uint64_t)n * 2 > (uint64_t)(c->rd.end - c->rd.pos))
		return MALFORMED("unexpected end");
	cl = calloc(n ? n : 1, sizeof(*cl));
	if (cl == NULL)
		return c->err = ENOMEM;
	for (i = 0; i < n; i++) {
		const struct wx_functype *ft = NULL;
		struct ctrl *f;
		uint32_t depth, ln, pn = 0;
		const wx_valtype_t *lt, *pt = NULL;
		wx_valtype_t want[256];
		if ((ret = wxc_rd_u8(c, &cl[i].kind)) != 0)
			goto out;
		if (cl[i].kind > 3) {
			ret = MALFORMED("malformed catch clause 0x%02x",
					cl[i].kind);
			goto out;
		}
		cl[i].tag = WX_EH_ALL;
		if (cl[i].kind < 2 &&
		    (ret = read_tag(c, &ft, &cl[i].tag)) != 0)
			goto out;
		if ((ret = wxc_rd_u32(c, &depth)) != 0 ||
		    (ret = wxc_get_label(c, depth, &f)) != 0)
			goto out;
		cl[i].label = c->nctrl - 1 - depth;
		if (ft != NULL) {
			pn = ft->nparams;
			pt = ft->types;
		}
		if (pn + 1 > sizeof(want)) {
			ret = INVALID("type mismatch: too many values in a "
				      "catch clause");
			goto out;
		}
		if (pn > 0)
			memcpy(want, pt, pn * sizeof(*want));
		if (cl[i].kind & 1) /* catch_ref: never null, (ref exn) */
			want[pn++] = WX_EXNREF | WX_VT_NONNULL;
		wxc_label_types(f, &ln, &lt);
		if (!types_match(pn, want, ln, lt)) {
			ret = INVALID("type mismatch: catch clause does not "
				      "match its label");
			goto out;
		}
	}
	if ((ret = wxc_open_block(c, CTRL_TRY_TABLE, &bt)) != 0)
		goto out;
	if (live(c)) {
		uint32_t over = wxc_emit_op(c, WX_OP_jump), word = c->ncode;
		uint32_t *pads = NULL;
		wxc_emit_word(c, 0);
		if (n > 0 && (pads = malloc(n * sizeof(uint32_t))) == NULL) {
			ret = c->err = ENOMEM;
			goto out;
		}
		for (i = 0; i < n && c->err == 0; i++) {
			struct ctrl *f = &c->ctrls[cl[i].label];
			pads[i] = c->ncode;
			if (cl[i].label == 0) {
				uint32_t nr = c->type->nresults;
				if (nr == 0) {
					wxc_emit_op(c, WX_OP_ret0);
				} else if (wxc_has_v128(
						   nr, c->type->types +
							       c->type->nparams)) {
					wxc_emit_v128_moven(c, 0, home(c, 0),
							    nr);
					wxc_emit_op(c, WX_OP_ret0);
				} else if (nr == 1) {
					wxc_emit_op(c, WX_OP_ret1);
					wxc_emit_word(c, home(c, 0));
				} else {
					wxc_emit_op(c, WX_OP_retn);
					wxc_emit_word(c, home(c, 0));
					wxc_emit_word(c, nr);
				}
			} else {
				uint32_t at = wxc_emit_op(
					c, f->kind == CTRL_LOOP ? WX_OP_jump_loop
								: WX_OP_jump);
				wxc_emit_target(c, f, at);
			}
		}
		c->code[word] = c->ncode - over;
		if (c->err == 0 && (ret = new_region(c, top_ctrl(c))) == 0) {
			int32_t rg = top_ctrl(c)->region;
			for (i = 0; i < n && ret == 0; i++) {
				struct ctrl *f = &c->ctrls[cl[i].label];
				uint32_t np = 0;
				if (cl[i].tag != WX_EH_ALL)
					np = c->m->types[c->m->tag_typeidx
								 [cl[i].tag]]
						     ->nparams;
				ret = add_clause(c, rg, cl[i].tag,
						 home(c, f->height),
						 (cl[i].kind & 1)
							 ? home(c, f->height + np)
							 : WX_EH_NONE,
						 pads[i]);
			}
			/* The body's values may go above the label slots
			 * the payload is written to: keep them in the
			 * frame. */
			for (i = 0; i < n; i++) {
				struct ctrl *f = &c->ctrls[cl[i].label];
				uint32_t ln;
				const wx_valtype_t *lt;
				wxc_label_types(f, &ln, &lt);
				if (f->height + ln > c->max_height)
					c->max_height = f->height + ln;
			}
		}
		free(pads);
		c->last_dst = -1;
		c->last_op = WX_NUM_OPS;
		if (ret == 0)
			ret = c->err;
	}
out:
	free(cl);
	return ret;
}

/* ---- legacy try / catch / catch_all / delegate / rethrow ---- */

static int compile_try(struct compiler *c)
{
	struct ctrl bt;
	int ret;
	memset(&bt, 0, sizeof(bt));
	if ((ret = wxc_read_blocktype(c, &bt)) != 0 ||
	    (ret = wxc_open_block(c, CTRL_TRY, &bt)) != 0)
		return ret;
	if (live(c))
		return new_region(c, top_ctrl(c));
	return 0;
}

static int compile_catch(struct compiler *c, bool all)
{
	struct ctrl *f = top_ctrl(c);
	const struct wx_functype *ft = NULL;
	uint32_t tag = WX_EH_ALL, i;
	int ret;
	if (f->kind != CTRL_TRY && f->kind != CTRL_CATCH)
		return INVALID("%s without try", all ? "catch_all" : "catch");
	if (f->catch_all)
		return INVALID("%s after catch_all",
			       all ? "catch_all" : "catch");
	if (!all && (ret = read_tag(c, &ft, &tag)) != 0)
		return ret;
	if ((ret = wxc_check_results(c, f)) != 0)
		return ret;
	if (live(c)) {
		uint32_t at = wxc_emit_op(c, WX_OP_jump);
		wxc_emit_target(c, f, at);
	}
	if (f->kind == CTRL_TRY) {
		wxc_eh_close(c, f);
		f->kind = CTRL_CATCH;
		/* One hidden slot per nesting depth of catch bodies. */
		f->hidden = 0;
		for (i = 0; i + 1 < c->nctrl; i++)
			if (c->ctrls[i].kind == CTRL_CATCH)
				f->hidden++;
		if (f->hidden + 1 > c->nhidden)
			c->nhidden = f->hidden + 1;
	}
	f->catch_all = all;
	f->unreachable = false;
	if (c->local_set != NULL)
		wxc_reset_locals(c, f);
	c->sp = f->height;
	if (ft != NULL)
		for (i = 0; i < ft->nparams; i++)
			wxc_push_home(c, ft->types[i]);
	if (f->region >= 0 && !f->dead) {
		if ((ret = add_clause(c, f->region, tag, home(c, f->height),
				      hidden_slot(c, f->hidden), c->ncode)) != 0)
			return ret;
	}
	c->last_dst = -1;
	c->last_op = WX_NUM_OPS; /* a label follows */
	return 0;
}

static int compile_delegate(struct compiler *c)
{
	struct ctrl *f = top_ctrl(c);
	uint32_t depth;
	int ret;
	if (f->kind != CTRL_TRY)
		return INVALID("delegate without try");
	if ((ret = wxc_rd_u32(c, &depth)) != 0)
		return ret;
	/* Label depth counts from outside the try. */
	if ((uint64_t)depth + 1 >= c->nctrl)
		return INVALID("unknown label %u", depth);
	if (f->region >= 0) {
		wxc_eh_close(c, f);
		c->eh[f->region].next =
			region_below(c, (int64_t)c->nctrl - 2 - depth);
	}
	f->region = -1;
	f->kind = CTRL_BLOCK;
	return wxc_compile_end(c);
}

static int compile_rethrow(struct compiler *c)
{
	struct ctrl *f;
	uint32_t depth;
	int ret;
	if ((ret = wxc_rd_u32(c, &depth)) != 0 ||
	    (ret = wxc_get_label(c, depth, &f)) != 0)
		return ret;
	if (f->kind != CTRL_CATCH)
		return INVALID("invalid rethrow label");
	if (live(c)) {
		wxc_emit_op(c, WX_OP_throw_ref_);
		wxc_emit_word(c, hidden_slot(c, f->hidden));
	}
	wxc_set_unreachable(c);
	return 0;
}

/* ---- throw, throw_ref ---- */

/* Pop n values of `types` and leave them in their home slots; returns
 * the first one's slot. */
static int pop_args_home(struct compiler *c, uint32_t n,
			 const wx_valtype_t *types,
			 uint32_t *base)
{
	uint32_t i;
	int ret;
	for (i = n; i-- > 0;)
		if ((ret = wxc_pop_expect(c, types[i], NULL)) != 0)
			return ret;
	*base = home(c, c->sp);
	/* In unreachable code the pops may have taken nothing from the
	 * stack: there is nothing to move (and nothing to read back). */
	if (!live(c))
		return c->err;
	for (i = 0; i < n; i++) {
		wxc_push(c, types[i], c->stack[c->sp].slot);
		wxc_materialize(c, c->sp - 1);
	}
	c->sp -= n;
	return c->err;
}

static int compile_throw(struct compiler *c)
{
	const struct wx_functype *ft;
	uint32_t tag, base;
	int ret;
	if ((ret = read_tag(c, &ft, &tag)) != 0 ||
	    (ret = pop_args_home(c, ft->nparams, ft->types, &base)) != 0)
		return ret;
	if (live(c))
		wxc_emit_n(c, WX_OP_throw_, 2, (uint32_t[]){tag, base});
	wxc_set_unreachable(c);
	return 0;
}

static int compile_throw_ref(struct compiler *c)
{
	struct operand a;
	int ret;
	if ((ret = wxc_pop_expect(c, WX_EXNREF, &a)) != 0)
		return ret;
	if (live(c))
		wxc_emit_n(c, WX_OP_throw_ref_, 1, (uint32_t[]){a.slot});
	wxc_set_unreachable(c);
	return 0;
}

/* ---- tail calls ---- */

/* return_call (kind 0), return_call_indirect (1), return_call_ref (2:
 * the callee, a function reference, on top). */
static int compile_return_call(struct compiler *c, int kind)
{
	const struct wx_functype *ft, *self = c->type;
	uint32_t x = 0, y = 0, base;
	struct operand elem = {0};
	bool indirect = kind != 0;
	int ret;
	if (kind == 1) {
		if ((ret = wxc_rd_u32(c, &y)) != 0 ||
		    (ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (x >= c->m->ntables)
			return INVALID("unknown table %u", x);
		if ((ft = wxc_functype_idx(c, y)) == NULL)
			return c->err;
		if (!wx_valtype_sub(c->m->tables[x].elemtype, WX_FUNCREF))
			return INVALID("type mismatch: call_indirect needs a "
				       "funcref table");
		if ((ret = wxc_pop_table_index(c, x, &elem)) != 0)
			return ret;
	} else if (kind == 2) {
		if ((ret = wxc_rd_u32(c, &y)) != 0)
			return ret;
		if ((ft = wxc_functype_idx(c, y)) == NULL)
			return c->err;
		if ((ret = wxc_pop_expect(c, wx_vt_of_id(ft->id, true),
					  &elem)) != 0)
			return ret;
	} else {
		if ((ret = wxc_rd_u32(c, &x)) != 0)
			return ret;
		if (x >= c->m->nfuncs)
			return INVALID("unknown function %u", x);
		ft = wx_module_functype(c->m, x);
	}
	if (!types_match(ft->nresults, ft->types + ft->nparams,
			 self->nresults, self->types + self->nparams))
		return INVALID("type mismatch: tail call results differ from "
			       "the function's");
	if ((ret = pop_args_home(c, ft->nparams, ft->types, &base)) != 0)
		return ret;
	/* The tail call moves its arguments' low halves; the high halves
	 * of v128 ones go first. */
	if (live(c) && wxc_has_v128(ft->nparams, ft->types))
		wxc_emit_v128_movehi(c, 0, base, ft->nparams);
	if (live(c)) {
		if (!indirect &&
		    (c->ncallees == 0 || c->callees[c->ncallees - 1] != x)) {
			if (!wxc_grow((void **)&c->callees, &c->callees_cap,
				      c->ncallees + 1, sizeof(uint32_t)))
				return c->err = ENOMEM;
			c->callees[c->ncallees++] = x;
		}
		if (kind == 2)
			wxc_emit_n(c, WX_OP_return_call_ref, 2,
				   (uint32_t[]){elem.slot, base});
		else if (indirect)
			wxc_emit_n(c, WX_OP_return_call_ind, 4,
				   (uint32_t[]){x, y, elem.slot, base});
		else
			wxc_emit_n(c, WX_OP_return_call_, 2,
				   (uint32_t[]){x, base});
	}
	/* The arguments are read from above the operand stack. */
	if (c->sp + ft->nparams > c->max_height)
		c->max_height = c->sp + ft->nparams;
	wxc_set_unreachable(c);
	return 0;
}

int wxc_compile_eh(struct compiler *c, uint8_t opc)
{
	switch (opc) {
	case 0x06:
		return compile_try(c);
	case 0x07:
		return compile_catch(c, false);
	case 0x08:
		return compile_throw(c);
	case 0x09:
		return compile_rethrow(c);
	case 0x0a:
		return compile_throw_ref(c);
	case 0x12:
		return compile_return_call(c, 0);
	case 0x13:
		return compile_return_call(c, 1);
	case 0x15:
		return compile_return_call(c, 2);
	case 0x18:
		return compile_delegate(c);
	case 0x19:
		return compile_catch(c, true);
	default:
		return compile_try_table(c);
	}
}

/* ---- the handler search (interp.c's do_throw) ---- */

/* The clause catching exception `e` thrown at word `pos` of `code`, or
 * NULL (compile_eh.c describes the regions). */
const struct wx_eh_clause *wx_eh_find(const struct wx_code *code,
				       const struct wx_instance *inst,
				       uint32_t pos, const struct wx_exn *e)
{
	int32_t r;
	uint32_t i;
	/* Regions are sorted by start; the last one containing pos is the
	 * innermost. */
	for (r = (int32_t)code->neh - 1; r >= 0; r--)
		if (code->eh[r].start <= pos && pos < code->eh[r].end)
			break;
	while (r >= 0) {
		const struct wx_eh_region *g = &code->eh[r];
		for (i = 0; i < g->n; i++) {
			const struct wx_eh_clause *k = &code->clauses[g->first + i];
			if (k->tag == WX_EH_ALL || inst->tags[k->tag] == e->tag)
				return k;
		}
		r = g->next;
	}
	return NULL;
}
