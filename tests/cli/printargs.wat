;; printargs.wat - prints each argument, then each environment variable, one
;; per line: "arg:VALUE" / "env:NAME=VALUE".
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get"
    (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get"
    (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (data (i32.const 16) "arg:env:\n")
  ;; write len bytes at ptr to stdout
  (func $put (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; print `count` NUL-terminated strings whose pointers are at $ptrs,
  ;; each after the 4-byte prefix at $prefix
  (func $dump (param $ptrs i32) (param $count i32) (param $prefix i32)
    (local $i i32) (local $s i32) (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $s (i32.load (i32.add (local.get $ptrs)
                                         (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $n (i32.const 0))
        (block $end
          (loop $len
            (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $len)))
        (call $put (local.get $prefix) (i32.const 4))
        (call $put (local.get $s) (local.get $n))
        (call $put (i32.const 24) (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
  (func (export "_start")
    ;; argv pointers at 1024, strings at 8192; environ at 4096 / 65536
    (drop (call $args_sizes_get (i32.const 32) (i32.const 36)))
    (drop (call $args_get (i32.const 1024) (i32.const 8192)))
    (call $dump (i32.const 1024) (i32.load (i32.const 32)) (i32.const 16))
    (drop (call $environ_sizes_get (i32.const 40) (i32.const 44)))
    (drop (call $environ_get (i32.const 4096) (i32.const 65536)))
    (call $dump (i32.const 4096) (i32.load (i32.const 40)) (i32.const 20))))
