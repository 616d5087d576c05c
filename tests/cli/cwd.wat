;; cwd.wat - prints the working directory WASIX getcwd reports, and a
;; newline (--cwd sets it for the first process).
(module
  (import "wasix_32v1" "getcwd" (func $getcwd (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i32)
    (i32.store (i32.const 8) (i32.const 200))          ;; capacity
    (if (call $getcwd (i32.const 64) (i32.const 8)) (then (unreachable)))
    (local.set $n (i32.load (i32.const 8)))
    (i32.store8 (i32.add (i32.const 64) (local.get $n)) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 64))           ;; iovec buf
    (i32.store (i32.const 4) (i32.add (local.get $n) (i32.const 1)))
    (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16))
      (then (unreachable)))))
