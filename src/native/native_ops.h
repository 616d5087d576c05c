/*
 * native_ops.h - the numeric instructions as the native tier translates
 * them (native_ops.c).
 */
#ifndef WX_NATIVE_OPS_H
#define WX_NATIVE_OPS_H

/* Signature of each single-byte opcode ("ii:i" ...), NULL if none. */
extern const char *const wx_native_sig_main[256];
/* Signatures of 0xFC 0..7, the saturating truncations. */
extern const char *const wx_native_sig_fc_sat[8];
/* C expression of numeric instruction `op` (0x100 + sub for 0xFC sub):
 * %1$s, %2$s the operands, %3$s "func, offset" for the trapping ones;
 * NULL if it is not one. */
const char *wx_native_numeric_expr(unsigned op);

#endif
