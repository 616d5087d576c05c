# thread_start.s - the wasi_thread_start export for guest programs of the
# tests: sets this thread's shadow-stack pointer from the start struct
# (its first word is the stack top) before any C code runs, then calls
# wx_thread_entry(tid, start_arg) in C (guest/threads.c).
	.globaltype __stack_pointer, i32
	.functype wx_thread_entry (i32, i32) -> ()
	.globl wasi_thread_start
	.export_name wasi_thread_start, wasi_thread_start
	.type wasi_thread_start,@function
wasi_thread_start:
	.functype wasi_thread_start (i32, i32) -> ()
	local.get 1
	i32.load 0
	global.set __stack_pointer
	local.get 0
	local.get 1
	call wx_thread_entry
	end_function
