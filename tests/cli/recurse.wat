;; recurse.wat - unbounded recursion: must be the "call stack exhausted"
;; trap, never a host crash.
(module
  (func $f (param i32) (result i32)
    (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "_start") (drop (call $f (i32.const 0)))))
