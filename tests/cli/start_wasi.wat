;; start_wasi.wat - the start function already calls WASI (fd_write to
;; stdout): WASI binds to the guest memory before the start function runs.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\0b\00\00\00")  ;; iovec: buf 16, len 11
  (data (i32.const 8) "\20\00\00\00\0c\00\00\00")  ;; iovec: buf 32, len 12
  (data (i32.const 16) "from start\n")
  (data (i32.const 32) "from _start\n")
  (func $init
    (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 48))
      (then (unreachable))))
  (start $init)
  (func (export "_start")
    (if (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 48))
      (then (unreachable)))))
