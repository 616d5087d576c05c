;; bound_bigmem.wat - memory 0 starts at 300 pages (18.75 MiB): refused
;; at instantiation under --max-memory 16M.
(module
  (memory (export "memory") 300)
  (func (export "_start")))
