/*
 * interp_simd_hot.h - the SIMD instructions hot loops are made of, as
 * handlers of their own in the interpreter's dispatch (included into the
 * body of the interpreter loop, interp.c).
 *
 * Why: every other SIMD instruction shares one handler (L_simd) that
 * switches on the sub-opcode, so all of them go through a single
 * indirect branch the host cannot predict, and loads and stores through
 * a call of wx_simd_exec.  A vectorised loop is made of a handful of
 * instructions (v128.load, v128.store, splat, mul, add, moves), and with
 * them behind one shared switch a -msimd128 build ran 5x slower than the
 * scalar build of the same program.  Here each of those has its own
 * label, so each gets its own dispatch branch, and memory is accessed
 * inline with the scalar loads' bounds check.
 *
 * Layout and operands are those of every SIMD instruction (code.h:
 * op sub dst a b c i0..i3; the sub-opcode word is kept, unused here), so
 * the compiler only picks a different op (compile_simd.c, hot_op).  The
 * memory forms are emitted for memory 0 only.
 */
#define V_HI (fp + wx_v128_hi(t))
#define V_GET(slot) ((wx_vu64){fp[slot], V_HI[slot]})
#define V_PUT(slot, v)                                                   \
	do {                                                             \
		wx_vu64 v_put_ = (v);                                    \
		fp[slot] = v_put_[0];                                    \
		V_HI[slot] = v_put_[1];                                  \
	} while (0)
#define V_BIN(ident, VT, expr)                                           \
	L_##ident: {                                                     \
		VT a = (VT)V_GET(pc[3]), b = (VT)V_GET(pc[4]);           \
		V_PUT(pc[2], (wx_vu64)(expr));                           \
		pc += WX_SIMD_WORDS;                                     \
		NEXT();                                                  \
	}

L_v_load: {
	uint64_t ea = (uint64_t)(uint32_t)R(3) + pc[6];
	wx_vu64 v;
	if (WX_UNLIKELY(ea + 16 > msize))
		goto oob;
	memcpy(&v, mem + ea, 16);
	V_PUT(pc[2], v);
	pc += WX_SIMD_WORDS;
	NEXT();
}
L_v_store: {
	uint64_t ea = (uint64_t)(uint32_t)R(3) + pc[6];
	wx_vu64 v = V_GET(pc[4]);
	if (WX_UNLIKELY(ea + 16 > msize))
		goto oob;
	memcpy(mem + ea, &v, 16);
	pc += WX_SIMD_WORDS;
	NEXT();
}
L_v_copy:
	fp[pc[2]] = fp[pc[3]];
	V_HI[pc[2]] = V_HI[pc[3]];
	pc += WX_SIMD_WORDS;
	NEXT();
L_v_const:
	fp[pc[2]] = pc[6] | (uint64_t)pc[7] << 32;
	V_HI[pc[2]] = pc[8] | (uint64_t)pc[9] << 32;
	pc += WX_SIMD_WORDS;
	NEXT();
L_v_splat64: /* i64x2.splat, f64x2.splat: the bits twice */
	V_HI[pc[2]] = fp[pc[2]] = R(3);
	pc += WX_SIMD_WORDS;
	NEXT();
L_v_splat32: { /* i32x4.splat, f32x4.splat */
	uint64_t w = (uint32_t)R(3);
	V_HI[pc[2]] = fp[pc[2]] = w | w << 32;
	pc += WX_SIMD_WORDS;
	NEXT();
}
L_v_extract32: { /* i32x4.extract_lane, f32x4.extract_lane */
	uint32_t lane = pc[6];
	uint64_t half = lane < 2 ? fp[pc[3]] : V_HI[pc[3]];
	R(2) = (uint32_t)(half >> (32 * (lane & 1)));
	pc += WX_SIMD_WORDS;
	NEXT();
}
L_v_extract64: /* i64x2.extract_lane, f64x2.extract_lane */
	R(2) = pc[6] ? V_HI[pc[3]] : fp[pc[3]];
	pc += WX_SIMD_WORDS;
	NEXT();
V_BIN(v_and, wx_vu64, a & b)
V_BIN(v_or, wx_vu64, a | b)
V_BIN(v_xor, wx_vu64, a ^ b)
V_BIN(v_i8x16_add, wx_vu8, a + b)
V_BIN(v_i16x8_add, wx_vu16, a + b)
V_BIN(v_i32x4_add, wx_vu32, a + b)
V_BIN(v_i32x4_sub, wx_vu32, a - b)
V_BIN(v_i32x4_mul, wx_vu32, a * b)
V_BIN(v_i64x2_add, wx_vu64, a + b)
/* The host's float arithmetic gives what wasm allows: its NaN results
 * are NaNs (wasm asks no particular payload of add/sub/mul/div). */
V_BIN(v_f32x4_add, wx_vf32, a + b)
V_BIN(v_f32x4_sub, wx_vf32, a - b)
V_BIN(v_f32x4_mul, wx_vf32, a * b)
V_BIN(v_f64x2_add, wx_vf64, a + b)
V_BIN(v_f64x2_sub, wx_vf64, a - b)
V_BIN(v_f64x2_mul, wx_vf64, a * b)

/* A v128.load fused into the operation that consumes it (_m), and that
 * with the result stored back where it was loaded from (_to). */
#define V_MEM(ident, VT, OP)                                             \
	L_##ident##_m: {                                                 \
		uint64_t ea = (uint64_t)(uint32_t)R(4) + pc[6];          \
		VT a = (VT)V_GET(pc[3]), b;                              \
		if (WX_UNLIKELY(ea + 16 > msize))                        \
			goto oob;                                        \
		memcpy(&b, mem + ea, 16);                                \
		V_PUT(pc[2], (wx_vu64)(a OP b));                         \
		pc += WX_SIMD_WORDS;                                     \
		NEXT();                                                  \
	}                                                                \
	L_##ident##_to: {                                                \
		uint64_t ea = (uint64_t)(uint32_t)R(4) + pc[6];          \
		VT a = (VT)V_GET(pc[3]), b;                              \
		if (WX_UNLIKELY(ea + 16 > msize))                        \
			goto oob;                                        \
		memcpy(&b, mem + ea, 16);                                \
		b = a OP b;                                              \
		memcpy(mem + ea, &b, 16);                                \
		pc += WX_SIMD_WORDS;                                     \
		NEXT();                                                  \
	}
V_MEM(v_i32x4_add, wx_vu32, +)
V_MEM(v_f32x4_add, wx_vf32, +)
V_MEM(v_f32x4_sub, wx_vf32, -)
V_MEM(v_f32x4_mul, wx_vf32, *)
V_MEM(v_f64x2_add, wx_vf64, +)
V_MEM(v_f64x2_sub, wx_vf64, -)
V_MEM(v_f64x2_mul, wx_vf64, *)
/* mem[A] += a * mem[B]: a multiply by a loaded vector, an add of the
 * vector at A and a store back there.  Both loads come before the store,
 * so a trap leaves memory as the separate instructions would; it reports
 * the multiply's load (the first in program order).  _a and _ai first do
 * the i32.add before them (pc[1] = pc[8] + pc[9], or + the immediate
 * pc[9]): a loop's pointer step. */
#define V_FMA_BODY(VT)                                                   \
	do {                                                             \
		uint64_t eb = (uint64_t)(uint32_t)R(4) + pc[7];          \
		uint64_t ea = (uint64_t)(uint32_t)R(2) + pc[6];          \
		VT a = (VT)V_GET(pc[3]), b, s;                           \
		if (WX_UNLIKELY(eb + 16 > msize) ||                      \
		    WX_UNLIKELY(ea + 16 > msize))                        \
			goto oob;                                        \
		memcpy(&b, mem + eb, 16);                                \
		memcpy(&s, mem + ea, 16);                                \
		b = a * b; /* two roundings: -ffp-contract=off */        \
		s = b + s;                                               \
		memcpy(mem + ea, &s, 16);                                \
		pc += WX_SIMD_WORDS;                                     \
		NEXT();                                                  \
	} while (0)
#define V_FMA(ident, VT)                                                 \
	L_##ident##_fma_to:                                              \
		V_FMA_BODY(VT);                                          \
	L_##ident##_fma_to_a:                                            \
		R(1) = (uint32_t)((uint32_t)R(8) + (uint32_t)R(9));      \
		V_FMA_BODY(VT);                                          \
	L_##ident##_fma_to_ai:                                           \
		R(1) = (uint32_t)((uint32_t)R(8) + pc[9]);               \
		V_FMA_BODY(VT);
V_FMA(v_f32x4, wx_vf32)
V_FMA(v_f64x2, wx_vf64)

#undef V_FMA
#undef V_FMA_BODY
#undef V_MEM
#undef V_BIN
#undef V_PUT
#undef V_GET
#undef V_HI
