;; unreachable.wat - _start reaches `unreachable` through a call:
;; exit status 134, "unreachable" on stderr.
(module
  (func $inner (unreachable))
  (func (export "_start") (call $inner)))
