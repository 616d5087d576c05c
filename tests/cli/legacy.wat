;; legacy.wat - a module for `inspect`: a wasix_32v1 import in a legacy
;; shape (the 2-argument proc_join of 2022-23 builds), one no runtime
;; provides, a shared imported memory, multi-value and a passive segment.
(module
  (import "wasix_32v1" "proc_join" (func (param i32 i32) (result i32)))
  (import "wasix_32v1" "no_such_call" (func))
  (import "wasix_32v1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "env" "memory" (memory 1 16 shared))
  (data "passive")
  (func (export "pair") (result i32 i32) (i32.const 1) (i32.const 2)))
