/*
 * sigtab.c - the guest libc's table of signal dispositions.
 *
 * wasix-libc keeps what sigaction() sets in guest memory only (no host
 * call tells the runtime), and its __wasm_signal, the handler export it
 * registers at start-up, calls through that table: for a signal left at
 * SIG_DFL it calls a default handler that exists only once the program
 * has called sigaction ("uninitialized element" otherwise), and that
 * prints a message and abort()s where POSIX has the process die of the
 * signal itself.  So the runtime reads the table: a signal at SIG_DFL
 * never calls into the guest (the runtime applies the default action,
 * and the parent sees the real signal), the others go to the handler.
 *
 * The table is found in the code of the registered export: the entry of
 * signal `sig` is loaded from `sig * 20 + BASE` (struct k_sigaction on
 * wasm32: handler @0, flags @4, restorer @8, mask[2] @12).  A handler
 * export of another shape leaves the table unknown: then every signal
 * goes to the export, as before.
 */
#include <string.h>

#include "internal.h"

#define ENTRY_SIZE 20
#define NSIG_LIBC 65

/* Unsigned LEB128 in libc code the runtime reads (here and
 * libc_sigmask.c): the byte after it, or NULL. */
const uint8_t *wx_code_leb_u32(const uint8_t *b, const uint8_t *end,
			       uint32_t *v)
{
	uint32_t r = 0, shift = 0;
	while (b < end && shift < 35) {
		r |= (uint32_t)(*b & 0x7f) << shift;
		shift += 7;
		if (!(*b++ & 0x80)) {
			*v = r;
			return b;
		}
	}
	return NULL;
}

/* BASE, or 0: `local.get 0; i32.const 20; i32.mul; [local.tee N];
 * i32.load align offset=BASE` in the body of `h`. */
static uint32_t find_base(const struct wx_func *h)
{
	const struct wx_module *m;
	const struct wx_funcdef *fd;
	const uint8_t *b, *end;
	static const uint8_t pat[] = {0x20, 0x00, 0x41, ENTRY_SIZE, 0x6c};
	if (h == NULL || h->inst == NULL)
		return 0;
	m = h->inst->module;
	if (h->index < m->nfuncs_imported || h->index >= m->nfuncs)
		return 0;
	fd = &m->funcdefs[h->index - m->nfuncs_imported];
	b = m->bytes + fd->code_offset;
	end = b + fd->code_len;
	for (; b + sizeof(pat) < end; b++) {
		const uint8_t *q;
		uint32_t align, off, tee;
		if (memcmp(b, pat, sizeof(pat)) != 0)
			continue;
		q = b + sizeof(pat);
		if (*q == 0x22 &&
		    (q = wx_code_leb_u32(q + 1, end, &tee)) == NULL)
			return 0;
		if (q >= end || *q != 0x28)
			continue;
		if ((q = wx_code_leb_u32(q + 1, end, &align)) == NULL ||
		    wx_code_leb_u32(q, end, &off) == NULL)
			return 0;
		return off;
	}
	return 0;
}

uint32_t wx_sigtab_base(const struct wx_func *h)
{
	return find_base(h);
}

bool wx_sigtab_read(struct wx_proc *p, const struct wx_func *h, int sig,
		    struct wx_sigdisp *d)
{
	uint32_t base = find_base(h);
	uint8_t *e;
	if (base == 0 || sig <= 0 || sig >= NSIG_LIBC)
		return false;
	e = wx_wasi_mem(p->wasi, (uint64_t)base + (uint64_t)sig * ENTRY_SIZE,
			ENTRY_SIZE);
	if (e == NULL || wx_wasi_mem(p->wasi, base, NSIG_LIBC * ENTRY_SIZE) ==
			       NULL)
		return false;
	d->entry = e;
	d->handler = wx_get32(e);
	d->flags = wx_get32(e + 4);
	/* mask: bit sig-1 for signal sig, as in musl's sigset_t. */
	d->mask = ((uint64_t)wx_get32(e + 12) | (uint64_t)wx_get32(e + 16) << 32)
		  << 1;
	return true;
}

void wx_sigtab_reset(struct wx_sigdisp *d)
{
	wx_put32(d->entry, 0);
	wx_put32(d->entry + 4, d->flags & ~WX_SA_SIGINFO);
}

/* Whether `f` is libc's SIG_IGN (__SIG_IGN, a function that does
 * nothing): by name where the module keeps names, else by its empty
 * body. */
static bool is_sig_ign(const struct wx_func *f)
{
	const struct wx_module *m;
	const struct wx_funcdef *fd;
	if (f == NULL || f->inst == NULL)
		return false;
	m = f->inst->module;
	if (f->index < m->nfuncs_imported || f->index >= m->nfuncs)
		return false;
	if (m->func_names != NULL && m->func_names[f->index] != NULL)
		return strcmp(m->func_names[f->index], "__SIG_IGN") == 0;
	fd = &m->funcdefs[f->index - m->nfuncs_imported];
	return fd->nlocals == 0 && fd->code_len == 1;
}

/* Whether `sig` is at SIG_IGN in the table of the libc whose handler
 * export is `h`: 1 yes, 0 no, -1 table not known. */
static int ignores(struct wx_proc *p, struct wx_instance *inst,
		   const struct wx_func *h, int sig)
{
	struct wx_sigdisp d;
	struct wx_table *tab;
	if (inst->module->ntables == 0 || !wx_sigtab_read(p, h, sig, &d))
		return -1;
	tab = inst->tables[0];
	return d.handler != 0 && d.handler < tab->size &&
	       is_sig_ign((const struct wx_func *)(uintptr_t)
				  tab->elems[d.handler]);
}

static const struct wx_func *handler_export(struct wx_instance *inst)
{
	struct wx_extern ext;
	if (inst == NULL || !wx_instance_export(inst, "__wasm_signal", &ext) ||
	    ext.kind != WX_EXTERN_FUNC || find_base(ext.u.func) == 0)
		return NULL;
	return ext.u.func;
}

uint64_t wx_sigtab_ignored(struct wx_proc *p, struct wx_instance *inst)
{
	const struct wx_func *h = handler_export(inst);
	uint64_t set = 0;
	int sig;
	if (h == NULL)
		return p->ignored;
	for (sig = 1; sig < 32; sig++) {
		int r = ignores(p, inst, h, sig);
		if (r < 0)
			return p->ignored;
		if (r)
			set |= 1ull << sig;
	}
	return set;
}

bool wx_sigtab_ignores(struct wx_proc *p, struct wx_instance *inst, int sig)
{
	const struct wx_func *h = handler_export(inst);
	int r = h != NULL ? ignores(p, inst, h, sig) : -1;
	return r < 0 ? (p->ignored >> sig) & 1 : r == 1;
}
