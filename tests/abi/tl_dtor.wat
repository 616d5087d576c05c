;; Legacy thread_local_* with the guest destructor
;; `_thread_local_destroy(ud_lo, ud_hi, val_lo, val_hi)`: called on a
;; thread that ends for its values, and on the caller for every value of
;; a destroyed key.
;; Memory: [40] key, [48] destructor calls, [56..68] last call's halves,
;; [72] the tid it ran on, [80] spawned tid, [88] thread_id scratch.
(module
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i64 i64 i64 i32 i32) (result i32)))
  (import "wasix_32v1" "thread_join" (func $join (param i32) (result i32)))
  (import "wasix_32v1" "thread_id" (func $tid (param i32) (result i32)))
  (import "wasix_32v1" "thread_local_create" (func $create (param i64 i32) (result i32)))
  (import "wasix_32v1" "thread_local_destroy" (func $destroy (param i32) (result i32)))
  (import "wasix_32v1" "thread_local_set" (func $set (param i32 i64) (result i32)))
  (import "wasix_32v1" "thread_local_get" (func $get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "_thread_local_destroy") (param i32 i32 i32 i32)
    (i32.store (i32.const 56) (local.get 0))
    (i32.store (i32.const 60) (local.get 1))
    (i32.store (i32.const 64) (local.get 2))
    (i32.store (i32.const 68) (local.get 3))
    (drop (call $tid (i32.const 72)))
    (drop (i32.atomic.rmw.add (i32.const 48) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 48) (i32.const 1))))
  (func (export "_start_thread") (param i32 i32)
    (drop (call $set (i32.load (i32.const 40)) (i64.const 0x7777000000000042))))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (call $check (i32.eqz (call $create (i64.const 0xab000000cd) (i32.const 40)))
                 (i32.const 10))
    (call $check (i32.eqz (call $spawn (i64.const 0) (i64.const 0) (i64.const 0)
                                       (i32.const 0) (i32.const 80))) (i32.const 11))
    (block $done
      (loop $w
        (br_if $done (i32.atomic.load (i32.const 48)))
        (drop (memory.atomic.wait32 (i32.const 48) (i32.const 0) (i64.const -1)))
        (br $w)))
    (drop (call $join (i32.load (i32.const 80))))
    ;; one call, on the thread that ended, with its value
    (call $check (i32.eq (i32.load (i32.const 48)) (i32.const 1)) (i32.const 12))
    (call $check (i32.eq (i32.load (i32.const 56)) (i32.const 0xcd)) (i32.const 13))
    (call $check (i32.eq (i32.load (i32.const 60)) (i32.const 0xab)) (i32.const 14))
    (call $check (i32.eq (i32.load (i32.const 64)) (i32.const 0x42)) (i32.const 15))
    (call $check (i32.eq (i32.load (i32.const 68)) (i32.const 0x77770000)) (i32.const 16))
    (call $check (i32.eq (i32.load (i32.const 72)) (i32.load (i32.const 80))) (i32.const 17))
    ;; the main thread's value, destroyed with its key, on the main thread
    (call $check (i32.eqz (call $set (i32.load (i32.const 40)) (i64.const 9))) (i32.const 18))
    (call $check (i32.eqz (call $destroy (i32.load (i32.const 40)))) (i32.const 19))
    (call $check (i32.eq (i32.load (i32.const 48)) (i32.const 2)) (i32.const 20))
    (call $check (i32.eq (i32.load (i32.const 64)) (i32.const 9)) (i32.const 21))
    (drop (call $tid (i32.const 88)))
    (call $check (i32.eq (i32.load (i32.const 72)) (i32.load (i32.const 88))) (i32.const 22))
    ;; the key is gone
    (call $check (i32.eq (call $get (i32.load (i32.const 40)) (i32.const 96))
                         (i32.const 28)) (i32.const 23))
    (call $check (i32.eq (call $destroy (i32.load (i32.const 40))) (i32.const 28))
                 (i32.const 24))
    (call $exit (i32.const 0))))
