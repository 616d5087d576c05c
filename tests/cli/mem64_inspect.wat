;; mem64_inspect.wat - a module for `inspect` and `--invoke` with a 64-bit
;; memory (memory64): its limits print with their address type, the
;; features line names memory64, and an export runs on it.
(module
  (memory (export "mem") i64 1 4)
  (data (i64.const 0x100) "\2a")
  (func (export "peek") (param i64) (result i32)
    (i32.load8_u (local.get 0)))
  (func (export "grow") (param i64) (result i64)
    (memory.grow (local.get 0))))
