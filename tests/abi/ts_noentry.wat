;; Legacy thread_spawn from a module whose `_start_thread` has a type no
;; generation used: ENOTCAPABLE (76), as Wasmer answered without it.
(module
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i64 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "_start_thread") (param i32))
  (func (export "_start")
    (call $exit (i32.sub (call $spawn (i64.const 1) (i64.const 0) (i64.const 0)
                                      (i32.const 0) (i32.const 32))
                         (i32.const 76)))))
