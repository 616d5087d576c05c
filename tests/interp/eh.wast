;; wast2json: --enable-exceptions --enable-tail-call
;; Exception handling (legacy encoding: wast2json cannot write exnref)
;; against the slot code: payloads written into label slots, fused code in
;; try bodies, frames of different sizes unwound, hidden exnref slots per
;; catch depth, delegate chains, tail calls leaving a try, and many
;; exceptions (the collector of runtime/exn.c).
(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e3 (param i32 i64 f64))
  (tag $big (param i32 i32 i32 i32 i32 i32))

  (func $throw1 (param i32) (local i64 i64 i64 i64)
    (local.set 1 (i64.const 99))
    (throw $e1 (i32.add (local.get 0) (i32.const 1))))
  (func $deep (param $n i32) (result i32)
    (local f64 f64 f64 f64 f64 f64)
    (if (i32.eqz (local.get $n)) (then (call $throw1 (i32.const 41))))
    (i32.add (call $deep (i32.sub (local.get $n) (i32.const 1))) (i32.const 1000)))

  ;; A throw through 50 frames; the catching frame's locals are intact.
  (func (export "unwind-deep") (param i32) (result i32) (local $keep i32)
    (local.set $keep (i32.const 7))
    (i32.add (local.get $keep)
      (try (result i32)
        (do (call $deep (local.get 0)))
        (catch $e1))))

  ;; A throw from a loop whose branch is a fused compare.
  (func (export "loop-throw") (param $n i32) (result i32) (local $i i32)
    (try (result i32)
      (do
        (loop $l
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (if (i32.eq (local.get $i) (local.get $n))
            (then (throw $e1 (i32.mul (local.get $i) (i32.const 3)))))
          (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))
        (i32.const -1))
      (catch $e1 (i32.add (i32.const 1)))))

  ;; Several payload values, in order.
  (func (export "multi") (result i32 i64 f64)
    (try (result i32 i64 f64)
      (do (throw $e3 (i32.const 1) (i64.const -2) (f64.const 3.5)))
      (catch $e3)))
  (func (export "big") (result i32)
    (try (result i32)
      (do (throw $big (i32.const 1) (i32.const 2) (i32.const 3)
                      (i32.const 4) (i32.const 5) (i32.const 6)))
      (catch $big
        (i32.sub) (i32.sub) (i32.sub) (i32.sub) (i32.sub))))

  ;; rethrow by depth: the inner catch rethrows the outer catch's
  ;; exception (each catch depth keeps its own exnref).
  (func (export "rethrow-outer") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e1 (i32.const 10)))
          (catch $e1
            (drop)
            (try (result i32)
              (do (throw $e1 (i32.const 20)))
              (catch $e1 (drop) (rethrow 1))))))
      (catch $e1)))

  ;; catch_all, then a rethrow caught by a try around it.
  (func (export "catch-all-rethrow") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw1 (i32.const 4)) (i32.const 0))
          (catch_all (rethrow 0))))
      (catch $e1 (i32.const 100) (i32.add))))

  ;; delegate to the function label: the caller catches it.
  (func $delegating
    (try (do (try (do (throw $e0)) (delegate 1))) (catch_all (unreachable))))
  (func (export "delegate-out") (result i32)
    (try (result i32) (do (call $delegating) (i32.const 0))
      (catch $e0 (i32.const 1))))

  ;; delegate from inside a catch body skips the try whose catch it is in.
  (func (export "delegate-from-catch") (result i32)
    (try $outer (result i32)
      (do
        (try $mid (result i32)
          (do (throw $e0))
          (catch $e0
            (try (result i32) (do (throw $e1 (i32.const 5))) (delegate $mid)))))
      (catch $e1 (i32.const 50) (i32.add))))

  ;; A tail call leaves the try: the callee's exception is not caught
  ;; here but by this function's caller.
  (func $tail-in-try (result i32)
    (try (result i32)
      (do (return_call $deep (i32.const 3)))
      (catch $e1 (i32.const -1000) (i32.add))))
  (func (export "tail-leaves-try") (result i32)
    (try (result i32) (do (call $tail-in-try)) (catch $e1)))

  ;; Traps are not exceptions.
  (func (export "trap-not-caught") (result i32)
    (try (result i32) (do (unreachable)) (catch_all (i32.const 1))))
  (func (export "div-not-caught") (param i32) (result i32)
    (try (result i32) (do (i32.div_u (i32.const 1) (local.get 0)))
      (catch_all (i32.const 1))))

  ;; Many exceptions, some kept in hidden slots while more are thrown.
  (func (export "many") (param $n i32) (result i32) (local $sum i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum)
        (try (result i32)
          (do (throw $e1 (local.get $n)))
          (catch $e1
            (try (result i32) (do (throw $e1 (i32.const 1)))
              (catch $e1))
            (i32.add)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $sum))

  ;; An exception from call_indirect, caught with a try that has params.
  (table funcref (elem $throw1))
  (func (export "indirect") (param i32) (result i32)
    (local.get 0)
    (try (param i32) (result i32)
      (do (call_indirect (param i32) (i32.const 0)) (i32.const 0))
      (catch $e1)))

  (func (export "uncaught") (throw $e1 (i32.const 1)))

  ;; Calls in a catch body do not clobber the exnref rethrow needs (the
  ;; callee's frame starts at the caller's operand stack).
  (func $busy (param i32) (result i32) (local i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.const 0x1234))
    (local.set 6 (i64.const 0x1234))
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "call-then-rethrow") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (throw $e1 (i32.const 3)))
          (catch $e1
            (drop (call $busy (call $busy (i32.const 1))))
            (try (do (throw $e0)) (catch_all (drop (call $busy (i32.const 0)))))
            (rethrow 0))))
      (catch $e1)))
)

(assert_return (invoke "unwind-deep" (i32.const 50)) (i32.const 49))
(assert_return (invoke "unwind-deep" (i32.const 0)) (i32.const 49))
(assert_return (invoke "loop-throw" (i32.const 17)) (i32.const 52))
(assert_return (invoke "loop-throw" (i32.const 5000)) (i32.const -1))
(assert_return (invoke "multi") (i32.const 1) (i64.const -2) (f64.const 3.5))
(assert_return (invoke "big") (i32.const -3))
(assert_return (invoke "rethrow-outer") (i32.const 10))
(assert_return (invoke "catch-all-rethrow") (i32.const 105))
(assert_return (invoke "delegate-out") (i32.const 1))
(assert_return (invoke "delegate-from-catch") (i32.const 55))
(assert_return (invoke "tail-leaves-try") (i32.const 42))
(assert_trap (invoke "trap-not-caught") "unreachable")
(assert_trap (invoke "div-not-caught" (i32.const 0)) "integer divide by zero")
(assert_return (invoke "div-not-caught" (i32.const 1)) (i32.const 1))
(assert_return (invoke "many" (i32.const 5000)) (i32.const 12507500))
(assert_return (invoke "indirect" (i32.const 8)) (i32.const 9))
(assert_exception (invoke "uncaught"))
(assert_return (invoke "many" (i32.const 3)) (i32.const 9))
(assert_return (invoke "call-then-rethrow") (i32.const 3))
