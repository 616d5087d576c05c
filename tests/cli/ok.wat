;; ok.wat - a _start that returns normally: exit status 0, no output.
(module
  (memory 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 42))))
