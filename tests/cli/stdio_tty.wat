;; stdio_tty.wat - the exit status says whether wasix-libc's isatty()
;; would call stdin a terminal: filetype character device (2) and
;; neither fd_seek nor fd_tell rights (0x24).  1 = "a tty", 0 = not.
(module
  (import "wasi_snapshot_preview1" "fd_fdstat_get"
    (func $fdstat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (if (call $fdstat (i32.const 0) (i32.const 0)) (then (unreachable)))
    (call $exit
      (i32.and
        (i32.eq (i32.load8_u (i32.const 0)) (i32.const 2))
        (i32.eqz (i32.and (i32.load8_u (i32.const 8)) (i32.const 0x24)))))))
