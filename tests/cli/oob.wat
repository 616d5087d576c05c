;; oob.wat - a load past the end of memory.
(module
  (memory 1)
  (func (export "_start")
    (drop (i32.load (i32.const 65533)))))
