;; fused_mem.wast - loads and stores that the function compiler fuses with
;; the address arithmetic before them (src/interp/compile_ops.c): an
;; i32.add (_rr, _ri), an i32.shl by a constant before that add (_sx,
;; _si), f64 ops taking a loaded operand (_m, _to, fma_to).  Each result
;; is what the unfused wasm computes: 32-bit address wrap-around before
;; the memarg offset, the shift count taken mod 32, traps at the bounds.

(module
  (memory 1)
  (data (i32.const 0) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f")
  (data (i32.const 16) "\80\81\82\83\84\85\86\87\88\89\8a\8b\8c\8d\8e\8f")
  (data (i32.const 65528) "\f8\f9\fa\fb\fc\fd\fe\ff")

  ;; base + (idx << 2): _sx
  (func (export "sx32") (param $b i32) (param $i i32) (result i32)
    (i32.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))))
  ;; (idx << 2) + base, the other operand order
  (func (export "sx32r") (param $b i32) (param $i i32) (result i32)
    (i32.load (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $b))))
  ;; with a memarg offset
  (func (export "sx32o") (param $b i32) (param $i i32) (result i32)
    (i32.load offset=4 (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))))
  ;; (idx << 3) + 8: _si
  (func (export "si64") (param $i i32) (result i64)
    (i64.load (i32.add (i32.shl (local.get $i) (i32.const 3)) (i32.const 8))))
  ;; shift count 33 is 1
  (func (export "si16") (param $i i32) (result i32)
    (i32.load16_s (i32.add (i32.shl (local.get $i) (i32.const 33)) (i32.const 16))))
  (func (export "sx8u") (param $b i32) (param $i i32) (result i32)
    (i32.load8_u (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 0)))))
  (func (export "sx8s64") (param $b i32) (param $i i32) (result i64)
    (i64.load8_s (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 1)))))
  (func (export "sxf64") (param $b i32) (param $i i32) (result f64)
    (f64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))))
  ;; the shifted value is kept by local.tee: no fusion may lose it
  (func (export "sxtee") (param $b i32) (param $i i32) (result i32)
    (local $s i32)
    (i32.add
      (i32.load (i32.add (local.get $b) (local.tee $s (i32.shl (local.get $i) (i32.const 2)))))
      (local.get $s)))
  ;; the shifted value is both address operands
  (func (export "sxboth") (param $i i32) (result i32)
    (local $s i32)
    (local.set $s (i32.shl (local.get $i) (i32.const 1)))
    (i32.load8_u (i32.add (local.get $s) (local.get $s))))

  ;; plain add fusions
  (func (export "rr") (param $a i32) (param $b i32) (result i32)
    (i32.load offset=1 (i32.add (local.get $a) (local.get $b))))
  (func (export "ri") (param $a i32) (result i32)
    (i32.load16_u offset=2 (i32.add (local.get $a) (i32.const 3))))
  (func (export "store_rr") (param $a i32) (param $b i32) (param $v i32) (result i32)
    (i32.store8 offset=1 (i32.add (local.get $a) (local.get $b)) (local.get $v))
    (i32.load8_u offset=1 (i32.add (local.get $a) (local.get $b))))
  (func (export "store_ri") (param $a i32) (param $v i64) (result i64)
    (i64.store offset=8 (i32.add (local.get $a) (i32.const 8)) (local.get $v))
    (i64.load offset=16 (local.get $a)))

  ;; f64 ops with a loaded operand; p[i] += x; p[i] += a * q[i]
  (func (export "add_m") (param $x f64) (param $a i32) (result f64)
    (f64.add (local.get $x) (f64.load offset=8 (i32.add (local.get $a) (i32.const 8)))))
  (func (export "mul_m") (param $x f64) (param $a i32) (result f64)
    (f64.mul (local.get $x) (f64.load (local.get $a))))
  (func (export "add_to") (param $p i32) (param $x f64) (result f64)
    (f64.store offset=8 (local.get $p)
      (f64.add (f64.load offset=8 (local.get $p)) (local.get $x)))
    (f64.load offset=8 (local.get $p)))
  (func (export "fma_to") (param $p i32) (param $a f64) (param $q i32) (result f64)
    (f64.store (local.get $p)
      (f64.add (f64.load (local.get $p))
        (f64.mul (local.get $a) (f64.load offset=8 (i32.add (local.get $q) (i32.const 8))))))
    (f64.load (local.get $p)))
  (func (export "setf") (param $p i32) (param $x f64)
    (f64.store (local.get $p) (local.get $x)))

  ;; y[i] += a * x[i], two elements a step, in the shape clang gives
  ;; (f64_fma_to_a, f64_fma_to_ai: the pointer adds before each fma run
  ;; in the same op); x at $xb, y at $yb, n even; returns y[n-1] + $py
  (func (export "axpy2") (param $xb i32) (param $yb i32) (param $n i32) (param $a f64) (result f64)
    (local $i i32) (local $py i32) (local $px i32)
    (loop
      (f64.store (local.tee $py (i32.add (local.get $i) (local.get $yb)))
        (f64.add
          (f64.mul (local.get $a)
            (f64.load (local.tee $px (i32.add (local.get $i) (local.get $xb)))))
          (f64.load (local.get $py))))
      (f64.store (local.tee $py (i32.add (local.get $py) (i32.const 8)))
        (f64.add
          (f64.mul (local.get $a) (f64.load offset=8 (local.get $px)))
          (f64.load (local.get $py))))
      (br_if 0 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 16)))
                       (i32.shl (local.get $n) (i32.const 3)))))
    (f64.add (f64.load (local.get $py)) (f64.convert_i32_u (local.get $py))))

  ;; dot products: acc + load(p + k) * m, int16 and int32 (muladd_l16s,
  ;; muladd_l32), the loaded value as either factor; a square of a loaded
  ;; value is not one of them
  (func (export "dot16") (param $p i32) (param $m i32) (param $acc i32) (result i32)
    (i32.add (local.get $acc)
      (i32.mul (i32.load16_s offset=2 (i32.add (local.get $p) (i32.const 16)))
               (local.get $m))))
  (func (export "dot32") (param $p i32) (param $m i32) (param $acc i32) (result i32)
    (i32.add
      (i32.mul (local.get $m)
               (i32.load offset=1 (i32.add (local.get $p) (i32.const 4))))
      (local.get $acc)))
  (func (export "sq16") (param $p i32) (param $acc i32) (result i32)
    (local $v i32)
    (i32.add (local.get $acc)
      (i32.mul (local.tee $v (i32.load16_s (i32.add (local.get $p) (i32.const 16))))
               (local.get $v))))

  ;; constant addresses (_a): the memarg offset folded in
  (func (export "ka") (result i32) (i32.load offset=2 (i32.const 4)))
  (func (export "ka_end") (result i64) (i64.load offset=65520 (i32.const 8)))
  (func (export "ka_oob") (result i32) (i32.load16_u offset=65534 (i32.const 1)))
  ;; 0xffffffff + 0xffffffff does not fit in 32 bits: still a trap
  (func (export "ka_huge") (result i32)
    (i32.load8_u offset=0xffffffff (i32.const 0xffffffff)))
  (func (export "ks") (param $v i32) (result i32)
    (i32.store16 offset=1000 (i32.const 24) (local.get $v))
    (i32.load16_s (i32.const 1024)))
  (func (export "ks_k") (result i64)
    (i64.store32 offset=8 (i32.const 2040) (i64.const 0x1122334455667788))
    (i64.load (i32.const 2048)))
  (func (export "ks_oob") (param $v f32)
    (f32.store offset=65532 (i32.const 1) (local.get $v)))
  (func (export "ks_f") (param $v f64) (result f64)
    (f64.store (i32.const 3000) (local.get $v))
    (f64.load offset=3000 (i32.const 0)))
)

(assert_return (invoke "sx32" (i32.const 0) (i32.const 1)) (i32.const 0x07060504))
(assert_return (invoke "sx32" (i32.const 1) (i32.const 0)) (i32.const 0x04030201))
(assert_return (invoke "sx32r" (i32.const 4) (i32.const 2)) (i32.const 0x0f0e0d0c))
(assert_return (invoke "sx32o" (i32.const 0) (i32.const 2)) (i32.const 0x0f0e0d0c))
(assert_return (invoke "sx32o" (i32.const 4) (i32.const 2)) (i32.const 0x83828180))
;; 8 + (0x40000000 << 2) wraps to 8
(assert_return (invoke "sx32" (i32.const 8) (i32.const 0x40000000)) (i32.const 0x0b0a0908))
;; -4 + (1 << 2) wraps to 0
(assert_return (invoke "sx32" (i32.const -4) (i32.const 1)) (i32.const 0x03020100))
(assert_return (invoke "sx32" (i32.const 65524) (i32.const 1)) (i32.const 0xfbfaf9f8))
(assert_trap (invoke "sx32" (i32.const 65529) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "sx32" (i32.const 0) (i32.const 16383)) (i32.const 0xfffefdfc))
(assert_trap (invoke "sx32" (i32.const 0) (i32.const 16384)) "out of bounds memory access")
(assert_trap (invoke "sx32o" (i32.const 65525) (i32.const 1)) "out of bounds memory access")
;; the offset is added after the 32-bit wrap: -4 + 0 + offset 4 is 2^32 + 0
(assert_trap (invoke "sx32o" (i32.const -4) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "si64" (i32.const 0)) (i64.const 0x0f0e0d0c0b0a0908))
(assert_return (invoke "si64" (i32.const 0x20000000)) (i64.const 0x0f0e0d0c0b0a0908))
(assert_return (invoke "si64" (i32.const 8190)) (i64.const 0xfffefdfcfbfaf9f8))
(assert_trap (invoke "si64" (i32.const 8191)) "out of bounds memory access")
(assert_return (invoke "si16" (i32.const 1)) (i32.const 0xffff8382))
(assert_return (invoke "si16" (i32.const 0x80000001)) (i32.const 0xffff8382))
(assert_return (invoke "sx8u" (i32.const 16) (i32.const 3)) (i32.const 0x83))
(assert_return (invoke "sx8s64" (i32.const 16) (i32.const 2)) (i64.const -124))
(assert_return (invoke "sx8s64" (i32.const 0) (i32.const 2)) (i64.const 4))
(assert_return (invoke "sxf64" (i32.const 0) (i32.const 0)) (f64.const 0x1.6050403020100p-911))
(assert_return (invoke "sxtee" (i32.const 0) (i32.const 1)) (i32.const 0x07060508))
(assert_return (invoke "sxboth" (i32.const 3)) (i32.const 12))
(assert_return (invoke "rr" (i32.const 1) (i32.const 2)) (i32.const 0x07060504))
(assert_return (invoke "rr" (i32.const -1) (i32.const 2)) (i32.const 0x05040302))
(assert_trap (invoke "rr" (i32.const -1) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "rr" (i32.const 65532) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "ri" (i32.const 1)) (i32.const 0x0706))
(assert_return (invoke "ri" (i32.const -3)) (i32.const 0x0302))
(assert_trap (invoke "ri" (i32.const 65530)) "out of bounds memory access")
(assert_return (invoke "store_rr" (i32.const 100) (i32.const 50) (i32.const 0x1ff)) (i32.const 0xff))
(assert_trap (invoke "store_rr" (i32.const 65535) (i32.const 0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "store_ri" (i32.const 200) (i64.const -2)) (i64.const -2))
(assert_trap (invoke "store_ri" (i32.const 65520) (i64.const 1)) "out of bounds memory access")
;; memory is unchanged by the trapping store: byte 65535 is still 0xff
(assert_return (invoke "sx8u" (i32.const 65535) (i32.const 0)) (i32.const 0xff))
;; bytes 18..19 are 0x82 0x83: int16 0x8382 = -31870
(assert_return (invoke "dot16" (i32.const 0) (i32.const 3) (i32.const 100)) (i32.const -95510))
(assert_return (invoke "dot16" (i32.const -16) (i32.const -1) (i32.const 0)) (i32.const -770))
(assert_trap (invoke "dot16" (i32.const 65518) (i32.const 1) (i32.const 0)) "out of bounds memory access")
;; bytes 5..8 are 05 06 07 08: 0x08070605 * 16 + 1 wraps
(assert_return (invoke "dot32" (i32.const 0) (i32.const 16) (i32.const 1)) (i32.const 0x80706051))
(assert_trap (invoke "dot32" (i32.const 65528) (i32.const 1) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "sq16" (i32.const 0) (i32.const 1)) (i32.const 1048723457))
(invoke "setf" (i32.const 1024) (f64.const 1.5))
(invoke "setf" (i32.const 1032) (f64.const 2.0))
(invoke "setf" (i32.const 1040) (f64.const -3.25))
(assert_return (invoke "add_m" (f64.const 0.5) (i32.const 1016)) (f64.const 2.5))
(assert_return (invoke "mul_m" (f64.const 4) (i32.const 1040)) (f64.const -13))
(assert_trap (invoke "add_m" (f64.const 0.5) (i32.const 65520)) "out of bounds memory access")
(assert_return (invoke "add_to" (i32.const 1024) (f64.const 0.25)) (f64.const 2.25))
(assert_trap (invoke "add_to" (i32.const 65528) (f64.const 0.25)) "out of bounds memory access")
;; p[0] = 2.25 + 2 * q[2] where q[2] = -3.25
(assert_return (invoke "fma_to" (i32.const 1032) (f64.const 2) (i32.const 1024)) (f64.const -4.25))
(assert_return (invoke "fma_to" (i32.const 1032) (f64.const 1) (i32.const 1024)) (f64.const -7.5))
;; q out of bounds: trap before the store, p keeps its value
(assert_trap (invoke "fma_to" (i32.const 1032) (f64.const 1) (i32.const 65528)) "out of bounds memory access")
(assert_return (invoke "mul_m" (f64.const 1) (i32.const 1032)) (f64.const -7.5))
(assert_return (invoke "ka") (i32.const 0x09080706))
(assert_return (invoke "ka_end") (i64.const 0xfffefdfcfbfaf9f8))
(assert_trap (invoke "ka_oob") "out of bounds memory access")
(assert_trap (invoke "ka_huge") "out of bounds memory access")
(assert_return (invoke "ks" (i32.const 0x18765)) (i32.const -30875))
(assert_return (invoke "ks_k") (i64.const 0x55667788))
(assert_trap (invoke "ks_oob" (f32.const 1)) "out of bounds memory access")
;; the trapping store wrote nothing
(assert_return (invoke "ka_end") (i64.const 0xfffefdfcfbfaf9f8))
(assert_return (invoke "ks_f" (f64.const -0.125)) (f64.const -0.125))
(invoke "setf" (i32.const 8192) (f64.const 1))
(invoke "setf" (i32.const 8200) (f64.const 2))
(invoke "setf" (i32.const 8208) (f64.const 3))
(invoke "setf" (i32.const 8216) (f64.const 4))
(invoke "setf" (i32.const 9192) (f64.const 0.5))
(invoke "setf" (i32.const 9200) (f64.const 0.5))
(invoke "setf" (i32.const 9208) (f64.const 0.5))
(invoke "setf" (i32.const 9216) (f64.const 0.5))
;; y[3] = 0.5 + 2 * 4 = 8.5, and $py = 9216
(assert_return (invoke "axpy2" (i32.const 8192) (i32.const 9192) (i32.const 4) (f64.const 2)) (f64.const 9224.5))
(assert_return (invoke "sxf64" (i32.const 9192) (i32.const 0)) (f64.const 2.5))
(assert_return (invoke "sxf64" (i32.const 9192) (i32.const 1)) (f64.const 4.5))
(assert_return (invoke "sxf64" (i32.const 9192) (i32.const 2)) (f64.const 6.5))
;; x runs past the end at its third element: y[0] and y[1] were
;; updated, then the trap, and y[2] is untouched
(invoke "setf" (i32.const 65528) (f64.const 1))
(assert_trap (invoke "axpy2" (i32.const 65520) (i32.const 9192) (i32.const 4) (f64.const 1)) "out of bounds memory access")
(assert_return (invoke "sxf64" (i32.const 9192) (i32.const 0)) (f64.const 2.5))
(assert_return (invoke "sxf64" (i32.const 9192) (i32.const 1)) (f64.const 5.5))
(assert_return (invoke "sxf64" (i32.const 9192) (i32.const 2)) (f64.const 6.5))
