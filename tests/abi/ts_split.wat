;; thread_spawn of 2022-23 (user_data, stack_base, stack_start, reactor,
;; ret_tid): the thread enters through `_start_thread(lo, hi)`, with its
;; __stack_pointer already on the new stack, computes a sum the main
;; thread then reads; thread_join waits for it.
;; Memory: [0] done flag, [16..20] user_data halves seen, [24] sp seen,
;; [28] the thread's sum, [32] tid.
(module
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i64 i64 i64 i32 i32) (result i32)))
  (import "wasix_32v1" "thread_join" (func $join (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 4096))
  (func (export "_start_thread") (param $lo i32) (param $hi i32)
    (local $i i32) (local $sum i32)
    (i32.store (i32.const 16) (local.get $lo))
    (i32.store (i32.const 20) (local.get $hi))
    (i32.store (i32.const 24) (global.get $sp))
    (local.set $i (i32.const 1))
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.le_u (local.get $i) (i32.const 100))))
    (i32.store (i32.const 28) (local.get $sum))
    (i32.atomic.store (i32.const 0) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (call $check
      (i32.eqz (call $spawn (i64.const 0x1122334455667788) (i64.const 0x8000)
                            (i64.const 0x6000) (i32.const 0) (i32.const 32)))
      (i32.const 10))
    (block $done
      (loop $w
        (br_if $done (i32.atomic.load (i32.const 0)))
        (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
        (br $w)))
    (call $check (i32.eq (i32.load (i32.const 16)) (i32.const 0x55667788)) (i32.const 11))
    (call $check (i32.eq (i32.load (i32.const 20)) (i32.const 0x11223344)) (i32.const 12))
    (call $check (i32.eq (i32.load (i32.const 24)) (i32.const 0x8000)) (i32.const 13))
    (call $check (i32.eq (i32.load (i32.const 28)) (i32.const 5050)) (i32.const 14))
    (call $check (i32.ge_u (i32.load (i32.const 32)) (i32.const 2)) (i32.const 15))
    ;; the main thread's own stack pointer is untouched
    (call $check (i32.eq (global.get $sp) (i32.const 4096)) (i32.const 16))
    (call $check (i32.eqz (call $join (i32.load (i32.const 32)))) (i32.const 17))
    (call $exit (i32.const 0))))
