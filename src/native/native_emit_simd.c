/*
 * native_emit_simd.c - the SIMD instructions (0xFD: fixed-width and
 * relaxed SIMD) in the native tier's C: each becomes a call of its
 * prelude function (native_prelude_simd.h), inlined by the C compiler,
 * except v128.const (a vector literal) and i8x16.shuffle (the
 * compilers' constant shuffle, which becomes one or a few host
 * shuffles).  native_emit.c reads the immediates, checks the bounds of
 * memory forms and keeps the operand stack; this file only knows the
 * instructions.
 */
#include "native_simd.h"

#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "../core/module.h"
#include "native.h"
#include "native_prelude.h"
#include "native_prelude_simd.h"

/* Part of the cache key beside wx_native_translator_id: a rebuilt
 * runtime never runs SIMD code its predecessor generated. */
const char wx_native_simd_id[] = __DATE__ " " __TIME__;

enum {
#define SIMD(sub, ident, name, imm, sig) S_##ident = sub,
#include "../interp/simd.def"
};

/* The list is the interpreter's: one definition of every instruction's
 * shape for the validator, the interpreter and this tier. */
static const struct wx_native_simd_op ops[] = {
#define SIMD(sub, ident, name, imm, sig)                                     \
	[sub] = {#ident, sig, WXN_SIMM_##imm},
#include "../interp/simd.def"
};

unsigned wx_native_simd_size(uint32_t sub)
{
	switch (sub) {
	case S_v128_load: case S_v128_store:
		return 16;
	case S_v128_load8_splat: case S_v128_load8_lane:
	case S_v128_store8_lane:
		return 1;
	case S_v128_load16_splat: case S_v128_load16_lane:
	case S_v128_store16_lane:
		return 2;
	case S_v128_load32_splat: case S_v128_load32_lane:
	case S_v128_store32_lane: case S_v128_load32_zero:
		return 4;
	}
	return 8; /* the 8x8 ... 32x2 extends, 64-bit splat, lane, zero */
}

const struct wx_native_simd_op *wx_native_simd_op(uint32_t sub)
{
	if (sub >= sizeof(ops) / sizeof(ops[0]) || ops[sub].ident == NULL)
		return NULL;
	return &ops[sub];
}

void wx_native_simd_emit(struct wx_sbuf *b, uint32_t sub, const char *res,
			 const char *const *o, const uint8_t *imm16,
			 unsigned lane)
{
	const struct wx_native_simd_op *op = &ops[sub];
	unsigned n = 0, k;
	if (sub == S_v128_const) {
		uint64_t lo = 0, hi = 0;
		for (k = 0; k < 8; k++) {
			lo |= (uint64_t)imm16[k] << (8 * k);
			hi |= (uint64_t)imm16[k + 8] << (8 * k);
		}
		wx_sbuf_printf(b, "%s = (wxn_v){0x%" PRIx64 "ull, 0x%" PRIx64
				  "ull};\n",
			       res, lo, hi);
		return;
	}
	if (sub == S_i8x16_shuffle) {
		wx_sbuf_printf(b, "%s = (wxn_v)WXN_SHUFFLE((wxn_u8x)%s, "
				  "(wxn_u8x)%s",
			       res, o[0], o[1]);
		for (k = 0; k < 16; k++)
			wx_sbuf_printf(b, ", %u", imm16[k] & 31);
		wx_sbuf_printf(b, ");\n");
		return;
	}
	if (res != NULL)
		wx_sbuf_printf(b, "%s = ", res);
	wx_sbuf_printf(b, "wxn_%s(", op->ident);
	while (op->sig[n] != ':')
		n++;
	for (k = 0; k < n; k++)
		wx_sbuf_printf(b, "%s%s", k ? ", " : "", o[k]);
	if (op->imm == WXN_SIMM_L || op->imm == WXN_SIMM_ML)
		wx_sbuf_printf(b, ", %uu", lane);
	wx_sbuf_printf(b, ");\n");
}

void wx_native_simd_prelude(struct wx_sbuf *out)
{
	static const char prelude[] = WXN_PRELUDE_TEXT(WXN_SIMD_PRELUDE);
	/* A shuffle by constant lanes: Clang's builtin, which GCC has
	 * since 12, else GCC's with a mask vector (both give the host's
	 * shuffle instructions).  The mask type is the operands'. */
	wx_sbuf_printf(out,
		       "#if defined(__clang__) || __GNUC__ >= 12\n"
		       "#define WXN_SHUFFLE(a, b, ...) "
		       "__builtin_shufflevector(a, b, __VA_ARGS__)\n"
		       "#else\n"
		       "#define WXN_SHUFFLE(a, b, ...) "
		       "__builtin_shuffle(a, b, "
		       "(__typeof__(a)){__VA_ARGS__})\n"
		       "#endif\n");
	wx_sbuf_printf(out, "%s\n", prelude);
}

bool wx_native_simd_used(const struct wx_module *m)
{
	uint32_t i, k;
	for (i = 0; i < m->ntypes; i++) {
		const struct wx_functype *ft = m->types[i];
		for (k = 0; k < ft->nparams + ft->nresults; k++)
			if (ft->types[k] == WX_V128)
				return true;
	}
	for (i = 0; i < m->nglobals; i++)
		if (m->globals[i].type.type == WX_V128)
			return true;
	for (i = 0; i < m->nfuncs - m->nfuncs_imported; i++) {
		const struct wx_funcdef *fd = &m->funcdefs[i];
		const uint8_t *p = m->bytes + fd->code_offset;
		for (k = 0; k < fd->nlocals; k++)
			if (fd->local_types[k] == WX_V128)
				return true;
		/* The prefix of every SIMD instruction, or a v128 block
		 * type; a byte of an immediate only costs the prelude. */
		if (memchr(p, 0xfd, fd->code_len) != NULL ||
		    memchr(p, WX_V128, fd->code_len) != NULL)
			return true;
	}
	return false;
}
