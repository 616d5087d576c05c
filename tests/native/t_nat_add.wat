;; t_nat_add.wat - exports for the native tier's CLI tests: arithmetic,
;; a trap at a known offset, memory growth, a loop the interrupt word
;; must reach.
(module
  (memory 1 4)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32)
    (drop (memory.grow (local.get 0)))
    (i32.store (i32.const 131068) (i32.const 7))
    (memory.size))
  (func (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "spin") (loop $l (br $l)))
  (func $f (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0)
                     (call $f (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "fac") (param i64) (result i64) (call $f (local.get 0)))
  (func $inf (param i32) (result i32) (i32.add (call $inf (local.get 0)) (i32.const 1)))
  (func (export "deep") (param i32) (result i32) (call $inf (local.get 0))))
