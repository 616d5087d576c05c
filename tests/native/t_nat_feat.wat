;; The native tier's tail calls and exception handling, run in both tiers
;; by tests/native/feat.sh (results and trap lines must match).
(module
  (type $ii (func (param i64 i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $even_i $odd_i)
  (tag $e (param i64))
  (tag $e2 (param i32 i64))

  ;; n self tail calls: constant stack only if return_call reuses it
  (func $loop (export "loop") (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call $loop (i64.sub (local.get $n) (i64.const 1))
                       (i64.add (local.get $acc) (i64.const 3))))

  ;; mutual recursion through return_call
  (func $even (export "even") (param $n i64) (result i32)
    (if (i64.eqz (local.get $n)) (then (return (i32.const 1))))
    (return_call $odd (i64.sub (local.get $n) (i64.const 1))))
  (func $odd (param $n i64) (result i32)
    (if (i64.eqz (local.get $n)) (then (return (i32.const 0))))
    (return_call $even (i64.sub (local.get $n) (i64.const 1))))

  ;; mutual recursion through return_call_indirect (table 0: even, 1: odd)
  (func $even_i (type $ii) (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect (type $ii) (i64.sub (local.get $n) (i64.const 1))
      (i64.add (local.get $acc) (i64.const 1)) (i32.const 1)))
  (func $odd_i (type $ii) (param $n i64) (param $acc i64) (result i64)
    (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
    (return_call_indirect (type $ii) (i64.sub (local.get $n) (i64.const 1))
      (i64.add (local.get $acc) (i64.const 2)) (i32.const 0)))
  (func (export "indirect") (param $n i64) (result i64)
    (call_indirect (type $ii) (local.get $n) (i64.const 0) (i32.const 0)))

  ;; a tail call out of a try leaves its handler: the throw in the callee
  ;; goes to the caller's handler, which adds 7
  (func $thrower (param i64) (result i64) (throw $e (local.get 0)))
  (func $tail_in_try (param i64) (result i64)
    (try (result i64)
      (do (return_call $thrower (local.get 0)))
      (catch $e (drop) (i64.const -1000))))
  (func (export "tail_try") (param i64) (result i64)
    (try (result i64)
      (do (call $tail_in_try (local.get 0)))
      (catch $e (i64.add (i64.const 7)))))

  ;; n exceptions thrown and caught while a caught one waits in a catch
  ;; body for rethrow: it must survive the collections they cause
  (func $throw_catch (param i64) (result i64)
    (try (result i64)
      (do (throw $e (local.get 0)))
      (catch $e)))
  (func (export "many") (param $n i64) (result i64)
    (local $i i64) (local $s i64)
    (try (result i64)
      (do
        (try (result i64)
          (do (throw $e (i64.const 1000)))
          (catch $e
            (drop)
            (loop $l
              (local.set $s (i64.add (local.get $s)
                (call $throw_catch (local.get $i))))
              (local.set $i (i64.add (local.get $i) (i64.const 1)))
              (br_if $l (i64.lt_u (local.get $i) (local.get $n))))
            (rethrow 0))))
      (catch $e (i64.add (local.get $s)))))

  ;; legacy: rethrow from a catch, caught outside; delegate past a try
  (func (export "legacy") (param i32) (result i64) (local i64)
    (try (result i64)
      (do
        (try (result i64)
          (do (try (result i64)
                (do (throw $e2 (local.get 0) (i64.const 40)))
                (delegate 1)))
          (catch $e2 (drop) (drop) (i64.const -100))))
      (catch $e2
        (local.set 1) (local.set 0)
        (i64.add (i64.extend_i32_u (local.get 0)) (local.get 1)))))

  ;; a trap is not caught by catch_all
  (func (export "trap_in_try") (result i32)
    (try (result i32)
      (do (unreachable))
      (catch_all (i32.const 1))))
  ;; an uncaught exception leaves the call
  (func (export "uncaught") (throw $e (i64.const 5)))
)
