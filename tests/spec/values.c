/*
 * values.c - wast2json values for the spec runner: parsing the JSON form
 * ({"type": "i32", "value": "4294967295"}), matching results against
 * expectations (including nan:canonical / nan:arithmetic, spec 4.3.3) and
 * formatting both for failure messages.
 *
 * wast2json writes every number as a decimal string of the unsigned bit
 * pattern (floats too: the bits of the IEEE value), so parsing is integer
 * parsing with an overflow check; negative forms are accepted as well.
 */
#include "spec.h"

#include <stdio.h>
#include <string.h>

bool spec_parse_int(const char *s, unsigned bits, uint64_t *out)
{
	bool neg = false;
	uint64_t v = 0, limit;

	if (s == NULL || bits == 0 || bits > 64)
		return false;
	limit = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		unsigned d;

		if (*s < '0' || *s > '9')
			return false;
		d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (neg) {
		/* -2^(bits-1) is the most negative pattern that fits */
		if (v > (UINT64_C(1) << (bits - 1)))
			return false;
		v = (0 - v) & limit;
	} else if (v > limit) {
		return false;
	}
	*out = v;
	return true;
}

uint8_t spec_valtype_parse(const char *name)
{
	static const struct {
		const char *name;
		uint8_t type;
	} types[] = {
		{ "i32", WX_I32 },
		{ "i64", WX_I64 },
		{ "f32", WX_F32 },
		{ "f64", WX_F64 },
		{ "v128", WX_V128 },
		{ "funcref", WX_FUNCREF },
		{ "externref", WX_EXTERNREF },
		{ "exnref", WX_EXNREF },
		/* Only as an expected "null": any null reference. */
		{ "anyref", SPEC_ANYREF },
	};
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(name, types[i].name) == 0)
			return types[i].type;
	return 0;
}

const char *spec_valtype_name(uint8_t type)
{
	switch (type) {
	case WX_I32: return "i32";
	case WX_I64: return "i64";
	case WX_F32: return "f32";
	case WX_F64: return "f64";
	case WX_V128: return "v128";
	case WX_FUNCREF: return "funcref";
	case WX_EXTERNREF: return "externref";
	case WX_EXNREF: return "exnref";
	case SPEC_ANYREF: return "anyref";
	default: return "?";
	}
}

/* A v128 {"type": "v128", "lane_type": L, "value": [lanes]}: each lane a
 * decimal of L's width, or for f32/f64 lanes of a result a NaN pattern. */
static int parse_v128(const struct json *j, bool as_arg,
		      struct spec_value *v, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		uint8_t type, bits;
	} shapes[] = {{"i8", WX_I32, 8},   {"i16", WX_I32, 16},
		      {"i32", WX_I32, 32}, {"i64", WX_I64, 64},
		      {"f32", WX_F32, 32}, {"f64", WX_F64, 64}};
	const char *lt = json_get_str(j, "lane_type");
	const struct json *val = json_get(j, "value");
	uint8_t bytes[16] = {0};
	size_t k, n, nl;
	unsigned bits = 0;

	for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++)
		if (lt != NULL && strcmp(lt, shapes[k].name) == 0)
			break;
	if (k == sizeof(shapes) / sizeof(shapes[0])) {
		snprintf(err, errlen, "unknown v128 lane type '%s'",
			 lt != NULL ? lt : "(none)");
		return SPEC_VAL_BAD;
	}
	bits = shapes[k].bits;
	v->lane_type = shapes[k].type;
	nl = 128 / bits;
	if (val == NULL || val->type != JSON_ARRAY ||
	    (n = json_len(val)) != nl) {
		snprintf(err, errlen, "v128 value is not %zu %s lanes", nl,
			 lt);
		return SPEC_VAL_BAD;
	}
	v->match = SPEC_EXACT;
	for (k = 0; k < nl; k++) {
		const struct json *e = json_at(val, k);
		uint64_t x = 0;
		v->lane_match[k] = SPEC_EXACT;
		if (e == NULL || e->type != JSON_STRING) {
			snprintf(err, errlen, "v128 lane %zu is not a string",
				 k);
			return SPEC_VAL_BAD;
		}
		if (strncmp(e->str, "nan:", 4) == 0 &&
		    (v->lane_type == WX_F32 || v->lane_type == WX_F64)) {
			if (as_arg) {
				snprintf(err, errlen, "NaN pattern '%s' as an "
					 "argument", e->str);
				return SPEC_VAL_BAD;
			}
			if (strcmp(e->str, "nan:canonical") == 0)
				v->lane_match[k] = SPEC_NAN_CANON;
			else if (strcmp(e->str, "nan:arithmetic") == 0)
				v->lane_match[k] = SPEC_NAN_ARITH;
			else {
				snprintf(err, errlen, "unknown NaN pattern "
					 "'%s'", e->str);
				return SPEC_VAL_BAD;
			}
		} else if (!spec_parse_int(e->str, bits, &x)) {
			snprintf(err, errlen, "bad v128 %s lane '%s'", lt,
				 e->str);
			return SPEC_VAL_BAD;
		}
		memcpy(bytes + k * (bits / 8), &x, bits / 8); /* LE host */
	}
	memcpy(&v->bits, bytes, 8);
	memcpy(&v->hi, bytes + 8, 8);
	return SPEC_VAL_OK;
}

bool spec_v128_match(const struct spec_value *want, uint64_t lo,
		     uint64_t hi)
{
	uint8_t got[16], exp[16];
	unsigned size = want->lane_type == WX_I64 || want->lane_type == WX_F64
				? 8 : 4, k;
	if (want->type != WX_V128)
		return false;
	memcpy(got, &lo, 8);
	memcpy(got + 8, &hi, 8);
	memcpy(exp, &want->bits, 8);
	memcpy(exp + 8, &want->hi, 8);
	if (want->lane_type == WX_I32 || want->lane_type == WX_I64)
		return memcmp(got, exp, 16) == 0;
	for (k = 0; k < 16 / size; k++) {
		struct spec_value lane = {want->lane_type,
					  want->lane_match[k], 0, 0, 0, {0}};
		uint64_t g = 0;
		memcpy(&lane.bits, exp + k * size, size);
		memcpy(&g, got + k * size, size);
		if (!spec_value_match(&lane, want->lane_type, g))
			return false;
	}
	return true;
}

void spec_v128_format(uint64_t lo, uint64_t hi, char *buf, size_t len)
{
	snprintf(buf, len, "v128:0x%016llx%016llx", (unsigned long long)hi,
		 (unsigned long long)lo);
}

int spec_value_parse(const struct json *j, bool as_arg, struct spec_value *v,
		     char *err, size_t errlen)
{
	const char *tname = json_get_str(j, "type");
	const struct json *val = json_get(j, "value");
	const char *s;
	uint8_t type = spec_valtype_parse(tname);

	memset(v, 0, sizeof(*v));
	if (type == 0) {
		snprintf(err, errlen, "unknown value type '%s'",
			 tname != NULL ? tname : "(none)");
		return SPEC_VAL_BAD;
	}
	v->type = type;
	if (type == WX_V128)
		return parse_v128(j, as_arg, v, err, errlen);
	if (val == NULL) {
		if (as_arg) {
			snprintf(err, errlen,
				 "argument of type %s has no value", tname);
			return SPEC_VAL_BAD;
		}
		/* A reference result without a value: any non-null one
		 * (wast2json's ref.func, the converted 3.0 scripts). */
		v->match = type == WX_FUNCREF || type == WX_EXNREF
				   ? SPEC_NONNULL
				   : SPEC_ANY;
		return SPEC_VAL_OK;
	}
	if (val->type != JSON_STRING) {
		snprintf(err, errlen, "value of type %s is not a string",
			 tname);
		return SPEC_VAL_BAD;
	}
	s = val->str;
	if (strlen(s) != val->len) {
		snprintf(err, errlen, "value contains NUL");
		return SPEC_VAL_BAD;
	}
	v->match = SPEC_EXACT;
	switch (type) {
	case WX_I32:
	case WX_F32:
		if ((type == WX_F32) && strncmp(s, "nan:", 4) == 0)
			goto nan;
		if (!spec_parse_int(s, 32, &v->bits))
			goto bad_number;
		return SPEC_VAL_OK;
	case WX_I64:
	case WX_F64:
		if ((type == WX_F64) && strncmp(s, "nan:", 4) == 0)
			goto nan;
		if (!spec_parse_int(s, 64, &v->bits))
			goto bad_number;
		return SPEC_VAL_OK;
	case WX_EXTERNREF:
		if (strcmp(s, "null") == 0) {
			v->bits = 0;
			return SPEC_VAL_OK;
		}
		if (!spec_parse_int(s, 64, &v->bits) || s[0] == '-' ||
		    v->bits == UINT64_MAX)
			goto bad_number;
		v->bits += 1; /* ref.extern N is host value N+1 */
		return SPEC_VAL_OK;
	case SPEC_ANYREF:
		if (strcmp(s, "null") != 0 || as_arg) {
			snprintf(err, errlen, "anyref value '%s' (only an "
				 "expected null is supported)", s);
			return SPEC_VAL_UNSUPPORTED;
		}
		v->bits = 0;
		return SPEC_VAL_OK;
	case WX_FUNCREF:
	case WX_EXNREF:
		if (strcmp(s, "null") == 0) {
			v->bits = 0;
			return SPEC_VAL_OK;
		}
		if (as_arg) {
			snprintf(err, errlen,
				 "non-null funcref argument '%s' "
				 "cannot be built", s);
			return SPEC_VAL_UNSUPPORTED;
		}
		v->match = SPEC_NONNULL;
		return SPEC_VAL_OK;
	default:
		break;
	}
	snprintf(err, errlen, "unhandled type %s", tname);
	return SPEC_VAL_BAD;
nan:
	if (as_arg) {
		snprintf(err, errlen, "NaN pattern '%s' as an argument", s);
		return SPEC_VAL_BAD;
	}
	if (strcmp(s, "nan:canonical") == 0)
		v->match = SPEC_NAN_CANON;
	else if (strcmp(s, "nan:arithmetic") == 0)
		v->match = SPEC_NAN_ARITH;
	else {
		snprintf(err, errlen, "unknown NaN pattern '%s'", s);
		return SPEC_VAL_BAD;
	}
	return SPEC_VAL_OK;
bad_number:
	snprintf(err, errlen, "bad %s value '%s'", tname, s);
	return SPEC_VAL_BAD;
}

static uint64_t type_mask(uint8_t type)
{
	return (type == WX_I32 || type == WX_F32) ? UINT64_C(0xffffffff)
						  : UINT64_MAX;
}

uint8_t spec_type_norm(wx_valtype_t type)
{
	if (!wx_is_reftype(type) || wx_vt_simple(type))
		return (uint8_t)type;
	if (wx_heap_sub(type, WX_FUNCREF))
		return WX_FUNCREF;
	if (wx_heap_sub(type, WX_EXTERNREF))
		return WX_EXTERNREF;
	if (wx_heap_sub(type, WX_EXNREF))
		return WX_EXNREF;
	return 0;
}

bool spec_value_match(const struct spec_value *want, wx_valtype_t wtype,
		      uint64_t got)
{
	uint8_t type = spec_type_norm(wtype);

	if (want->type == SPEC_ANYREF) /* any null reference */
		return (type == WX_FUNCREF || type == WX_EXTERNREF ||
			type == WX_EXNREF) && got == 0;
	if (want->type != type)
		return false;
	got &= type_mask(type);
	switch (want->match) {
	case SPEC_EXACT:
		return got == (want->bits & type_mask(type));
	case SPEC_ANY:
		return true;
	case SPEC_NONNULL:
		return got != 0;
	case SPEC_NAN_CANON:
		/* sign may be anything; payload exactly the canonical one */
		if (type == WX_F32)
			return (got & 0x7fffffffu) == 0x7fc00000u;
		if (type == WX_F64)
			return (got & UINT64_C(0x7fffffffffffffff)) ==
			       UINT64_C(0x7ff8000000000000);
		return false;
	case SPEC_NAN_ARITH:
		/* a NaN with the most significant payload bit set */
		if (type == WX_F32)
			return (got & 0x7fc00000u) == 0x7fc00000u;
		if (type == WX_F64)
			return (got & UINT64_C(0x7ff8000000000000)) ==
			       UINT64_C(0x7ff8000000000000);
		return false;
	default:
		return false;
	}
}

void spec_value_format(wx_valtype_t wtype, uint64_t bits, char *buf,
		       size_t len)
{
	uint8_t type = spec_type_norm(wtype);
	float f;
	double d;
	uint32_t b32 = (uint32_t)bits;

	switch (type) {
	case WX_I32:
		snprintf(buf, len, "i32:%u (0x%x)", b32, b32);
		break;
	case WX_I64:
		snprintf(buf, len, "i64:%llu (0x%llx)",
			 (unsigned long long)bits, (unsigned long long)bits);
		break;
	case WX_F32:
		memcpy(&f, &b32, sizeof(f));
		snprintf(buf, len, "f32:%.9g (0x%08x)", (double)f, b32);
		break;
	case WX_F64:
		memcpy(&d, &bits, sizeof(d));
		snprintf(buf, len, "f64:%.17g (0x%016llx)", d,
			 (unsigned long long)bits);
		break;
	case WX_FUNCREF:
		if (bits == 0)
			snprintf(buf, len, "ref.null func");
		else
			snprintf(buf, len, "ref.func %#llx",
				 (unsigned long long)bits);
		break;
	case WX_EXNREF:
		snprintf(buf, len, bits == 0 ? "ref.null exn" : "exnref");
		break;
	case WX_EXTERNREF:
		if (bits == 0)
			snprintf(buf, len, "ref.null extern");
		else
			snprintf(buf, len, "ref.extern %llu",
				 (unsigned long long)(bits - 1));
		break;
	default:
		snprintf(buf, len, "%s:%#llx", spec_valtype_name(type),
			 (unsigned long long)bits);
		break;
	}
}

void spec_expected_format(const struct spec_value *v, char *buf, size_t len)
{
	if (v->type == WX_V128) {
		spec_v128_format(v->bits, v->hi, buf, len);
		return;
	}
	const char *tn = v->type == WX_F32 ? "f32" : "f64";

	switch (v->match) {
	case SPEC_NAN_CANON:
		snprintf(buf, len, "%s:nan:canonical", tn);
		break;
	case SPEC_NAN_ARITH:
		snprintf(buf, len, "%s:nan:arithmetic", tn);
		break;
	case SPEC_NONNULL:
		snprintf(buf, len, "%s non-null",
			 spec_valtype_name(v->type));
		break;
	case SPEC_ANY:
		snprintf(buf, len, "any %s", spec_valtype_name(v->type));
		break;
	default:
		spec_value_format(v->type, v->bits, buf, len);
		break;
	}
}
