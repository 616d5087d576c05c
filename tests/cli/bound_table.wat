;; bound_table.wat - under --max-table 50: table 0 (10 elements) grows to
;; 50, one more element returns -1.  Exit status 0 when so.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (table $t 10 funcref)
  (func (export "_start")
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 40)) (i32.const 10))
      (then (call $exit (i32.const 1))))
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 1)) (i32.const -1))
      (then (call $exit (i32.const 2))))
    (if (i32.ne (table.size $t) (i32.const 50))
      (then (call $exit (i32.const 3))))
    (call $exit (i32.const 0))))
