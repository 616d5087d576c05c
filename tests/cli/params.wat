;; params.wat - a _start that takes a parameter cannot be run as a
;; command; --invoke can call it.
(module
  (func (export "_start") (param i32)))
