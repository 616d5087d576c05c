;; bound_grow.wat - under --max-memory 1M (16 pages): growing memory 0
;; from 1 page to 16 works, one page more returns -1 and leaves the size
;; alone.  Exit status 0 when so, else the step that went wrong.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (if (i32.ne (memory.grow (i32.const 15)) (i32.const 1))
      (then (call $exit (i32.const 1))))
    (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1))
      (then (call $exit (i32.const 2))))
    (if (i32.ne (memory.size) (i32.const 16))
      (then (call $exit (i32.const 3))))
    (call $exit (i32.const 0))))
