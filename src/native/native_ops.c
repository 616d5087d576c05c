/*
 * native_ops.c - what the native tier's translator knows of each numeric
 * instruction: its signature (from the shared opcode list) and the C
 * expression that computes it (the wxn_* helpers are native_prelude.h's).
 * Kept apart from native_emit.c, which walks the code, so that each file
 * holds one concept.
 */
#include "native_ops.h"

#include <stddef.h>

/* ---- the instruction signatures from the shared opcode list ---- */

const char *const wx_native_sig_main[256] = {
#define OP(code, ident, name, imm, sig, align) [code] = sig,
#define OPFC(code, ident, name, imm, sig, align)
#define OPFE(code, ident, name, imm, sig, align)
#include "../core/opcodes.def"
#undef OP
#undef OPFC
#undef OPFE
};

/* C expression of each numeric instruction: %1$s, %2$s the operands,
 * %3$s "func, offset" for the trapping ones. */
const char *wx_native_numeric_expr(unsigned op)
{
	switch (op) {
	case 0x45: return "(uint32_t)(%1$s == 0)";
	case 0x46: case 0x51: return "(uint32_t)(%1$s == %2$s)";
	case 0x47: case 0x52: return "(uint32_t)(%1$s != %2$s)";
	case 0x48: return "(uint32_t)((int32_t)%1$s < (int32_t)%2$s)";
	case 0x49: case 0x54: return "(uint32_t)(%1$s < %2$s)";
	case 0x4a: return "(uint32_t)((int32_t)%1$s > (int32_t)%2$s)";
	case 0x4b: case 0x56: return "(uint32_t)(%1$s > %2$s)";
	case 0x4c: return "(uint32_t)((int32_t)%1$s <= (int32_t)%2$s)";
	case 0x4d: case 0x58: return "(uint32_t)(%1$s <= %2$s)";
	case 0x4e: return "(uint32_t)((int32_t)%1$s >= (int32_t)%2$s)";
	case 0x4f: case 0x5a: return "(uint32_t)(%1$s >= %2$s)";
	case 0x50: return "(uint32_t)(%1$s == 0)";
	case 0x53: return "(uint32_t)((int64_t)%1$s < (int64_t)%2$s)";
	case 0x55: return "(uint32_t)((int64_t)%1$s > (int64_t)%2$s)";
	case 0x57: return "(uint32_t)((int64_t)%1$s <= (int64_t)%2$s)";
	case 0x59: return "(uint32_t)((int64_t)%1$s >= (int64_t)%2$s)";
	case 0x5b: case 0x61: return "(uint32_t)(%1$s == %2$s)";
	case 0x5c: case 0x62: return "(uint32_t)(%1$s != %2$s)";
	case 0x5d: case 0x63: return "(uint32_t)(%1$s < %2$s)";
	case 0x5e: case 0x64: return "(uint32_t)(%1$s > %2$s)";
	case 0x5f: case 0x65: return "(uint32_t)(%1$s <= %2$s)";
	case 0x60: case 0x66: return "(uint32_t)(%1$s >= %2$s)";
	case 0x67: return "wxn_clz32(%1$s)";
	case 0x68: return "wxn_ctz32(%1$s)";
	case 0x69: return "(uint32_t)__builtin_popcount(%1$s)";
	case 0x6a: case 0x7c: case 0x92: case 0xa0: return "%1$s + %2$s";
	case 0x6b: case 0x7d: case 0x93: case 0xa1: return "%1$s - %2$s";
	case 0x6c: case 0x7e: case 0x94: case 0xa2: return "%1$s * %2$s";
	case 0x6d: return "wxn_div_s32(c, %1$s, %2$s, %3$s)";
	case 0x6e: return "wxn_div_u32(c, %1$s, %2$s, %3$s)";
	case 0x6f: return "wxn_rem_s32(c, %1$s, %2$s, %3$s)";
	case 0x70: return "wxn_rem_u32(c, %1$s, %2$s, %3$s)";
	case 0x71: case 0x83: return "%1$s & %2$s";
	case 0x72: case 0x84: return "%1$s | %2$s";
	case 0x73: case 0x85: return "%1$s ^ %2$s";
	case 0x74: return "%1$s << (%2$s & 31)";
	case 0x75: return "(uint32_t)((int32_t)%1$s >> (%2$s & 31))";
	case 0x76: return "%1$s >> (%2$s & 31)";
	case 0x77: return "wxn_rotl32(%1$s, %2$s)";
	case 0x78: return "wxn_rotr32(%1$s, %2$s)";
	case 0x79: return "wxn_clz64(%1$s)";
	case 0x7a: return "wxn_ctz64(%1$s)";
	case 0x7b: return "(uint64_t)__builtin_popcountll(%1$s)";
	case 0x7f: return "wxn_div_s64(c, %1$s, %2$s, %3$s)";
	case 0x80: return "wxn_div_u64(c, %1$s, %2$s, %3$s)";
	case 0x81: return "wxn_rem_s64(c, %1$s, %2$s, %3$s)";
	case 0x82: return "wxn_rem_u64(c, %1$s, %2$s, %3$s)";
	case 0x86: return "%1$s << (%2$s & 63)";
	case 0x87: return "(uint64_t)((int64_t)%1$s >> (%2$s & 63))";
	case 0x88: return "%1$s >> (%2$s & 63)";
	case 0x89: return "wxn_rotl64(%1$s, %2$s)";
	case 0x8a: return "wxn_rotr64(%1$s, %2$s)";
	case 0x8b: return "wxn_fabs32(%1$s)";
	case 0x8c: return "wxn_fneg32(%1$s)";
	case 0x8d: return "wxn_ceil32(%1$s)";
	case 0x8e: return "wxn_floor32(%1$s)";
	case 0x8f: return "wxn_trunc32(%1$s)";
	case 0x90: return "wxn_nearest32(%1$s)";
	case 0x91: return "__builtin_sqrtf(%1$s)";
	case 0x95: case 0xa3: return "%1$s / %2$s";
	case 0x96: return "wxn_fmin32(%1$s, %2$s)";
	case 0x97: return "wxn_fmax32(%1$s, %2$s)";
	case 0x98: return "wxn_fcopysign32(%1$s, %2$s)";
	case 0x99: return "wxn_fabs64(%1$s)";
	case 0x9a: return "wxn_fneg64(%1$s)";
	case 0x9b: return "wxn_ceil64(%1$s)";
	case 0x9c: return "wxn_floor64(%1$s)";
	case 0x9d: return "wxn_trunc64(%1$s)";
	case 0x9e: return "wxn_nearest64(%1$s)";
	case 0x9f: return "__builtin_sqrt(%1$s)";
	case 0xa4: return "wxn_fmin64(%1$s, %2$s)";
	case 0xa5: return "wxn_fmax64(%1$s, %2$s)";
	case 0xa6: return "wxn_fcopysign64(%1$s, %2$s)";
	case 0xa7: return "(uint32_t)%1$s";
	case 0xa8: case 0xaa: return "wxn_trunc_s32_f64(c, %1$s, %3$s)";
	case 0xa9: case 0xab: return "wxn_trunc_u32_f64(c, %1$s, %3$s)";
	case 0xac: return "(uint64_t)(int64_t)(int32_t)%1$s";
	case 0xad: return "(uint64_t)%1$s";
	case 0xae: case 0xb0: return "wxn_trunc_s64_f64(c, %1$s, %3$s)";
	case 0xaf: case 0xb1: return "wxn_trunc_u64_f64(c, %1$s, %3$s)";
	case 0xb2: return "(float)(int32_t)%1$s";
	case 0xb3: return "(float)%1$s";
	case 0xb4: return "(float)(int64_t)%1$s";
	case 0xb5: return "(float)%1$s";
	case 0xb6: return "(float)%1$s";
	case 0xb7: return "(double)(int32_t)%1$s";
	case 0xb8: return "(double)%1$s";
	case 0xb9: return "(double)(int64_t)%1$s";
	case 0xba: return "(double)%1$s";
	case 0xbb: return "(double)%1$s";
	case 0xbc: return "wxn_fb(%1$s)";
	case 0xbd: return "wxn_db(%1$s)";
	case 0xbe: return "wxn_bf(%1$s)";
	case 0xbf: return "wxn_bd(%1$s)";
	case 0xc0: return "(uint32_t)(int32_t)(int8_t)%1$s";
	case 0xc1: return "(uint32_t)(int32_t)(int16_t)%1$s";
	case 0xc2: return "(uint64_t)(int64_t)(int8_t)%1$s";
	case 0xc3: return "(uint64_t)(int64_t)(int16_t)%1$s";
	case 0xc4: return "(uint64_t)(int64_t)(int32_t)%1$s";
	/* 0xFC 0x00-0x07, as 0x100 + sub-opcode */
	case 0x100: case 0x102: return "wxn_sat_s32(%1$s)";
	case 0x101: case 0x103: return "wxn_sat_u32(%1$s)";
	case 0x104: case 0x106: return "wxn_sat_s64(%1$s)";
	case 0x105: case 0x107: return "wxn_sat_u64(%1$s)";
	}
	return NULL;
}

const char *const wx_native_sig_fc_sat[8] = {"f:i", "f:i", "d:i", "d:i",
					  "f:l", "f:l", "d:l", "d:l"};
