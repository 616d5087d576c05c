/*
 * regress_modules.h - modules that once broke the decoder, the validator
 * or the compiler, built in code.  tests/unit/test_regress.c checks each
 * under the unit build's sanitizers; tests/fuzz/gen_seeds.c writes them
 * into the fuzzers' seed corpora, so that every fuzzing run (built with
 * clang's sanitizers, which see more than gcc's) replays them first.
 *
 * Each builder writes a complete module into out (at least
 * WX_REGRESS_MAX bytes) and returns its size.
 */
#ifndef WX_REGRESS_MODULES_H
#define WX_REGRESS_MODULES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define WX_REGRESS_MAX 4096

struct wx_regress_buf {
	uint8_t *p;
	size_t n;
};

static inline void wx_rg_put(struct wx_regress_buf *b, const void *p,
			     size_t n)
{
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static inline void wx_rg_byte(struct wx_regress_buf *b, uint8_t v)
{
	b->p[b->n++] = v;
}

static inline void wx_rg_u32(struct wx_regress_buf *b, uint32_t v)
{
	do {
		wx_rg_byte(b, (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0)));
		v >>= 7;
	} while (v != 0);
}

/* A section: id, then the size of the `n` bytes of `body`. */
static inline void wx_rg_section(struct wx_regress_buf *b, uint8_t id,
				 const uint8_t *body, size_t n)
{
	wx_rg_byte(b, id);
	wx_rg_u32(b, (uint32_t)n);
	wx_rg_put(b, body, n);
}

/* A module with one function of type () -> (), a funcref table and a
 * memory, whose body (locals vector included) is `body`; `types` is the
 * type section's contents, the function's type being index 0. */
static inline size_t wx_rg_module(uint8_t *out, const uint8_t *types,
				  size_t ntypes, const uint8_t *body,
				  size_t nbody)
{
	static const uint8_t funcs[] = {1, 0};
	static const uint8_t table[] = {1, 0x70, 0, 1};
	static const uint8_t mem[] = {1, 0, 1};
	uint8_t code[WX_REGRESS_MAX];
	struct wx_regress_buf b = {out, 0}, cb = {code, 0};
	wx_rg_put(&b, "\0asm\1\0\0\0", 8);
	wx_rg_section(&b, 1, types, ntypes);
	wx_rg_section(&b, 3, funcs, sizeof(funcs));
	wx_rg_section(&b, 4, table, sizeof(table));
	wx_rg_section(&b, 5, mem, sizeof(mem));
	wx_rg_byte(&cb, 1);
	wx_rg_u32(&cb, (uint32_t)nbody);
	wx_rg_put(&cb, body, nbody);
	wx_rg_section(&b, 10, code, cb.n);
	return b.n;
}

/* Issue #12.1: `height` values on the operand stack, then a block whose
 * code is unreachable, then call_indirect of an 8-parameter type with
 * none of its operands (not even the index) on the stack.  The compiler
 * re-pushed the arguments reading the slot of stack[sp] before the push
 * grew the array: at height 16 (the array's first capacity) that read
 * was 4 bytes past its end. */
static inline size_t wx_regress_callind_unreachable(uint8_t *out,
						    uint32_t height)
{
	static const uint8_t types[] = {
		2, 0x60, 0, 0,					/* () -> () */
		0x60, 8, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0,
	};
	uint8_t body[WX_REGRESS_MAX];
	struct wx_regress_buf b = {body, 0};
	uint32_t i;
	wx_rg_byte(&b, 0); /* no locals */
	for (i = 0; i < height; i++)
		wx_rg_put(&b, "\x41\x00", 2); /* i32.const 0 */
	wx_rg_put(&b, "\x02\x40\x00", 3);	  /* block; unreachable */
	wx_rg_put(&b, "\x11\x01\x00\x0b", 4); /* call_indirect 1 0; end */
	for (i = 0; i < height; i++)
		wx_rg_byte(&b, 0x1a); /* drop */
	wx_rg_byte(&b, 0x0b);
	return wx_rg_module(out, types, sizeof(types), body, b.n);
}

/* Issue #12.2: a body that is just `memory.size; drop`: the compiler's
 * validation fast path took &stack[sp - 0] while the operand stack was
 * still unallocated (NULL), undefined behaviour that clang's UBSan
 * reports. */
static inline size_t wx_regress_memsize_only(uint8_t *out)
{
	static const uint8_t types[] = {1, 0x60, 0, 0};
	static const uint8_t body[] = {0, 0x3f, 0, 0x1a, 0x0b};
	return wx_rg_module(out, types, sizeof(types), body, sizeof(body));
}

#endif
