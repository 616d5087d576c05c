#!/usr/bin/env bash
# run.sh [--ci] BUILDDIR - the native tier's suites (make test-native, and
# with --ci the bounded part that make test runs).
#
#   spec    the spec files of numbers, memory, control flow, calls, tables,
#           references, tail calls, exceptions, memory64, multiple
#           memories, SIMD and relaxed SIMD, every module compiled at -O0
#           (SPEC_TIER=native);
#           --ci: a dozen of them
#   wast    tests/native/*.wast in the native tier: where its C meets the
#           host ABI (v128 in two slots, multi-value buffers, imports)
#   cli     tests/native/cli.sh: the command line of the tier
#   feat    tests/native/feat.sh: tail calls and exceptions, both tiers
#   diff    tests/diff in the native tier (WASIXRT_TIER=native)   [full only]
#   libc    tests/libc with LIBC_TIER=native; --ci: the setjmp/longjmp
#           and vfork tests (snapshots of native stacks)
#   threads tests/threads in the native tier (WASIXRT_TIER=native) [full only]
#   cxx     tests/cxx's C++ exceptions, tail calls and SIMD programs
#           (CXX_TIER=native)                                      [full only]
#
# Compiled modules go to a cache under build/native-cache, so a second run
# compiles only what changed (the translator's build is part of the key).
set -u
ci=0
if [ "${1:-}" = --ci ]; then
	ci=1
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: $0 [--ci] BUILDDIR" >&2
	exit 2
fi
B=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export XDG_CACHE_HOME=$ROOT/build/native-cache
mkdir -p "$XDG_CACHE_HOME"
status=0

full_spec="i32,i64,f32,f64,f32_cmp,f64_cmp,f32_bitwise,f64_bitwise,conversions,\
int_exprs,int_literals,float_exprs,float_literals,float_memory,float_misc,const,\
left-to-right,traps,memory,memory_grow,memory_size,memory_trap,memory_fill,\
memory_copy,memory_init,address,align,load,store,endianness,bulk,data,block,\
loop,if,br,br_if,br_table,return,nop,unreachable,unwind,select,labels,switch,\
stack,local_get,local_set,local_tee,global,fac,forward,call,call_indirect,func,\
func_ptrs,imports,exports,linking,start,type,ref_func,ref_null,ref_is_null,\
table,table_get,table_set,table_size,table_grow,table_fill,table_copy,\
table_init,elem,names,skip-stack-guard-page,unreached-valid,local_init,\
return_call,return_call_indirect,try_table,throw,throw_ref,tag,legacy_throw,\
legacy_rethrow,legacy_try_catch,legacy_try_delegate,\
address64,align64,binary_leb128_64,bulk64,call_indirect64,endianness64,\
float_memory64,load64,memory64,memory64-imports,memory_copy64,memory_fill64,\
memory_grow64,memory_init64,memory_redundancy64,memory_trap64,table64,\
table_copy64,table_fill64,table_get64,table_grow64,table_init64,table_set64,\
table_size64,memory-multi,address0,address1,align0,binary0,data0,data1,\
data_drop0,exports0,float_exprs0,float_exprs1,float_memory0,imports0,\
imports1,imports2,linking0,linking1,linking2,load0,load1,load2,memory_copy0,\
memory_copy1,memory_fill0,memory_init0,memory_size0,memory_size1,\
memory_size2,memory_trap0,memory_trap1,start0,store0,store1,store2,traps0,\
i16x8_relaxed_q15mulr_s,i32x4_relaxed_trunc,i8x16_relaxed_swizzle,\
relaxed_dot_product,relaxed_laneselect,relaxed_madd_nmadd,relaxed_min_max,\
simd_address,simd_align,simd_bit_shift,simd_bitwise,simd_boolean,simd_const,\
simd_conversions,simd_f32x4,simd_f32x4_arith,simd_f32x4_cmp,\
simd_f32x4_pmin_pmax,simd_f32x4_rounding,simd_f64x2,simd_f64x2_arith,\
simd_f64x2_cmp,simd_f64x2_pmin_pmax,simd_f64x2_rounding,simd_i16x8_arith,\
simd_i16x8_arith2,simd_i16x8_cmp,simd_i16x8_extadd_pairwise_i8x16,\
simd_i16x8_extmul_i8x16,simd_i16x8_q15mulr_sat_s,simd_i16x8_sat_arith,\
simd_i32x4_arith,simd_i32x4_arith2,simd_i32x4_cmp,simd_i32x4_dot_i16x8,\
simd_i32x4_extadd_pairwise_i16x8,simd_i32x4_extmul_i16x8,\
simd_i32x4_trunc_sat_f32x4,simd_i32x4_trunc_sat_f64x2,simd_i64x2_arith,\
simd_i64x2_arith2,simd_i64x2_cmp,simd_i64x2_extmul_i32x4,simd_i8x16_arith,\
simd_i8x16_arith2,simd_i8x16_cmp,simd_i8x16_sat_arith,\
simd_int_to_int_extend,simd_lane,simd_linking,simd_load,simd_load16_lane,\
simd_load32_lane,simd_load64_lane,simd_load8_lane,simd_load_extend,\
simd_load_splat,simd_load_zero,simd_select,simd_splat,simd_store,\
simd_store16_lane,simd_store32_lane,simd_store64_lane,simd_store8_lane,\
wide-arithmetic"
ci_spec="i32,i64,f32,conversions,traps,memory_trap,memory_grow,br_table,\
call_indirect,left-to-right,fac,table_copy,return_call,try_table,\
legacy_try_delegate,memory_trap64,memory-multi,simd_lane,simd_address,\
relaxed_madd_nmadd,wide-arithmetic"
spec=$full_spec
[ $ci = 1 ] && spec=$ci_spec

echo "native: spec ($([ $ci = 1 ] && echo CI subset || echo full list))"
SPEC_TIER=native SPEC_FILTER=$spec bash "$ROOT/tests/spec/run.sh" \
	"$B/spec_runner" | tail -1 || status=1
[ "${PIPESTATUS[0]}" = 0 ] || status=1
# The tier's own .wast files, converted into build/native-json.
mkdir -p "$ROOT/build/native-json"
for w in "$ROOT"/tests/native/*.wast; do
	n=$(basename "$w" .wast)
	j=$ROOT/build/native-json/$n.json
	if ! wast2json "$w" -o "$j" >"$ROOT/build/native-json/$n.err" 2>&1; then
		echo "native: $n.wast: wast2json failed: $(head -n 1 \
			"$ROOT/build/native-json/$n.err")"
		status=1
		continue
	fi
	r=$(SPEC_TIER=native "$B/spec_runner" "$j" 2>&1)
	rc=$?
	grep '^FAIL ' <<<"$r"
	echo "native: $n.wast: $(tail -n 1 <<<"$r")"
	[ $rc = 0 ] || status=1
done
bash "$ROOT/tests/native/cli.sh" "$B/wasixrt" || status=1
bash "$ROOT/tests/native/feat.sh" "$B/wasixrt" || status=1
if [ $ci = 1 ]; then
	LIBC_TIER=native LIBC_ONLY=t_nstack_sjlj,t_nstack_vfork,t_sjlj_basic,\
t_sjlj_fork,t_rw_jmpcopy,t_proc_vfork,t_proc_spawn,t_sig_mask \
		bash "$ROOT/tests/libc/run.sh" "$B/wasixrt" || status=1
fi
if [ $ci = 0 ]; then
	WASIXRT_TIER=native WASIXRT_NATIVE_OPT=-O0 \
		bash "$ROOT/tests/diff/run.sh" "$B/wasixrt" | tail -3 || status=1
	[ "${PIPESTATUS[0]}" = 0 ] || status=1
	LIBC_TIER=native bash "$ROOT/tests/libc/run.sh" "$B/wasixrt" || status=1
	for suite in wasi wasix signals; do
		WASIXRT_TIER=native WASIXRT_NATIVE_OPT=-O0 \
			bash "$ROOT/tests/$suite/run.sh" "$B/wasixrt" | tail -3
		[ "${PIPESTATUS[0]}" = 0 ] || status=1
	done
	# C++ exceptions (legacy and exnref), musttail, SIMD
	CXX_TIER=native bash "$ROOT/tests/cxx/run.sh" "$B/wasixrt" || status=1
	WASIXRT_TIER=native WASIXRT_NATIVE_OPT=-O0 \
		bash "$ROOT/tests/threads/run.sh" "$B/wasixrt" || status=1
fi
exit $status
