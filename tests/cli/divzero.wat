;; divzero.wat - _start divides by zero: "integer divide by zero".
(module
  (func $div (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "_start")
    (drop (call $div (i32.const 7) (i32.const 0)))))
