;; t_unstable.wat - a snapshot0 (wasi_unstable) module: checks the 56-byte
;; filestat (size @24, filetype @16, nlink u32 @20), the old whence
;; numbering (CUR 0, END 1, SET 2) and the 56-byte subscription (clock id
;; @24, timeout @32).  Needs file.txt = "file\n" in preopen fd 3.  Exits
;; 0 when all checks pass, else with the number of the failed check.
(module
  (import "wasi_unstable" "path_filestat_get"
    (func $pfg (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_filestat_get"
    (func $ffg (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_open"
    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek"
    (func $seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "poll_oneoff"
    (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "file.txt")
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start") (local $fd i32)
    (call $check (i32.eqz (call $pfg (i32.const 3) (i32.const 0)
      (i32.const 16) (i32.const 8) (i32.const 100))) (i32.const 10))
    (call $check (i64.eq (i64.load (i32.const 124)) (i64.const 5)) (i32.const 11))
    (call $check (i32.eq (i32.load8_u (i32.const 116)) (i32.const 4)) (i32.const 12))
    (call $check (i32.eq (i32.load (i32.const 120)) (i32.const 1)) (i32.const 13))
    ;; bytes 56..63 of a 56-byte filestat must stay untouched
    (i64.store (i32.const 156) (i64.const -1))
    (call $check (i32.eqz (call $pfg (i32.const 3) (i32.const 0)
      (i32.const 16) (i32.const 8) (i32.const 100))) (i32.const 14))
    (call $check (i64.eq (i64.load (i32.const 156)) (i64.const -1)) (i32.const 15))
    (call $check (i32.eqz (call $open (i32.const 3) (i32.const 0)
      (i32.const 16) (i32.const 8) (i32.const 0) (i64.const 0x3fffffff)
      (i64.const 0x3fffffff) (i32.const 0) (i32.const 200))) (i32.const 20))
    (local.set $fd (i32.load (i32.const 200)))
    (call $check (i32.eqz (call $ffg (local.get $fd) (i32.const 300))) (i32.const 21))
    (call $check (i64.eq (i64.load (i32.const 324)) (i64.const 5)) (i32.const 22))
    ;; SET (2) to 3
    (call $check (i32.eqz (call $seek (local.get $fd) (i64.const 3)
      (i32.const 2) (i32.const 208))) (i32.const 30))
    (call $check (i64.eq (i64.load (i32.const 208)) (i64.const 3)) (i32.const 31))
    ;; CUR (0) +1
    (call $check (i32.eqz (call $seek (local.get $fd) (i64.const 1)
      (i32.const 0) (i32.const 208))) (i32.const 32))
    (call $check (i64.eq (i64.load (i32.const 208)) (i64.const 4)) (i32.const 33))
    ;; END (1) -5
    (call $check (i32.eqz (call $seek (local.get $fd) (i64.const -5)
      (i32.const 1) (i32.const 208))) (i32.const 34))
    (call $check (i64.eq (i64.load (i32.const 208)) (i64.const 0)) (i32.const 35))
    (call $check (i32.eq (call $seek (local.get $fd) (i64.const 0)
      (i32.const 3) (i32.const 208)) (i32.const 28)) (i32.const 36))
    ;; poll: subscription at 400: userdata 0x55, tag 0 (clock),
    ;; identifier @16, clock id @24 = 1, timeout @32 = 1 ms, flags @48 = 0
    (i64.store (i32.const 400) (i64.const 0x55))
    (i32.store8 (i32.const 408) (i32.const 0))
    (i64.store (i32.const 416) (i64.const 0))
    (i32.store (i32.const 424) (i32.const 1))
    (i64.store (i32.const 432) (i64.const 1000000))
    (i64.store (i32.const 440) (i64.const 0))
    (i32.store16 (i32.const 448) (i32.const 0))
    (call $check (i32.eqz (call $poll (i32.const 400) (i32.const 500)
      (i32.const 1) (i32.const 600))) (i32.const 40))
    (call $check (i32.eq (i32.load (i32.const 600)) (i32.const 1)) (i32.const 41))
    (call $check (i64.eq (i64.load (i32.const 500)) (i64.const 0x55)) (i32.const 42))
    (call $check (i32.eqz (i32.load16_u (i32.const 508))) (i32.const 43))
    (call $exit (i32.const 0)))
)
