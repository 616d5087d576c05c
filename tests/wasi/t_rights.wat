;; t_rights.wat - what an old wasi_unstable program (and any libc that
;; checks rights) asks of a preopen mapped at "/": its fdstat rights must
;; cover the path rights it uses and, as inheriting, the file rights it
;; will ask for; a file opened with the rights a libc asks gets them; an
;; absolute path given with the "/" preopen resolves beneath it.  Needs
;; file.txt in the preopen (fd 3, guest path "/").  Exits 0 when all
;; checks pass, else with the number of the failed check.
(module
  (import "wasi_unstable" "fd_fdstat_get"
    (func $fdstat (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_open"
    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "path_create_directory"
    (func $mkdir (param i32 i32 i32) (result i32)))
  (import "wasi_unstable" "path_filestat_get"
    (func $pfg (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "file.txt")
  (data (i32.const 32) "/test-dir")
  (data (i32.const 48) "/file.txt")
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  ;; (fdstat field at `off` & mask) == mask
  (func $has (param $off i32) (param $mask i64) (result i32)
    (i64.eq (i64.and (i64.load (local.get $off)) (local.get $mask))
            (local.get $mask)))
  (func (export "_start") (local $fd i32)
    (call $check (i32.eqz (call $fdstat (i32.const 3) (i32.const 100)))
      (i32.const 10))
    (call $check (i32.eq (i32.load8_u (i32.const 100)) (i32.const 3))
      (i32.const 11))
    ;; base: PATH_CREATE_DIRECTORY|PATH_CREATE_FILE|PATH_OPEN|FD_READDIR|
    ;; PATH_FILESTAT_GET|PATH_UNLINK_FILE|PATH_REMOVE_DIRECTORY|...
    (call $check (call $has (i32.const 108) (i64.const 0x07ffe600))
      (i32.const 12))
    ;; inheriting: every file right (FD_READ, FD_SEEK, FD_WRITE, ...)
    (call $check (call $has (i32.const 116) (i64.const 0x08e001ff))
      (i32.const 13))
    ;; open file.txt as old wasi-libc does for O_RDONLY: base every right
    ;; but the write ones, inheriting what the preopen inherits
    (call $check (i32.eqz (call $open (i32.const 3) (i32.const 1)
      (i32.const 16) (i32.const 8) (i32.const 0)
      (i64.and (i64.load (i32.const 116)) (i64.const 0x3fbffebe))
      (i64.load (i32.const 116)) (i32.const 0) (i32.const 200)))
      (i32.const 20))
    (local.set $fd (i32.load (i32.const 200)))
    (call $check (i32.eqz (call $fdstat (local.get $fd) (i32.const 100)))
      (i32.const 21))
    ;; FD_READ|FD_SEEK|FD_TELL|FD_FILESTAT_GET, and no FD_WRITE
    (call $check (call $has (i32.const 108) (i64.const 0x200026))
      (i32.const 22))
    (call $check (i64.eqz (i64.and (i64.load (i32.const 108))
      (i64.const 0x40))) (i32.const 23))
    ;; absolute paths with the "/" preopen (what Rust and Zig pass)
    (call $check (i32.eqz (call $mkdir (i32.const 3) (i32.const 32)
      (i32.const 9))) (i32.const 30))
    (call $check (i32.eqz (call $pfg (i32.const 3) (i32.const 0)
      (i32.const 48) (i32.const 9) (i32.const 300))) (i32.const 31))
    (call $check (i32.eq (i32.load8_u (i32.const 316)) (i32.const 4))
      (i32.const 32))
    (call $exit (i32.const 0))))
