;; wast2json: --enable-memory64 --enable-multi-memory --enable-threads
;; memory64: what the spec suite leaves to the implementation or does not
;; reach - addresses past 2^32 (a 32-bit truncation anywhere would turn
;; these traps into accesses), copies between a 32-bit and a 64-bit memory
;; the reservation policy of runtime/memory.c, and atomic accesses to a
;; 64-bit memory and to a memory other than memory 0 (interp_mm.c).  Offsets past 2^32 and
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

;; atomics: on a 64-bit memory (i64 addresses) and on memory 1
(module
  (memory i64 1 2 shared)
  (func (export "add64") (param i64 i64) (result i64)
    (i64.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "load64") (param i64) (result i64)
    (i64.atomic.load (local.get 0)))
  (func (export "store8") (param i64 i32)
    (i32.atomic.store8 (local.get 0) (local.get 1)))
  (func (export "load8") (param i64) (result i32)
    (i32.atomic.load8_u (local.get 0)))
  (func (export "cmpxchg") (param i64 i32 i32) (result i32)
    (i32.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait") (param i64 i32) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (i64.const 0)))
  (func (export "notify") (param i64) (result i32)
    (memory.atomic.notify (local.get 0) (i32.const 1)))
)
(assert_return (invoke "add64" (i64.const 8) (i64.const 5)) (i64.const 0))
(assert_return (invoke "add64" (i64.const 8) (i64.const 5)) (i64.const 5))
(assert_return (invoke "load64" (i64.const 8)) (i64.const 10))
(assert_trap (invoke "load64" (i64.const 9)) "unaligned atomic")
(assert_trap (invoke "load64" (i64.const 0x1_0000_0008)) "out of bounds memory access")
(assert_trap (invoke "load64" (i64.const 0xfffc)) "out of bounds memory access")
(assert_return (invoke "store8" (i64.const 0xffff) (i32.const 0x1ab)))
(assert_return (invoke "load8" (i64.const 0xffff)) (i32.const 0xab))
(assert_trap (invoke "store8" (i64.const 0x1_0000_0000) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "cmpxchg" (i64.const 8) (i32.const 10) (i32.const 77)) (i32.const 10))
(assert_return (invoke "cmpxchg" (i64.const 8) (i32.const 10) (i32.const 99)) (i32.const 77))
(assert_return (invoke "load64" (i64.const 8)) (i64.const 77))
;; a shared memory: wait returns "not-equal" (1) or "timed-out" (2)
(assert_return (invoke "wait" (i64.const 8) (i32.const 0)) (i32.const 1))
(assert_return (invoke "wait" (i64.const 8) (i32.const 77)) (i32.const 2))
(assert_trap (invoke "wait" (i64.const 0x1_0000_0008) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "notify" (i64.const 8)) (i32.const 0))

;; memory 1, unshared (wabt's text cannot name a memory in an atomic):
;;   (memory 1) (memory 1)
;;   (func "add1" (param i32 i32) (result i32)
;;     (i32.atomic.rmw.add 1 (local.get 0) (local.get 1)))
;;   (func "wait1" (param i32) (result i32)
;;     (memory.atomic.wait32 1 (local.get 0) (i32.const 0) (i64.const 0)))
(module binary
  "\00asm" "\01\00\00\00"
  "\01\0c\02\60\02\7f\7f\01\7f\60\01\7f\01\7f"  ;; types
  "\03\03\02\00\01"                                ;; functions
  "\05\05\02\00\01\00\01"                          ;; two memories
  "\07\10\02\04add1\00\00\05wait1\00\01"            ;; exports
  "\0a\1b\02"                                      ;; code
  "\0b\00\20\00\20\01\fe\1e\42\01\00\0b"
  "\0d\00\20\00\41\00\42\00\fe\01\42\01\00\0b"
)
(assert_return (invoke "add1" (i32.const 4) (i32.const 2)) (i32.const 0))
(assert_return (invoke "add1" (i32.const 4) (i32.const 2)) (i32.const 2))
(assert_trap (invoke "add1" (i32.const 2) (i32.const 2)) "unaligned atomic")
(assert_trap (invoke "add1" (i32.const 0x10000) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "wait1" (i32.const 0)) "expected shared memory")
