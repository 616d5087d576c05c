;; wast2json: --enable-multi-memory
;; Memories other than memory 0 go through the generic mm_* ops while
;; memory 0 keeps its cached base and size: accesses, sizes, growth,
;; segments and copies between memories, and one memory imported as both
;; memory 0 and memory 1 (growing it through one index is seen through
;; the other).
(module
  (memory $a 1)
  (memory $b 2 3)
  (data (memory $b) (i32.const 65530) "\01\02\03\04\05\06")
  (data $p "\aa\bb\cc")
  (func (export "load-b") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
  (func (export "load64-b") (param i32) (result i64) (i64.load $b offset=2 (local.get 0)))
  (func (export "store-b") (param i32 i32) (i32.store16 $b (local.get 0) (local.get 1)))
  (func (export "size") (result i32)
    (i32.add (i32.mul (memory.size $a) (i32.const 10)) (memory.size $b)))
  (func (export "grow-b") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "copy-b-to-a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load-a") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
  (func (export "fill-b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init-b") (param i32) (memory.init $b $p (local.get 0) (i32.const 1) (i32.const 2)))
)
(assert_return (invoke "load-b" (i32.const 65531)) (i32.const 2))
(assert_return (invoke "load-b" (i32.const 131071)) (i32.const 0))
(assert_trap (invoke "load-b" (i32.const 131072)) "out of bounds memory access")
(assert_return (invoke "load64-b" (i32.const 65528)) (i64.const 0x060504030201))
(assert_return (invoke "size") (i32.const 12))
(assert_return (invoke "store-b" (i32.const 65530) (i32.const 0x0909)))
(assert_return (invoke "load-b" (i32.const 65531)) (i32.const 9))
(assert_return (invoke "copy-b-to-a" (i32.const 10) (i32.const 65530) (i32.const 6)))
(assert_return (invoke "load-a" (i32.const 15)) (i32.const 6))
(assert_trap (invoke "copy-b-to-a" (i32.const 65535) (i32.const 0) (i32.const 2)) "out of bounds memory access")
(assert_return (invoke "fill-b" (i32.const 100) (i32.const 7) (i32.const 3)))
(assert_return (invoke "load-b" (i32.const 102)) (i32.const 7))
(assert_return (invoke "init-b" (i32.const 200)))
(assert_return (invoke "load-b" (i32.const 201)) (i32.const 0xcc))
(assert_return (invoke "grow-b" (i32.const 1)) (i32.const 2))
(assert_return (invoke "grow-b" (i32.const 1)) (i32.const -1))
(assert_return (invoke "size") (i32.const 13))
(assert_return (invoke "load-b" (i32.const 196607)) (i32.const 0))

(module $shared
  (memory (export "m") 1 4))
(register "shared" $shared)
(module
  (import "shared" "m" (memory $x 1 4))
  (import "shared" "m" (memory $y 1 4))
  (func (export "grow-y-read-x") (result i32)
    (drop (memory.grow $y (i32.const 1)))
    (i32.store8 $y (i32.const 70000) (i32.const 42))
    (i32.load8_u $x (i32.const 70000)))
)
(assert_return (invoke "grow-y-read-x") (i32.const 42))
