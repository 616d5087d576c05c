;; uncaught.wat - _start throws a wasm exception nobody catches: the run
;; ends as after a trap ("uncaught exception", status 134); "caught"
;; throws through a call and catches it.
(module
  (tag $e (param i32))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func (export "caught") (param i32) (result i32)
    (try (result i32)
      (do (call $thrower (local.get 0)) (i32.const -1))
      (catch $e (i32.const 1) (i32.add))))
  (func (export "_start") (call $thrower (i32.const 3))))
