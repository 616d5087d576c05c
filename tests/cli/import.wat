;; import.wat - imports a function no host provides: linking fails and
;; the message names the import.
(module
  (import "wasi_nowhere" "no_such_fn" (func $f (param i32)))
  (func (export "_start") (call $f (i32.const 1))))
