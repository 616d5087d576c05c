;; bound_mem.wat - a 2-page memory and an export that grows it by one
;; page, for the memory bound of the embedding API.
(module
  (memory (export "memory") 2)
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "_start")))
