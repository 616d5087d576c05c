/*
 * spec.h - shared declarations of the spec-suite runner (tests/spec/):
 * wast2json value parsing and comparison (values.c) and the `spectest`
 * host module that the spec tests import from (spectest.c).
 *
 * Value slots follow the runtime's convention (runtime.h): one 64-bit
 * slot per value, i32/f32 in the low 32 bits with the upper half zero,
 * f32/f64 as their bit patterns, references as 0 (null) or non-zero.  An
 * externref written "ref.extern N" in a .wast is the host value N+1, so
 * that N=0 stays distinct from null.
 */
#ifndef SPEC_SPEC_H
#define SPEC_SPEC_H

/* The expected-value type "anyref" (only "null" is used). */
#define SPEC_ANYREF 0x6e

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "runtime/runtime.h"

/* How an expected value is to be matched. */
enum spec_match {
	SPEC_EXACT,       /* bit-for-bit (after masking to the type width) */
	SPEC_NAN_CANON,   /* nan:canonical, spec 4.3.3 */
	SPEC_NAN_ARITH,   /* nan:arithmetic, spec 4.3.3 */
	SPEC_NONNULL,     /* a reference, any non-null one */
	SPEC_ANY,         /* no value given: only the type is checked */
};

struct spec_value {
	uint8_t type;   /* enum wx_valtype */
	uint8_t match;  /* enum spec_match */
	uint64_t bits;  /* SPEC_EXACT: the slot contents */
	/* v128: bits is the low half, hi the high one; each lane of
	 * lane_type (i8 .. f64) is matched as its own value: lane_match[k]
	 * (NaN patterns for float lanes, else exact). */
	uint64_t hi;
	uint8_t lane_type;
	uint8_t lane_match[16];
};

/* Status of spec_value_parse(). */
enum {
	SPEC_VAL_OK = 0,
	SPEC_VAL_UNSUPPORTED = 1, /* well-formed but not runnable (v128) */
	SPEC_VAL_BAD = 2,         /* malformed JSON value */
};

/* Parse one {"type": T, "value": V} object.  `as_arg`: an argument, so
 * patterns (nan:*, non-null refs, missing values) are not allowed.  On
 * error, a message goes to err. */
int spec_value_parse(const struct json *j, bool as_arg, struct spec_value *v,
		     char *err, size_t errlen);
/* Parse a valtype name ("i32", "externref", ...); 0 if unknown. */
uint8_t spec_valtype_parse(const char *name);
/* The text name of a valtype, "?" if unknown. */
const char *spec_valtype_name(uint8_t type);
/* Does `got` (a result slot of type `type`) match `want`? */
/* A typed reference type as the script's abstract one (funcref,
 * externref, exnref: the top of its hierarchy); other types as they are. */
uint8_t spec_type_norm(wx_valtype_t type);
bool spec_value_match(const struct spec_value *want, wx_valtype_t type,
		      uint64_t got);
/* Does a v128 result (lo, hi) match `want` (of type v128)? */
bool spec_v128_match(const struct spec_value *want, uint64_t lo,
		     uint64_t hi);
void spec_v128_format(uint64_t lo, uint64_t hi, char *buf, size_t len);
/* Human-readable "type:value" for messages. */
void spec_value_format(wx_valtype_t type, uint64_t bits, char *buf,
		       size_t len);
void spec_expected_format(const struct spec_value *v, char *buf, size_t len);

/* Parse a decimal (optionally negative) integer of at most `bits` bits,
 * as wast2json writes them; the two's-complement pattern goes to *out. */
bool spec_parse_int(const char *s, unsigned bits, uint64_t *out);

/* The spectest host module: its host functions, table, memories and
 * globals, bound in `l` under "spectest".  spectest_fini releases what
 * spectest_init created; call it after the instances that import them are
 * gone and after wx_linker_fini(l). */
struct spectest {
	struct wx_table *table, *table64;
	struct wx_memory *memory;
	struct wx_memory *shared_memory;
	struct wx_globalinst *g_i32, *g_i64, *g_f32, *g_f64;
};

int spectest_init(struct spectest *st, struct wx_linker *l, char *err,
		  size_t errlen);
void spectest_fini(struct spectest *st);

#endif
