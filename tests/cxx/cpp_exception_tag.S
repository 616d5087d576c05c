# The wasm exception tag C++ throws with (one i32: the address of the
# exception's unwind header).  compiler-rt defines it when built with wasm
# exceptions; Debian's wasm32 compiler-rt is built without them.
.globl __cpp_exception
.tagtype __cpp_exception i32
__cpp_exception:
