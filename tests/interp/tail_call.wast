;; wast2json: --enable-tail-call
;; Tail calls run in constant frame-stack space: chains far longer than
;; the frame stack (65,536 frames) complete, arguments move to the frame's
;; first slots in order (also when they overlap or swap), the callee may
;; need a larger frame, and a tail call may reach a host function.
(module
  (import "spectest" "print_i32" (func $print_i32 (param i32)))
  (type $ii (func (param i64 i64) (result i64)))
  (table funcref (elem $even-ind $odd-ind))

  (func $even (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  (func (export "even") (param i64) (result i32) (call $even (local.get 0)))

  (func $even-ind (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $ii)
        (i64.sub (local.get 0) (i64.const 1))
        (i64.add (local.get 1) (i64.const 2)) (i32.const 1)))))
  (func $odd-ind (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $ii)
        (i64.sub (local.get 0) (i64.const 1))
        (i64.sub (local.get 1) (i64.const 1)) (i32.const 0)))))
  (func (export "indirect") (param i64) (result i64)
    (call $even-ind (local.get 0) (i64.const 0)))

  ;; Arguments swapped on every step: (a, b) -> (b, a - 1).
  (func $swap (param $a i32) (param $b i32) (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.sub (i32.mul (local.get $a) (i32.const 1000)) (local.get $b)))
      (else (return_call $swap (local.get $b)
                               (i32.sub (local.get $a) (i32.const 1))
                               (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "swap") (param i32) (result i32)
    (call $swap (i32.const 500) (i32.const 7) (local.get 0)))

  ;; The callee has more parameters and locals than the caller's frame.
  (func $wide (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 8 (i64.const 1))
    (i32.add (i32.add (i32.add (local.get 0) (local.get 1))
                      (i32.add (local.get 2) (local.get 3)))
             (i32.add (i32.add (local.get 4) (local.get 5))
                      (i32.add (local.get 6) (local.get 7)))))
  (func $narrow (param i32) (result i32)
    (return_call $wide (local.get 0) (i32.const 1) (i32.const 2) (i32.const 3)
                       (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7)))
  (func (export "widen") (param i32) (result i32)
    (i32.add (call $narrow (local.get 0)) (i32.const 1000)))

  ;; A tail call to a host function; the caller's value is intact after.
  (func $to-host (param i32) (return_call $print_i32 (local.get 0)))
  (func (export "host") (param i32) (result i32) (local $k i32)
    (local.set $k (i32.const 77))
    (call $to-host (local.get 0))
    (i32.add (local.get $k) (local.get 0)))

  ;; return_call_indirect traps as call_indirect does.
  (func (export "bad-index") (result i64)
    (return_call_indirect (type $ii) (i64.const 0) (i64.const 0) (i32.const 9)))
  (type $v (func (result i32)))
  (func (export "bad-type") (result i32)
    (return_call_indirect (type $v) (i32.const 0)))

  ;; Plain recursion of the same depth does exhaust the frame stack.
  (func $count (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
      (else (i64.add (call $count (i64.sub (local.get 0) (i64.const 1)))
                     (i64.const 1)))))
  (func (export "count") (param i64) (result i64) (call $count (local.get 0)))
)

(assert_return (invoke "even" (i64.const 1000000)) (i32.const 1))
(assert_return (invoke "even" (i64.const 1000001)) (i32.const 0))
(assert_return (invoke "indirect" (i64.const 1000000)) (i64.const 500000))
(assert_return (invoke "indirect" (i64.const 3)) (i64.const 3))
(assert_return (invoke "swap" (i32.const 0)) (i32.const 499993))
(assert_return (invoke "swap" (i32.const 1)) (i32.const 6501))
(assert_return (invoke "swap" (i32.const 2)) (i32.const 498994))
(assert_return (invoke "swap" (i32.const 200001)) (i32.const -99893499))
(assert_return (invoke "widen" (i32.const 10)) (i32.const 1038))
(assert_return (invoke "host" (i32.const 3)) (i32.const 80))
(assert_trap (invoke "bad-index") "undefined element")
(assert_trap (invoke "bad-type") "indirect call type mismatch")
(assert_exhaustion (invoke "count" (i64.const 1000000)) "call stack exhausted")
