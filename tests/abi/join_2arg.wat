;; proc_join of 2022-23 (pid_ptr in/out, exit_code_ptr), always blocking:
;; u32::MAX waits for any child and writes back its pid; a given pid
;; waits for that one; with no child left: ECHILD (12).
;; Memory: [0] fork pid, [8] join pid, [12] exit code, [16] second child.
(module
  (import "wasix_32v1" "proc_fork" (func $fork (param i32 i32) (result i32)))
  (import "wasix_32v1" "proc_join" (func $join (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func $child (param $code i32) (param $slot i32)
    (call $check (i32.eqz (call $fork (i32.const 1) (local.get $slot))) (i32.const 10))
    (if (i32.eqz (i32.load (local.get $slot))) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (call $child (i32.const 7) (i32.const 0))
    (i32.store (i32.const 8) (i32.const -1))
    (call $check (i32.eqz (call $join (i32.const 8) (i32.const 12))) (i32.const 11))
    (call $check (i32.eq (i32.load (i32.const 8)) (i32.load (i32.const 0))) (i32.const 12))
    (call $check (i32.eq (i32.load (i32.const 12)) (i32.const 7)) (i32.const 13))
    (call $child (i32.const 9) (i32.const 16))
    (i32.store (i32.const 8) (i32.load (i32.const 16)))
    (call $check (i32.eqz (call $join (i32.const 8) (i32.const 12))) (i32.const 14))
    (call $check (i32.eq (i32.load (i32.const 12)) (i32.const 9)) (i32.const 15))
    (i32.store (i32.const 8) (i32.const -1))
    (call $check (i32.eq (call $join (i32.const 8) (i32.const 12)) (i32.const 12)) (i32.const 16))
    (call $exit (i32.const 0))))
