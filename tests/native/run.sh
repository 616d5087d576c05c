#!/usr/bin/env bash
# run.sh [--ci] BUILDDIR - the native tier's suites (make test-native, and
# with --ci the bounded part that make test runs).
#
#   spec    the spec files of numbers, memory, control flow, calls, tables
#           and references, every module compiled at -O0 (SPEC_TIER=native);
#           --ci: a dozen of them
#   cli     tests/native/cli.sh: the command line of the tier
#   diff    tests/diff in the native tier (WASIXRT_TIER=native)   [full only]
#   libc    tests/libc with LIBC_TIER=native; --ci: the setjmp/longjmp
#           and vfork tests (snapshots of native stacks)
#   threads tests/threads in the native tier (WASIXRT_TIER=native) [full only]
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
table_init,elem,names,skip-stack-guard-page,unreached-valid,local_init"
ci_spec="i32,i64,f32,conversions,traps,memory_trap,memory_grow,br_table,\
call_indirect,left-to-right,fac,table_copy"
spec=$full_spec
[ $ci = 1 ] && spec=$ci_spec

echo "native: spec ($([ $ci = 1 ] && echo CI subset || echo full list))"
SPEC_TIER=native SPEC_FILTER=$spec bash "$ROOT/tests/spec/run.sh" \
	"$B/spec_runner" | tail -1 || status=1
[ "${PIPESTATUS[0]}" = 0 ] || status=1
bash "$ROOT/tests/native/cli.sh" "$B/wasixrt" || status=1
if [ $ci = 1 ]; then
	LIBC_TIER=native LIBC_ONLY=t_nstack_sjlj,t_nstack_vfork,t_sjlj_basic,\
t_sjlj_fork,t_rw_jmpcopy,t_proc_vfork,t_proc_spawn \
		bash "$ROOT/tests/libc/run.sh" "$B/wasixrt" || status=1
fi
if [ $ci = 0 ]; then
	WASIXRT_TIER=native WASIXRT_NATIVE_OPT=-O0 \
		bash "$ROOT/tests/diff/run.sh" "$B/wasixrt" | tail -3 || status=1
	[ "${PIPESTATUS[0]}" = 0 ] || status=1
	LIBC_TIER=native bash "$ROOT/tests/libc/run.sh" "$B/wasixrt" || status=1
	WASIXRT_TIER=native WASIXRT_NATIVE_OPT=-O0 \
		bash "$ROOT/tests/threads/run.sh" "$B/wasixrt" || status=1
fi
exit $status
