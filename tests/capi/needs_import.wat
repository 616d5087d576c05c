;; needs_import.wat - imports a function nobody defines: a link error.
(module
  (import "nowhere" "missing_fn" (func (param i32)))
  (func (export "f")))
