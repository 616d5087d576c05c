;; invalid.wat - well-formed but invalid: the body leaves no i32 for the
;; declared result.  Assembled with wat2wasm --no-check.
(module
  (func (export "_start") (result i32)))
