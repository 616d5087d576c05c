;; fork_spin.wat - forks (WASIX proc_fork), then parent and child both loop
;; forever with stdout open: --timeout must end both.
(module
  (import "wasix_32v1" "proc_fork" (func $fork (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $fork (i32.const 1) (i32.const 0)))
    (loop $l (br $l))))
