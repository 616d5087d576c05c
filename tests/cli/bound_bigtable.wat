;; bound_bigtable.wat - table 0 starts with 100 elements: refused at
;; instantiation under --max-table 50.
(module
  (table 100 funcref)
  (func (export "_start")))
