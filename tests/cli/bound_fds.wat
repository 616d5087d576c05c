;; bound_fds.wat - opens /dev/null (through the /dev preopen, fd 3) until
;; an open fails: exit status 0 when it failed with EMFILE right after fd
;; 1023 (the default --max-fds), else 1 (another errno) or 2 (another fd).
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "null")
  (func (export "_start")
    (local $err i32) (local $last i32)
    (local.set $last (i32.const -1))
    (block $done
      (loop $next
        (local.set $err
          (call $path_open (i32.const 3) (i32.const 0) (i32.const 16)
            (i32.const 4) (i32.const 0) (i64.const 2) (i64.const 0)
            (i32.const 0) (i32.const 0)))
        (br_if $done (local.get $err))
        (local.set $last (i32.load (i32.const 0)))
        (br $next)))
    ;; WASI EMFILE is 33
    (if (i32.ne (local.get $err) (i32.const 33))
      (then (call $exit (i32.const 1))))
    (if (i32.ne (local.get $last) (i32.const 1023))
      (then (call $exit (i32.const 2))))
    (call $exit (i32.const 0))))
