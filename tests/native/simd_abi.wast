;; v128 where the native tier's C meets the host ABI, in which a v128 takes
;; two 64-bit slots, low half first: the entry trampolines (parameters and
;; results of exports), multi-value result buffers, calls of imported
;; functions and of another instance's functions through a table (both go
;; through the runtime), v128 globals (both words), and v128 values that
;; ride on labels, select and deep C argument lists.  Run with
;; SPEC_TIER=native by tests/native/run.sh.
(module $A
  (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
  (table $t (export "t") 2 funcref)
  (elem (i32.const 0) $add $swap3)
  (func $add (export "add") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))
  ;; results in reverse order, a scalar between the vectors
  (func $swap3 (export "swap3") (param v128 i32 v128) (result v128 i32 v128)
    (local.get 2) (local.get 1) (local.get 0))
  (func (export "get-g") (result v128) (global.get $g))
  (func (export "set-g") (param v128) (global.set $g (local.get 0))))
(register "A" $A)

(assert_return (invoke "swap3" (v128.const i64x2 1 2) (i32.const 7)
                               (v128.const i64x2 3 4))
  (v128.const i64x2 3 4) (i32.const 7) (v128.const i64x2 1 2))

(module $B
  (import "A" "add" (func $add (param v128 v128) (result v128)))
  (import "A" "swap3" (func $swap3 (param v128 i32 v128)
                                   (result v128 i32 v128)))
  (import "A" "g" (global $g (mut v128)))
  (import "A" "t" (table $t 2 funcref))
  (type $tadd (func (param v128 v128) (result v128)))
  (type $tswap (func (param v128 i32 v128) (result v128 i32 v128)))

  ;; an imported function: the arguments and result through the runtime
  (func (export "call-import") (param v128 v128) (result v128)
    (call $add (local.get 0) (local.get 1)))
  ;; several results through the runtime, then recombined
  (func (export "call-import-multi") (result v128) (local v128 i32 v128)
    (call $swap3 (v128.const i32x4 1 2 3 4) (i32.const 10)
                 (v128.const i32x4 100 200 300 400))
    (local.set 2) (local.set 1) (local.set 0)
    (i32x4.sub (local.get 0) (local.get 2)))
  ;; another instance's functions through its table
  (func (export "call-table") (param v128 v128) (result v128)
    (call_indirect $t (type $tadd) (local.get 0) (local.get 1)
                   (i32.const 0)))
  (func (export "call-table-multi") (result i32) (local v128 i32 v128)
    (call_indirect $t (type $tswap) (v128.const i32x4 5 6 7 8)
                   (i32.const 3) (v128.const i32x4 9 10 11 12)
                   (i32.const 1))
    (local.set 2) (local.set 1) (local.set 0)
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get 0)) (local.get 1))
             (i32x4.extract_lane 3 (local.get 2))))
  ;; an imported v128 global: both words
  (func (export "bump-g")
    (global.set $g (i64x2.add (global.get $g)
                              (v128.const i64x2 0x100000000 -1))))
  (func (export "read-g") (result v128) (global.get $g)))

(assert_return (invoke "call-import" (v128.const i32x4 1 2 3 4)
                                     (v128.const i32x4 10 20 30 0x7fffffff))
  (v128.const i32x4 11 22 33 0x80000003))
(assert_return (invoke "call-import-multi")
  (v128.const i32x4 99 198 297 396))
(assert_return (invoke "call-table" (v128.const i64x2 -1 5)
                                    (v128.const i64x2 1 6))
  (v128.const i32x4 0 -1 11 0))
;; 9 + 3 + 8
(assert_return (invoke "call-table-multi") (i32.const 20))
(assert_return (invoke "read-g") (v128.const i32x4 1 2 3 4))
(invoke "bump-g")
;; low half: 0x0000000200000001 + 0x100000000; high: 0x0000000400000003 - 1
(assert_return (invoke "read-g") (v128.const i32x4 1 3 2 4))
(assert_return (invoke $A "get-g") (v128.const i32x4 1 3 2 4))
(invoke $A "set-g" (v128.const i64x2 -2 -3))
(assert_return (invoke "read-g") (v128.const i64x2 -2 -3))

(module
  (memory 1)
  ;; v128 carried by block and loop parameters and results, br_table
  ;; and br_if values, typed and untyped select
  (func (export "labels") (param i32) (result v128)
    (v128.const i32x4 1 1 1 1)
    (block (param v128) (result v128)
      (block (param v128) (result v128)
        (br_table 0 1 (local.get 0)))
      (i32x4.add (v128.const i32x4 10 10 10 10))))
  (func (export "loop") (param i32) (result v128)
    (v128.const i32x4 0 0 0 0)
    (loop (param v128) (result v128)
      (i32x4.add (v128.const i32x4 1 2 3 4))
      (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if 0)))
  (func (export "select") (param i32) (result v128 v128)
    (select (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8)
            (local.get 0))
    (select (result v128) (v128.const f32x4 -0 -0 -0 -0)
            (v128.const f32x4 0 0 0 0) (local.get 0)))
  ;; more vector arguments than the C ABI passes in registers
  (func $many (param v128 v128 v128 v128 v128 v128 v128 v128 v128 v128
                     i32 v128)
              (result v128)
    (i32x4.add (local.get 0) (local.get 9))
    (i32x4.add (local.get 11))
    (i32x4.add (i32x4.splat (local.get 10))))
  (func (export "many") (result v128)
    (call $many (v128.const i32x4 1 0 0 0) (v128.const i32x4 2 0 0 0)
                (v128.const i32x4 3 0 0 0) (v128.const i32x4 4 0 0 0)
                (v128.const i32x4 5 0 0 0) (v128.const i32x4 6 0 0 0)
                (v128.const i32x4 7 0 0 0) (v128.const i32x4 8 0 0 0)
                (v128.const i32x4 9 0 0 0) (v128.const i32x4 0 10 0 0)
                (i32.const 100) (v128.const i32x4 0 0 0 1000)))
  ;; bounds: the whole access must fit, offset included
  (func (export "load") (param i32) (result v128)
    (v128.load offset=16 (local.get 0)))
  (func (export "store-lane") (param i32)
    (v128.store32_lane offset=4 3 (local.get 0)
                       (v128.const i32x4 1 2 3 0x01020304)))
  (func (export "load-lane") (param i32) (result v128)
    (v128.load64_lane 1 (local.get 0) (v128.const i64x2 7 7))))

(assert_return (invoke "labels" (i32.const 0)) (v128.const i32x4 11 11 11 11))
(assert_return (invoke "labels" (i32.const 1)) (v128.const i32x4 1 1 1 1))
(assert_return (invoke "labels" (i32.const 9)) (v128.const i32x4 1 1 1 1))
(assert_return (invoke "loop" (i32.const 3)) (v128.const i32x4 3 6 9 12))
(assert_return (invoke "select" (i32.const 1))
  (v128.const i32x4 1 2 3 4) (v128.const f32x4 -0 -0 -0 -0))
(assert_return (invoke "select" (i32.const 0))
  (v128.const i32x4 5 6 7 8) (v128.const f32x4 0 0 0 0))
(assert_return (invoke "many") (v128.const i32x4 101 110 100 1100))
(assert_return (invoke "load" (i32.const 65504)) (v128.const i64x2 0 0))
(assert_trap (invoke "load" (i32.const 65505)) "out of bounds memory access")
(assert_trap (invoke "load" (i32.const -16)) "out of bounds memory access")
(invoke "store-lane" (i32.const 65528))
(assert_return (invoke "load-lane" (i32.const 65528))
  (v128.const i64x2 7 0x0102030400000000))
(assert_trap (invoke "store-lane" (i32.const 65529))
  "out of bounds memory access")
(assert_trap (invoke "load-lane" (i32.const 65529))
  "out of bounds memory access")
