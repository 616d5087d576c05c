;; simd_fused.wast - the SIMD shapes of vectorised loops that the function
;; compiler fuses (src/interp/compile_simd.c): a v128.load into the
;; operation that consumes it (_m), that with the store back to the same
;; address (_to), a multiply by a loaded vector added into memory
;; (fma_to) with the pointer step before it (fma_to_a, _ai), and shapes
;; that must not fuse (another address, the operand order of sub, the
;; value used again).  Every result is what the unfused instructions
;; compute; traps leave memory as they would.

(module
  (memory 1)
  ;; f64 1.0 2.0 at 0, 10.0 20.0 at 16, f32 1 2 3 4 at 32, i32 1 2 3 4 at 48
  (data (i32.const 0) "\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\00\40")
  (data (i32.const 16) "\00\00\00\00\00\00\24\40\00\00\00\00\00\00\34\40")
  (data (i32.const 32) "\00\00\80\3f\00\00\00\40\00\00\40\40\00\00\80\40")
  (data (i32.const 48) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")

  ;; load as the second operand: _m
  (func (export "mul_m") (param $p i32) (result f64)
    (f64x2.extract_lane 1
      (f64x2.mul (f64x2.splat (f64.const 3)) (v128.load (local.get $p)))))
  ;; load as the first operand of a commutative op
  (func (export "add_m_first") (param $p i32) (result f64)
    (local $x v128)
    (local.set $x (f64x2.splat (f64.const 0.5)))
    (f64x2.extract_lane 0 (f64x2.add (v128.load (local.get $p)) (local.get $x))))
  ;; sub's first operand loaded: not commutative, must stay p - x
  (func (export "sub_first") (param $p i32) (result f64)
    (local $x v128)
    (local.set $x (f64x2.splat (f64.const 0.5)))
    (f64x2.extract_lane 0 (f64x2.sub (v128.load (local.get $p)) (local.get $x))))
  ;; x - mem: _m with the load second
  (func (export "sub_m") (param $p i32) (result f64)
    (f64x2.extract_lane 1 (f64x2.sub (f64x2.splat (f64.const 100)) (v128.load (local.get $p)))))
  ;; p[i] += x and friends: _to
  (func (export "add_to") (param $p i32) (param $x f64)
    (v128.store (local.get $p)
      (f64x2.add (f64x2.splat (local.get $x)) (v128.load (local.get $p)))))
  (func (export "sub_to") (param $p i32) (param $x f32)
    (v128.store (local.get $p)
      (f32x4.sub (f32x4.splat (local.get $x)) (v128.load (local.get $p)))))
  (func (export "iadd_to") (param $p i32) (param $x i32)
    (v128.store offset=16 (local.get $p)
      (i32x4.add (i32x4.splat (local.get $x)) (v128.load offset=16 (local.get $p)))))
  ;; stored to another address: no _to
  (func (export "add_elsewhere") (param $p i32) (param $q i32)
    (v128.store (local.get $q)
      (f64x2.add (f64x2.splat (f64.const 1)) (v128.load (local.get $p)))))
  ;; C[a] += s * B[b]: fma_to; with the pointer step before it: _a, _ai
  (func (export "fma") (param $a i32) (param $b i32) (param $s f64)
    (v128.store (local.get $a)
      (f64x2.add (f64x2.mul (f64x2.splat (local.get $s)) (v128.load (local.get $b)))
                 (v128.load (local.get $a)))))
  (func (export "fma_a") (param $a i32) (param $i i32) (param $s f64) (result i32)
    (local $p i32) (local $v v128)
    (local.set $v (f64x2.splat (local.get $s)))
    (local.set $p (i32.add (local.get $a) (local.get $i)))
    (v128.store (local.get $p)
      (f64x2.add (f64x2.mul (local.get $v) (v128.load (local.get $i)))
                 (v128.load (local.get $p))))
    (local.get $p))
  (func (export "fma_ai32") (param $a i32) (param $s f32) (result i32)
    (local $p i32) (local $v v128)
    (local.set $v (f32x4.splat (local.get $s)))
    (local.set $p (i32.add (local.get $a) (i32.const 16)))
    (v128.store (local.get $p)
      (f32x4.add (f32x4.mul (local.get $v) (v128.load (local.get $a)))
                 (v128.load (local.get $p))))
    (local.get $p))
  (func (export "f64") (param $p i32) (result f64) (f64.load (local.get $p)))
  (func (export "f32") (param $p i32) (result f32) (f32.load (local.get $p)))
  (func (export "i32") (param $p i32) (result i32) (i32.load (local.get $p)))
)

(assert_return (invoke "mul_m" (i32.const 0)) (f64.const 6))
(assert_return (invoke "add_m_first" (i32.const 16)) (f64.const 10.5))
(assert_return (invoke "sub_first" (i32.const 16)) (f64.const 9.5))
(assert_return (invoke "sub_m" (i32.const 16)) (f64.const 80))
(assert_trap (invoke "mul_m" (i32.const 65530)) "out of bounds memory access")

(invoke "add_to" (i32.const 0) (f64.const 0.25))
(assert_return (invoke "f64" (i32.const 0)) (f64.const 1.25))
(assert_return (invoke "f64" (i32.const 8)) (f64.const 2.25))
(invoke "sub_to" (i32.const 32) (f32.const 10))
(assert_return (invoke "f32" (i32.const 32)) (f32.const 9))
(assert_return (invoke "f32" (i32.const 44)) (f32.const 6))
(invoke "iadd_to" (i32.const 32) (i32.const 10))
(assert_return (invoke "i32" (i32.const 48)) (i32.const 11))
(assert_return (invoke "i32" (i32.const 60)) (i32.const 14))
(invoke "add_elsewhere" (i32.const 16) (i32.const 64))
(assert_return (invoke "f64" (i32.const 16)) (f64.const 10))
(assert_return (invoke "f64" (i32.const 64)) (f64.const 11))
(assert_return (invoke "f64" (i32.const 72)) (f64.const 21))

;; memory now: f64 1.25 2.25 at 0, 10 20 at 16
(invoke "fma" (i32.const 16) (i32.const 0) (f64.const 2))
(assert_return (invoke "f64" (i32.const 16)) (f64.const 12.5))
(assert_return (invoke "f64" (i32.const 24)) (f64.const 24.5))
;; a = 16, i = 0: p = 16; C[16] += 4 * B[0]
(assert_return (invoke "fma_a" (i32.const 16) (i32.const 0) (f64.const 4)) (i32.const 16))
(assert_return (invoke "f64" (i32.const 16)) (f64.const 17.5))
(assert_return (invoke "f64" (i32.const 24)) (f64.const 33.5))
;; f32 at 32: 9 8 7 6; p = 48 holds the i32s 11..14, tiny f32s: 2 * 9 + tiny
(assert_return (invoke "fma_ai32" (i32.const 32) (f32.const 2)) (i32.const 48))
(assert_return (invoke "f32" (i32.const 48)) (f32.const 18))
;; B out of bounds: trap, C untouched; C out of bounds, B not: trap, nothing stored
(assert_trap (invoke "fma" (i32.const 16) (i32.const 65528) (f64.const 2)) "out of bounds memory access")
(assert_return (invoke "f64" (i32.const 16)) (f64.const 17.5))
(assert_trap (invoke "fma" (i32.const 65528) (i32.const 0) (f64.const 2)) "out of bounds memory access")
(assert_trap (invoke "fma_a" (i32.const 65000) (i32.const 600) (f64.const 2)) "out of bounds memory access")
