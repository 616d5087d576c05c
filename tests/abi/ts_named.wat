;; thread_spawn of mid 2022 (name, name_len, user_data, reactor, ret_tid):
;; the thread enters through the export the guest names ("work"), with
;; user_data; thread_join waits for it.
;; Memory: [0] done, [8] name, [16] result, [32] tid.
(module
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i32 i32 i64 i32 i32) (result i32)))
  (import "wasix_32v1" "thread_join" (func $join (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "work") (param $ud i64)
    (i64.store (i32.const 16) (i64.add (local.get $ud) (i64.const 1)))
    (i32.atomic.store (i32.const 0) (i32.const 1)))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (i32.store (i32.const 8) (i32.const 0x6b726f77)) ;; "work"
    ;; a name the module does not export: ENOTCAPABLE
    (call $check (i32.eq (call $spawn (i32.const 8) (i32.const 3) (i64.const 0)
                                      (i32.const 0) (i32.const 32))
                         (i32.const 76)) (i32.const 10))
    (call $check (i32.eqz (call $spawn (i32.const 8) (i32.const 4)
                                       (i64.const 0x100000000) (i32.const 0)
                                       (i32.const 32))) (i32.const 11))
    (call $check (i32.eqz (call $join (i32.load (i32.const 32)))) (i32.const 12))
    (call $check (i32.eq (i32.atomic.load (i32.const 0)) (i32.const 1)) (i32.const 13))
    (call $check (i64.eq (i64.load (i32.const 16)) (i64.const 0x100000001)) (i32.const 14))
    (call $exit (i32.const 0))))
