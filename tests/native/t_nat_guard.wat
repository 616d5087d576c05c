;; Where a guard-page fault is (tests/native/feat.sh): the native tier's
;; trap lines must name the interpreter's function and byte offset - for
;; an access in a small function the C compiler inlines into its caller,
;; one whose value only the caller uses, one in a loop, a dropped load, a
;; store among others.
(module
  (memory 1)
  (func $get (param i32) (result i32)
    (i32.load offset=8 (local.get 0)))
  (func (export "inlined") (param i32) (result i32)
    (i32.add (call $get (local.get 0)) (i32.const 1)))
  (func $pair (param i32) (result i64)
    (i64.add (i64.load (local.get 0)) (i64.load offset=4 (local.get 0))))
  (func (export "second") (param i32) (result i64)
    (call $pair (local.get 0)))
  (func (export "loop") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.load16_u (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 2)))
      (br_if $l (i32.ne (local.get 1) (i32.const -1))))
    (local.get 1))
  (func (export "dropped") (param i32)
    (drop (f64.load (local.get 0))))
  (func (export "stores") (param i32)
    (i32.store (i32.const 0) (i32.const 1))
    (f32.store offset=2 (local.get 0) (f32.const 2))
    (i64.store (i32.const 8) (i64.const 3)))
)
