;; spin_start.wat - a program that never ends: for timeouts.
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop $l (br $l))))
