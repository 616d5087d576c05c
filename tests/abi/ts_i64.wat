;; The same legacy thread_spawn, the entry taking user_data as one i64
;; (`_start_thread(entry: u64)` of the earliest Rust std port), with no
;; exported __stack_pointer.  Two threads; each doubles its user_data.
;; Memory: [0] count of threads done, [16] and [24] results, [40] [44] tids.
(module
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i64 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "_start_thread") (param $ud i64)
    ;; user_data = slot address << 32 | value
    (i64.store (i32.wrap_i64 (i64.shr_u (local.get $ud) (i64.const 32)))
               (i64.mul (i64.and (local.get $ud) (i64.const 0xffffffff)) (i64.const 2)))
    (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start") (local $n i32)
    (call $check (i32.eqz (call $spawn (i64.const 0x0000001000000015) (i64.const 0)
                                       (i64.const 0) (i32.const 0) (i32.const 40)))
                 (i32.const 10))
    (call $check (i32.eqz (call $spawn (i64.const 0x0000001800000064) (i64.const 0)
                                       (i64.const 0) (i32.const 0) (i32.const 44)))
                 (i32.const 11))
    (block $done
      (loop $w
        (local.set $n (i32.atomic.load (i32.const 0)))
        (br_if $done (i32.ge_u (local.get $n) (i32.const 2)))
        (drop (memory.atomic.wait32 (i32.const 0) (local.get $n) (i64.const -1)))
        (br $w)))
    (call $check (i64.eq (i64.load (i32.const 16)) (i64.const 42)) (i32.const 12))
    (call $check (i64.eq (i64.load (i32.const 24)) (i64.const 200)) (i32.const 13))
    (call $check (i32.ne (i32.load (i32.const 40)) (i32.load (i32.const 44))) (i32.const 14))
    (call $exit (i32.const 0))))
