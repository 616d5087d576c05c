;; f64_const.wast - f64 add/sub/mul/div with a constant operand, which
;; the function compiler puts into the instruction (f64_<op>_k); a
;; constant first operand is swapped only where the op commutes.

(module
  (func (export "add_k") (param f64) (result f64) (f64.add (local.get 0) (f64.const 0.5)))
  (func (export "k_add") (param f64) (result f64) (f64.add (f64.const 0.5) (local.get 0)))
  (func (export "sub_k") (param f64) (result f64) (f64.sub (local.get 0) (f64.const 0.5)))
  (func (export "k_sub") (param f64) (result f64) (f64.sub (f64.const 0.5) (local.get 0)))
  (func (export "mul_k") (param f64) (result f64) (f64.mul (local.get 0) (f64.const -3)))
  (func (export "k_mul") (param f64) (result f64) (f64.mul (f64.const -3) (local.get 0)))
  (func (export "div_k") (param f64) (result f64) (f64.div (local.get 0) (f64.const 4)))
  (func (export "k_div") (param f64) (result f64) (f64.div (f64.const 4) (local.get 0)))
  (func (export "k_k") (result f64) (f64.div (f64.const 1) (f64.const 8)))
  (func (export "add_tiny") (param f64) (result f64)
    (f64.add (local.get 0) (f64.const 0x1p-1074)))
)

(assert_return (invoke "add_k" (f64.const 1)) (f64.const 1.5))
(assert_return (invoke "k_add" (f64.const 1)) (f64.const 1.5))
(assert_return (invoke "sub_k" (f64.const 2)) (f64.const 1.5))
(assert_return (invoke "k_sub" (f64.const 2)) (f64.const -1.5))
(assert_return (invoke "mul_k" (f64.const 0.5)) (f64.const -1.5))
(assert_return (invoke "k_mul" (f64.const 0.5)) (f64.const -1.5))
(assert_return (invoke "div_k" (f64.const 2)) (f64.const 0.5))
(assert_return (invoke "k_div" (f64.const 2)) (f64.const 2))
(assert_return (invoke "k_div" (f64.const 0)) (f64.const inf))
(assert_return (invoke "k_div" (f64.const -0)) (f64.const -inf))
(assert_return (invoke "div_k" (f64.const nan)) (f64.const nan:canonical))
(assert_return (invoke "k_mul" (f64.const nan:0x4)) (f64.const nan:arithmetic))
(assert_return (invoke "k_k") (f64.const 0.125))
(assert_return (invoke "add_tiny" (f64.const 0)) (f64.const 0x1p-1074))
(assert_return (invoke "add_tiny" (f64.const 1)) (f64.const 1))
