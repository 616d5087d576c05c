;; start_trap.wat - the start function traps: instantiation returns the trap.
(module
  (func $boom unreachable)
  (start $boom))
