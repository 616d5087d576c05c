;; deep_trap.wat - _start -> outer -> middle -> inner, which divides by zero:
;; the trap message shows all four frames by name.
(module
  (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func $middle (param i32) (result i32) (call $inner (local.get 0)))
  (func $outer (param i32) (result i32) (call $middle (local.get 0)))
  (func $start (export "_start") (drop (call $outer (i32.const 0)))))
