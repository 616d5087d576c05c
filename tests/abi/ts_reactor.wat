;; Legacy thread_spawn with reactor=1 (run `_react` whenever I/O work
;; arrives): Wasmer never ran reactors and answered ENOTCAPABLE (76); so
;; do we, and no thread runs.  A bad ret_tid pointer is MEMVIOLATION (78).
(module
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i64 i64 i64 i32 i32) (result i32)))
  (import "wasix_32v1" "thread_sleep" (func $sleep (param i64) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "_start_thread") (param i32 i32)
    (i32.atomic.store (i32.const 0) (i32.const 1)))
  (func (export "_react") (param i32 i32)
    (i32.atomic.store (i32.const 0) (i32.const 2)))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (call $check (i32.eq (call $spawn (i64.const 1) (i64.const 0) (i64.const 0)
                                      (i32.const 1) (i32.const 32))
                         (i32.const 76)) (i32.const 10))
    (call $check (i32.eq (call $spawn (i64.const 1) (i64.const 0) (i64.const 0)
                                      (i32.const 0) (i32.const 0x10000))
                         (i32.const 78)) (i32.const 11))
    (drop (call $sleep (i64.const 50000000)))
    (call $check (i32.eqz (i32.atomic.load (i32.const 0))) (i32.const 12))
    (call $exit (i32.const 0))))
