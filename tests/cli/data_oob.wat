;; data_oob.wat - an active data segment past the end of memory:
;; instantiation traps with "out of bounds memory access".
(module
  (memory 1)
  (data (i32.const 65534) "abcd")
  (func (export "_start")))
