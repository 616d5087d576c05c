;; callback_thread / callback_thread_local_destroy of 2022-23 wasix-libc
;; name the exports the legacy thread_spawn and the thread_local_*
;; destructor enter through; an empty name restores the default.  The
;; 2022-23 bus calls link and answer ENOSYS (52).
;; Memory: [0] "go", [4] "bye", [8] thread ran, [12] dtor ran, [16] key,
;; [20] tid, [24] default entry ran.
(module
  (import "wasix_32v1" "callback_thread" (func $cb_thread (param i32 i32)))
  (import "wasix_32v1" "callback_reactor" (func $cb_reactor (param i32 i32)))
  (import "wasix_32v1" "callback_thread_local_destroy" (func $cb_tld (param i32 i32)))
  (import "wasix_32v1" "thread_spawn"
    (func $spawn (param i64 i64 i64 i32 i32) (result i32)))
  (import "wasix_32v1" "thread_join" (func $join (param i32) (result i32)))
  (import "wasix_32v1" "thread_local_create" (func $create (param i64 i32) (result i32)))
  (import "wasix_32v1" "thread_local_destroy" (func $destroy (param i32) (result i32)))
  (import "wasix_32v1" "thread_local_set" (func $set (param i32 i64) (result i32)))
  (import "wasix_32v1" "bus_open_local" (func $bus_open (param i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "call_close" (func $call_close (param i64)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "go") (param i32 i32) (i32.store (i32.const 8) (local.get 0)))
  (func (export "_start_thread") (param i32 i32) (i32.store (i32.const 24) (local.get 0)))
  (func (export "bye") (param i64 i64) (i32.store (i32.const 12) (i32.wrap_i64 (local.get 1))))
  (func $check (param $ok i32) (param $code i32)
    (if (i32.eqz (local.get $ok)) (then (call $exit (local.get $code)))))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 0x6f67))   ;; "go"
    (i32.store (i32.const 4) (i32.const 0x657962)) ;; "bye"
    (call $cb_thread (i32.const 0) (i32.const 2))
    (call $cb_tld (i32.const 4) (i32.const 3))
    (call $cb_reactor (i32.const 0) (i32.const 2))
    (call $check (i32.eqz (call $spawn (i64.const 5) (i64.const 0) (i64.const 0)
                                       (i32.const 0) (i32.const 20))) (i32.const 10))
    (call $check (i32.eqz (call $join (i32.load (i32.const 20)))) (i32.const 11))
    (call $check (i32.eq (i32.load (i32.const 8)) (i32.const 5)) (i32.const 12))
    (call $check (i32.eqz (i32.load (i32.const 24))) (i32.const 13))
    ;; reactors stay unsupported, whatever their callback's name
    (call $check (i32.eq (call $spawn (i64.const 5) (i64.const 0) (i64.const 0)
                                      (i32.const 1) (i32.const 20)) (i32.const 76))
                 (i32.const 14))
    (call $check (i32.eqz (call $create (i64.const 0) (i32.const 16))) (i32.const 15))
    (call $check (i32.eqz (call $set (i32.load (i32.const 16)) (i64.const 33))) (i32.const 16))
    (call $check (i32.eqz (call $destroy (i32.load (i32.const 16)))) (i32.const 17))
    (call $check (i32.eq (i32.load (i32.const 12)) (i32.const 33)) (i32.const 18))
    ;; back to the default entry
    (call $cb_thread (i32.const 0) (i32.const 0))
    (call $check (i32.eqz (call $spawn (i64.const 6) (i64.const 0) (i64.const 0)
                                       (i32.const 0) (i32.const 20))) (i32.const 19))
    (call $check (i32.eqz (call $join (i32.load (i32.const 20)))) (i32.const 20))
    (call $check (i32.eq (i32.load (i32.const 24)) (i32.const 6)) (i32.const 21))
    (call $check (i32.eq (call $bus_open (i32.const 0) (i32.const 2) (i32.const 0)
                                         (i32.const 32)) (i32.const 52)) (i32.const 22))
    (call $call_close (i64.const 1))
    (call $exit (i32.const 0))))
