;; wast2json: --enable-memory64 --enable-multi-memory
;; memory64: what the spec suite leaves to the implementation or does not
;; reach - addresses past 2^32 (a 32-bit truncation anywhere would turn
;; these traps into accesses), copies between a 32-bit and a 64-bit memory
;; and the reservation policy of runtime/memory.c.  Offsets past 2^32 and
;; 64-bit tables, which wabt's text format cannot write, are in
;; tests/unit/mem64_test.c.

(module
  (memory $m64 i64 1)
  (memory $m32 1)
  (data (memory $m64) (i64.const 0xfff0) "0123456789abcdef")
  (data (memory $m32) (i32.const 0) "ABCD")
  (func (export "load") (param i64) (result i32)
    (i32.load8_u $m64 (local.get 0)))
  (func (export "load32") (param i32) (result i32)
    (i32.load8_u $m32 (local.get 0)))
  (func (export "v128_at") (param i64) (result i64)
    (i64x2.extract_lane 1 (v128.load $m64 (local.get 0))))
  (func (export "grow") (param i64) (result i64)
    (memory.grow $m64 (local.get 0)))
  (func (export "size") (result i64) (memory.size $m64))
  (func (export "copy_32_to_64") (param i64 i32 i32)
    (memory.copy $m64 $m32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_64_to_32") (param i32 i64 i32)
    (memory.copy $m32 $m64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill") (param i64 i32 i64)
    (memory.fill $m64 (local.get 0) (local.get 1) (local.get 2)))
)

(assert_return (invoke "load" (i64.const 0xfff0)) (i32.const 48))
(assert_return (invoke "load" (i64.const 0xffff)) (i32.const 102))
(assert_trap (invoke "load" (i64.const 0x10000)) "out of bounds memory access")
;; 2^32 and 2^32 + 0xfff0: truncated to 32 bits, 0 and 0xfff0
(assert_trap (invoke "load" (i64.const 0x1_0000_0000)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x1_0000_fff0)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "v128_at" (i64.const 0x1_0000_fff0)) "out of bounds memory access")
(assert_return (invoke "v128_at" (i64.const 0xfff0)) (i64.const 0x6665646362613938))
(assert_trap (invoke "v128_at" (i64.const 0xfff1)) "out of bounds memory access")

;; copies between the two address types: the 64-bit side's operand is an
;; i64, the length an i32
(assert_return (invoke "copy_32_to_64" (i64.const 0x100) (i32.const 0) (i32.const 4)))
(assert_return (invoke "load" (i64.const 0x103)) (i32.const 68))
(assert_trap (invoke "copy_32_to_64" (i64.const 0x1_0000_0100) (i32.const 0) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "copy_64_to_32" (i32.const 0x10) (i64.const 0xfffc) (i32.const 4)))
(assert_return (invoke "load32" (i32.const 0x13)) (i32.const 102))
(assert_trap (invoke "copy_64_to_32" (i32.const 0) (i64.const -1) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "copy_64_to_32" (i32.const 0) (i64.const 0x1_0000_0000) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 0x1_0000_0000) (i32.const 0) (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i64.const 0xfff0) (i32.const 0) (i64.const -1)) "out of bounds memory access")
(assert_return (invoke "fill" (i64.const 0xffff) (i32.const 0x41) (i64.const 1)))
(assert_return (invoke "load" (i64.const 0xffff)) (i32.const 0x41))

;; The reservation policy: at most 16 GiB (0x40000 pages) of address
;; space for a 64-bit memory whatever its maximum (here 2^48 pages); a
;; grow past it fails and changes nothing.
(assert_return (invoke "grow" (i64.const 0x40000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 0x1_0000_0000_0000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const -1)) (i64.const -1))
(assert_return (invoke "size") (i64.const 1))
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "size") (i64.const 2))
(assert_return (invoke "load" (i64.const 0x1ffff)) (i32.const 0))
(assert_trap (invoke "load" (i64.const 0x20000)) "out of bounds memory access")
