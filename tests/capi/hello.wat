;; hello.wat - a WASI program: writes its argument count and a greeting to
;; stdout, then exits with status 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\0e\00\00\00")  ;; iovec: buf 16, len 14
  (data (i32.const 16) "hello, argc=0\n")
  (func (export "_start")
    (drop (call $args_sizes_get (i32.const 64) (i32.const 68)))
    ;; the digit of argc (< 10) at "argc=" + 5
    (i32.store8 (i32.const 28)
      (i32.add (i32.const 48) (i32.load (i32.const 64))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 48)))
    (call $proc_exit (i32.const 3))))
