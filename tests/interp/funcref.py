#!/usr/bin/env python3
"""funcref.py OUTDIR - typed function references (wasm 3.0): call_ref,
return_call_ref (in constant frame space), br_on_null, br_on_non_null,
ref.as_non_null, ref.func's (ref $t), locals of non-nullable types, table
initialisers, subtyping, rec groups (iso-recursive type equality across
modules), and an invalid module for each validation rule.

wabt's wast2json (1.0.32) knows only an older form of these instructions,
so this script builds the modules itself and writes the script as
wast2json would (OUTDIR/funcref.json and its .wasm files), for the spec
runner (tests/interp/run.sh).  Each module's text form is in the comment
above it.
"""
import inspect
import json
import os
import sys

# ---- a small binary writer ----
def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)

def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if (n == 0 and not (b & 0x40)) or (n == -1 and (b & 0x40)):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)

def vec(items):
    return uleb(len(items)) + b''.join(items)

def name(s):
    return uleb(len(s)) + s.encode()

I32, I64, F32, F64 = b'\x7f', b'\x7e', b'\x7d', b'\x7c'
FUNCREF, EXTERNREF = b'\x70', b'\x6f'
def ref(ht, null=False):
    h = sleb(ht) if isinstance(ht, int) else ht
    return (b'\x63' if null else b'\x64') + h
FUNC_HT = b'\x70'
EXN_HT = b'\x69'

def functype(params, results):
    return b'\x60' + vec(params) + vec(results)

def section(id, body):
    return bytes([id]) + uleb(len(body)) + body

def module(types=None, imports=None, funcs=None, tables=None, globals_=None,
           exports=None, elems=None, codes=None, raw_types=None, tags=None):
    out = b'\x00asm\x01\x00\x00\x00'
    if raw_types is not None:
        out += section(1, raw_types)
    elif types is not None:
        out += section(1, vec(types))
    if imports:
        out += section(2, vec(imports))
    if funcs is not None:
        out += section(3, vec([uleb(f) for f in funcs]))
    if tables:
        out += section(4, vec(tables))
    if tags:
        out += section(13, vec(tags))
    if globals_:
        out += section(6, vec(globals_))
    if exports:
        out += section(7, vec(exports))
    if elems:
        out += section(9, vec(elems))
    if codes is not None:
        out += section(10, vec(codes))
    return out

def code(body, locals_=()):
    # locals_: list of (count, type bytes)
    b = vec([uleb(n) + t for n, t in locals_]) + body + b'\x0b'
    return uleb(len(b)) + b

def exp_func(nm, idx):
    return name(nm) + b'\x00' + uleb(idx)

def wast_bytes(b):
    return ''.join('\\%02x' % x for x in b)

def wast_module(b, nm=None, indent='  '):
    s = '(module %sbinary\n' % (nm + ' ' if nm else '')
    for i in range(0, len(b), 24):
        s += indent + '"' + wast_bytes(b[i:i + 24]) + '"\n'
    return s.rstrip('\n') + ')'

# instructions
def lget(i): return b'\x20' + uleb(i)
def lset(i): return b'\x21' + uleb(i)
def i32c(v): return b'\x41' + sleb(v)
def i64c(v): return b'\x42' + sleb(v)
def call(f): return b'\x10' + uleb(f)
def call_ref(t): return b'\x14' + uleb(t)
def return_call_ref(t): return b'\x15' + uleb(t)
def ref_func(f): return b'\xd2' + uleb(f)
def ref_null(ht): return b'\xd0' + (sleb(ht) if isinstance(ht, int) else ht)
AS_NON_NULL = b'\xd4'
def br_on_null(l): return b'\xd5' + uleb(l)
def br_on_non_null(l): return b'\xd6' + uleb(l)
DROP = b'\x1a'
RETURN = b'\x0f'
END = b'\x0b'
ELSE = b'\x05'
UNREACHABLE = b'\x00'
def block(bt): return b'\x02' + bt
def if_(bt): return b'\x04' + bt
def br(l): return b'\x0c' + uleb(l)
EMPTY = b'\x40'

# ---- the script, as wast2json writes it ----
OUT = sys.argv[1]
cmds = []
nmod = [0]

def line():
    return inspect.currentframe().f_back.f_back.f_lineno

def wasm_file(b):
    fn = 'funcref.%d.wasm' % nmod[0]
    nmod[0] += 1
    with open(os.path.join(OUT, fn), 'wb') as f:
        f.write(b)
    return fn

def MODULE(b, nm=None):
    c = {'type': 'module', 'line': line(), 'filename': wasm_file(b)}
    if nm:
        c['name'] = nm
    cmds.append(c)

def REGISTER(as_, nm):
    cmds.append({'type': 'register', 'line': line(), 'name': nm, 'as': as_})

def val(t, v):
    if v is None:
        return {'type': t, 'value': 'null'}
    bits = 32 if t == 'i32' else 64
    return {'type': t, 'value': str(v % (1 << bits))}

def action(field, args):
    return {'type': 'invoke', 'field': field,
            'args': [val(t, v) for t, v in args]}

def RETURNS(field, args, results):
    cmds.append({'type': 'assert_return', 'line': line(),
                 'action': action(field, args),
                 'expected': [val(t, v) for t, v in results]})

def TRAPS(field, args, text):
    cmds.append({'type': 'assert_trap', 'line': line(),
                 'action': action(field, args), 'text': text,
                 'expected': []})

def INVALID(b, text):
    cmds.append({'type': 'assert_invalid', 'line': line(),
                 'filename': wasm_file(b), 'text': text,
                 'module_type': 'binary'})

def UNLINKABLE(b, text):
    cmds.append({'type': 'assert_unlinkable', 'line': line(),
                 'filename': wasm_file(b), 'text': text,
                 'module_type': 'binary'})


I64EQZ, I64SUB, I64ADD, I32ADD = b'\x50', b'\x7d', b'\x7c', b'\x6a'


def tab_init(reftype, mn, expr):
    return b'\x40\x00' + reftype + b'\x00' + uleb(mn) + expr + END


def table_get(t):
    return b'\x25' + uleb(t)


def call_ind(ty, tab):
    return b'\x11' + uleb(ty) + uleb(tab)


# ---- the main module ----
# (type $ii (func (param i32) (result i32)))  (type $ll (func (param i64 i64) (result i64)))
# (type (func (param funcref) (result i32)))  (type $blk (func (param i32) (result i32 (ref $ii))))
# (type (func (result i32)))  (type (func (param i64) (result i64)))
# (table 2 (ref $ii) (ref.func $inc))  (table 3 funcref (ref.func $inc))
# (elem declare func $inc $count)
# (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
# (func "call_ref" (call_ref $ii (local.get 0) (ref.func $inc)))
# (func "call_ref_null" (call_ref $ii (local.get 0) (ref.null $ii)))
# (func $count (type $ll) (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
#   (else (return_call_ref $ll (i64.sub (local.get 0) (i64.const 1))
#                              (i64.add (local.get 1) (i64.const 1)) (ref.func $count)))))
# (func "deep" (param i64) (result i64) (call $count (local.get 0) (i64.const 0)))
# (func "br_on_null" (param funcref) (result i32)
#   (block $l (br_on_null $l (local.get 0)) (drop) (return (i32.const 1))) (i32.const 0))
# (func "br_on_non_null" (param i32) (result i32)
#   (call_ref $ii (block $l (type $blk) (local.get 0) (br_on_non_null $l (ref.func $inc)) (unreachable))))
# (func "br_on_non_null_null" (param i32) (result i32)
#   (call_ref $ii (block $l (type $blk) (local.get 0) (br_on_non_null $l (ref.null $ii))
#     (return (i32.add (i32.const 100))))))
# (func "as_non_null" (param funcref) (result i32) (drop (ref.as_non_null (local.get 0))) (i32.const 1))
# (func "local_init" (param i32) (result i32) (local (ref $ii))
#   (local.set 1 (ref.func $inc)) (call_ref $ii (local.get 0) (local.get 1)))
# (func "table_ref" (param i32) (result i32) (call_ref $ii (local.get 0) (table.get 0 (i32.const 0))))
# (func "table_ind" (param i32) (result i32) (call_indirect 1 (type $ii) (local.get 0) (i32.const 1)))
# (func "sub" (result i32) (call 5 (ref.func $inc)))   ;; (ref $ii) where funcref is expected
# (func "local_block" (param i32) (result i32) (local (ref $ii))
#   (block (result i32) (local.set 1 (ref.func $inc)) (call_ref $ii (local.get 0) (local.get 1))))
# (func "tail_null" (param i32) (result i32) (return_call_ref $ii (local.get 0) (ref.null $ii)))
# (func "as_non_null_call" (param i32) (result i32)
#   (call_ref $ii (local.get 0) (ref.as_non_null (ref.func $inc))))
types = [
    functype([I32], [I32]),                 # 0 $ii
    functype([I64, I64], [I64]),            # 1 $ll
    functype([FUNCREF], [I32]),             # 2
    functype([I32], [I32, ref(0)]),         # 3 $blk
    functype([], [I32]),                    # 4
    functype([I64], [I64]),                 # 5
]
F = []


def fn(t, body, locals_=(), export=None):
    F.append((t, code(body, locals_), export))


fn(0, lget(0) + i32c(1) + I32ADD)                                   # 0 $inc
fn(0, lget(0) + ref_func(0) + call_ref(0), export='call_ref')
fn(0, lget(0) + ref_null(0) + call_ref(0), export='call_ref_null')
fn(1, lget(0) + I64EQZ + if_(b'\x7e') + lget(1) + ELSE + lget(0) + i64c(1)
   + I64SUB + lget(1) + i64c(1) + I64ADD + ref_func(3) + return_call_ref(1)
   + END)                                                           # 3 $count
fn(5, lget(0) + i64c(0) + call(3), export='deep')
fn(2, block(EMPTY) + lget(0) + br_on_null(0) + DROP + i32c(1) + RETURN
   + END + i32c(0), export='br_on_null')                            # 5
fn(0, lget(0) + block(sleb(3)) + ref_func(0) + br_on_non_null(0)
   + UNREACHABLE + END + call_ref(0), export='br_on_non_null')
fn(0, lget(0) + block(sleb(3)) + ref_null(0) + br_on_non_null(0)
   + i32c(100) + I32ADD + RETURN + END + call_ref(0),
   export='br_on_non_null_null')
fn(2, lget(0) + AS_NON_NULL + DROP + i32c(1), export='as_non_null')
fn(0, ref_func(0) + lset(1) + lget(0) + lget(1) + call_ref(0),
   locals_=[(1, ref(0))], export='local_init')
fn(0, lget(0) + i32c(0) + table_get(0) + call_ref(0), export='table_ref')
fn(0, lget(0) + i32c(1) + call_ind(0, 1), export='table_ind')
fn(4, ref_func(0) + call(5), export='sub')
fn(0, block(b'\x7f') + ref_func(0) + lset(1) + lget(0) + lget(1)
   + call_ref(0) + END, locals_=[(1, ref(0))], export='local_block')
fn(0, lget(0) + ref_null(0) + return_call_ref(0), export='tail_null')
fn(0, lget(0) + ref_func(0) + AS_NON_NULL + call_ref(0),
   export='as_non_null_call')
MODULE(module(
    types=types, funcs=[t for t, _, _ in F],
    tables=[tab_init(ref(0), 2, ref_func(0)),
            tab_init(FUNCREF, 3, ref_func(0))],
    exports=[exp_func(e, i) for i, (_, _, e) in enumerate(F) if e],
    elems=[uleb(3) + b'\x00' + vec([uleb(0), uleb(3)])],
    codes=[c for _, c, _ in F]))

RETURNS('call_ref', [('i32', 4)], [('i32', 5)])
TRAPS('call_ref_null', [('i32', 4)], 'null function reference')
# 1,000,000 tail calls: far more than the 65,536 frames of the stack.
RETURNS('deep', [('i64', 1000000)], [('i64', 1000000)])
RETURNS('br_on_null', [('funcref', None)], [('i32', 0)])
RETURNS('sub', [], [('i32', 1)])
RETURNS('br_on_non_null', [('i32', 7)], [('i32', 8)])
RETURNS('br_on_non_null_null', [('i32', 7)], [('i32', 107)])
TRAPS('as_non_null', [('funcref', None)], 'null reference')
RETURNS('as_non_null_call', [('i32', 1)], [('i32', 2)])
RETURNS('local_init', [('i32', 9)], [('i32', 10)])
RETURNS('table_ref', [('i32', 1)], [('i32', 2)])
RETURNS('table_ind', [('i32', 2)], [('i32', 3)])
RETURNS('local_block', [('i32', 3)], [('i32', 4)])
TRAPS('tail_null', [('i32', 3)], 'null function reference')

# ---- rec groups and linking ----
# (rec (type $t1 (func (result i32))) (type $t2 (func (result i32)))):
# $t1 and $t2 are distinct types; an identical rec group in another module
# defines the same two.
# (table (export "tab") 2 funcref) (elem (i32.const 0) $f1 $f2)
# (func $f1 (export "f0") (type $t1) (i32.const 11))
# (func $f2 (type $t2) (i32.const 22))
rec2 = b'\x4e' + vec([functype([], [I32]), functype([], [I32])])
MODULE(module(raw_types=vec([rec2]), funcs=[0, 1],
              tables=[FUNCREF + b'\x00' + uleb(2)],
              exports=[exp_func('f0', 0), name('tab') + b'\x01\x00'],
              elems=[uleb(0) + i32c(0) + END + vec([uleb(0), uleb(1)])],
              codes=[code(i32c(11)), code(i32c(22))]), '$A')
REGISTER('A', '$A')
# The same rec group: importing $t1 links, and call_indirect (type $t1)
# accepts $f1 but not $f2 (same structure, another index in the group).
# (import "A" "f0" (func (type $t1))) (import "A" "tab" (table 2 funcref))
# (func "imported" (type $t2) (call 0))
# (func "ind0" (type $t2) (call_indirect (type $t1) (i32.const 0)))
# (func "ind1" (type $t2) (call_indirect (type $t1) (i32.const 1)))
imp_f0 = name('A') + name('f0') + b'\x00' + uleb(0)
imp_tab = name('A') + name('tab') + b'\x01' + FUNCREF + b'\x00' + uleb(2)
MODULE(module(raw_types=vec([rec2]), imports=[imp_f0, imp_tab],
              funcs=[1, 1, 1],
              exports=[exp_func('imported', 1), exp_func('ind0', 2),
                       exp_func('ind1', 3)],
              codes=[code(call(0)), code(i32c(0) + call_ind(0, 0)),
                     code(i32c(1) + call_ind(0, 0))]))
RETURNS('imported', [], [('i32', 11)])
RETURNS('ind0', [], [('i32', 11)])
TRAPS('ind1', [], 'indirect call type mismatch')
# A plain (func (result i32)) is not $t1: unlinkable.
UNLINKABLE(module(types=[functype([], [I32])], imports=[imp_f0]),
           'incompatible import type')

# Declared subtypes: (type $s (sub (func (result i32))))
# (type $t (sub $s (func (result i32)))); a function of type $t passes
# call_indirect's check for $s and for $t.
# (table 1 funcref) (elem (i32.const 0) $f) (func $f (type $t) (i32.const 5))
# (func "super" (type $s) (call_indirect (type $s) (i32.const 0)))
# (func "exact" (type $s) (call_indirect (type $t) (i32.const 0)))
sub_types = vec([b'\x50' + vec([]) + functype([], [I32]),
                 b'\x50' + vec([uleb(0)]) + functype([], [I32])])
MODULE(module(raw_types=sub_types, funcs=[1, 0, 0],
              tables=[FUNCREF + b'\x00' + uleb(1)],
              exports=[exp_func('super', 1), exp_func('exact', 2)],
              elems=[uleb(0) + i32c(0) + END + vec([uleb(0)])],
              codes=[code(i32c(5)), code(i32c(0) + call_ind(0, 0)),
                     code(i32c(0) + call_ind(1, 0))]))
RETURNS('super', [], [('i32', 5)])
RETURNS('exact', [], [('i32', 5)])

# GC's arrays, as far as implemented: array.new_default in a constant
# expression, an arrayref table, ref.eq.  An element segment is evaluated
# once per instance: two table.init of it copy the same array.
# (type $arr (array (mut arrayref))) (table 2 arrayref)
# (elem $one arrayref (item (array.new_default $arr (i32.const 0))))
# (elem $two arrayref (item (array.new_default $arr (i32.const 0)))
#                     (item (array.new_default $arr (i32.const 3))))
# (func "same" (result i32) (table.init $one (i32.const 0) (i32.const 0) (i32.const 1))
#   (table.init $one (i32.const 1) (i32.const 0) (i32.const 1))
#   (ref.eq (table.get (i32.const 0)) (table.get (i32.const 1))))
# (func "distinct" (result i32) (table.init $two (i32.const 0) (i32.const 0) (i32.const 2))
#   (ref.eq (table.get (i32.const 0)) (table.get (i32.const 1))))
# (func "null" (result i32) (ref.eq (ref.null none) (ref.null array)))
ARRAYREF = b'\x6a'
NEW0 = i32c(0) + b'\xfb\x07' + uleb(0) + END
NEW3 = i32c(3) + b'\xfb\x07' + uleb(0) + END
REF_EQ = b'\xd3'


def tinit(el, d, n):
    return i32c(d) + i32c(0) + i32c(n) + b'\xfc\x0c' + uleb(el) + uleb(0)


GETS = i32c(0) + table_get(0) + i32c(1) + table_get(0) + REF_EQ
MODULE(module(raw_types=vec([b'\x5e' + ARRAYREF + b'\x01',
                             functype([], [I32])]),
              funcs=[1, 1, 1],
              tables=[ARRAYREF + b'\x00' + uleb(2)],
              exports=[exp_func('same', 0), exp_func('distinct', 1),
                       exp_func('null', 2)],
              elems=[uleb(5) + ARRAYREF + vec([NEW0]),
                     uleb(5) + ARRAYREF + vec([NEW0, NEW3])],
              codes=[code(tinit(0, 0, 1) + tinit(0, 1, 1) + GETS),
                     code(tinit(1, 0, 2) + GETS),
                     code(ref_null(b'\x71') + ref_null(ARRAYREF)
                          + REF_EQ)]))
RETURNS('same', [], [('i32', 1)])
RETURNS('distinct', [], [('i32', 0)])
RETURNS('null', [], [('i32', 1)])

# ---- invalid modules: one per rule ----
T0 = [functype([I32], [I32]), functype([], [])]
DECL0 = [uleb(3) + b'\x00' + vec([uleb(0)])]  # (elem declare func 0)
# A local of type (ref $ii) read before it is set.
INVALID(module(types=T0, funcs=[1],
               codes=[code(lget(0) + DROP, [(1, ref(0))])]),
        'uninitialized local')
# Set inside a block, it is unset again after the block's end.
INVALID(module(types=T0, funcs=[1], elems=DECL0,
               codes=[code(block(EMPTY) + ref_func(0) + lset(0) + END
                           + lget(0) + DROP, [(1, ref(0))])]),
        'uninitialized local')
# Set in an if's then arm, it is unset in the else arm.
INVALID(module(types=T0, funcs=[1], elems=DECL0,
               codes=[code(i32c(1) + if_(EMPTY) + ref_func(0) + lset(0)
                           + ELSE + lget(0) + DROP + END,
                           [(1, ref(0))])]),
        'uninitialized local')
# A table of (ref func) without an initialiser.
INVALID(module(types=T0, tables=[ref(FUNC_HT) + b'\x00' + uleb(1)]),
        'type mismatch')
# A table initialiser of the wrong type: (ref null func) for (ref $ii).
INVALID(module(types=T0, tables=[tab_init(ref(0), 1, ref_null(FUNC_HT))]),
        'type mismatch')
# A nullable funcref where (ref func) is expected.
INVALID(module(types=[functype([FUNCREF], [ref(FUNC_HT)])], funcs=[0],
               codes=[code(lget(0))]),
        'type mismatch')
# call_ref $ii with a (ref $t) of another function type.
INVALID(module(types=T0, funcs=[1], elems=DECL0,
               codes=[code(i32c(1) + ref_func(0) + call_ref(0) + DROP)]),
        'type mismatch')
# call_ref of a funcref: it needs (ref null $ii).
INVALID(module(types=[functype([I32], [I32]), functype([FUNCREF], [I32])],
               funcs=[1], codes=[code(i32c(1) + lget(0) + call_ref(0))]),
        'type mismatch')
# br_on_non_null to a label that takes no reference.
INVALID(module(types=[functype([FUNCREF], [])], funcs=[0],
               codes=[code(block(EMPTY) + lget(0) + br_on_non_null(0)
                           + END)]),
        'type mismatch')
# br_on_non_null to a label of an i32, in unreachable code.
INVALID(module(types=[functype([], [I32])], funcs=[0],
               codes=[code(block(b'\x7f') + UNREACHABLE + br_on_non_null(0)
                           + END)]),
        'type mismatch')
# br_on_null of an i32.
INVALID(module(types=T0, funcs=[1],
               codes=[code(block(EMPTY) + i32c(0) + br_on_null(0) + DROP
                           + END)]),
        'type mismatch')
# ref.as_non_null of an i32.
INVALID(module(types=T0, funcs=[1],
               codes=[code(i32c(0) + AS_NON_NULL + DROP)]),
        'type mismatch')
# return_call_ref of a function whose result differs from the caller's.
INVALID(module(types=[functype([], [I64]), functype([], [I32])], funcs=[1],
               codes=[code(ref_null(0) + return_call_ref(0))]),
        'type mismatch')
# A reference to type 5 of a module with two.
INVALID(module(types=[functype([ref(5, True)], []), functype([], [])]),
        'unknown type')
# A final supertype.
INVALID(module(raw_types=vec([b'\x4f' + vec([]) + functype([], []),
                              b'\x50' + vec([uleb(0)])
                              + functype([], [])])),
        'type mismatch')
# A subtype whose parameters do not match its supertype's.
INVALID(module(raw_types=vec([b'\x50' + vec([]) + functype([I32], []),
                              b'\x50' + vec([uleb(0)])
                              + functype([], [])])),
        'type mismatch')
# call_ref naming a struct type.
INVALID(module(raw_types=vec([b'\x5f' + vec([I32 + b'\x00']),
                              functype([], [])]),
               funcs=[1], codes=[code(ref_null(0) + call_ref(0))]),
        'type mismatch')

# array.new_default of a function type.
INVALID(module(types=[functype([], [])],
               globals_=[ref(0, True) + b'\x00' + i32c(0) + b'\xfb\x07'
                         + uleb(0) + END]),
        'type mismatch')
# ref.eq of two funcrefs: they are not eqref.
INVALID(module(types=[functype([FUNCREF, FUNCREF], [I32])], funcs=[0],
               codes=[code(lget(0) + lget(1) + REF_EQ)]),
        'type mismatch')

with open(os.path.join(OUT, 'funcref.json'), 'w') as f:
    json.dump({'source_filename': 'funcref.py', 'commands': cmds}, f,
              indent=1)
