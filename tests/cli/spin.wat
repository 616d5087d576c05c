;; spin.wat - never ends: _start and an export loop forever (--timeout).
(module
  (func (export "_start") (loop $l (br $l)))
  (func (export "spin") (result i32) (loop $l (br $l)) (i32.const 0)))
