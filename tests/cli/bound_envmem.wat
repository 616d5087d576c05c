;; bound_envmem.wat - imports env.memory of 300 pages, as WASIX programs
;; import theirs: the host refuses to create it under --max-memory 16M.
(module
  (import "env" "memory" (memory 300 65536 shared))
  (func (export "_start")))
