/*
 * cxxabi_eh.c - the C++ exception runtime for wasm exceptions, for the
 * guest C++ tests.
 *
 * Why it exists: Debian's libc++abi for wasm32 is built without
 * exceptions (it has no __cxa_throw and no personality routine), and
 * there is no libunwind for wasm32 in Debian.  clang-22 compiles C++ with
 * -fwasm-exceptions fine; only these runtime entry points are missing at
 * link time.  This file supplies them, written from the Itanium C++ ABI
 * (exception objects, type_info layouts, the LSDA) and from what LLVM's
 * WasmEHPrepare pass emits, so that C++ programs built with Debian's
 * clang-22 and libc++ exercise the runtime's wasm exception handling the
 * way programs built by WASIX toolchains (whose libc++abi has EH) do.
 *
 * How wasm C++ EH works:
 *   - __cxa_throw raises a wasm exception with the tag __cpp_exception
 *     whose one i32 payload is the address of the _Unwind_Exception that
 *     sits just before the thrown object.
 *   - A catch landing pad receives that address, stores its landing-pad
 *     index and the function's LSDA in __wasm_lpad_context, and calls
 *     _Unwind_CallPersonality, which leaves in .selector the type-table
 *     index of the matching catch clause (0: none matches: the pad
 *     rethrows).  Cleanup pads run destructors and rethrow without asking.
 *   - __cxa_begin_catch / __cxa_end_catch keep the stack of caught
 *     exceptions, and destroy an exception when its last handler ends.
 *
 * It also defines the exception_ptr entry points, so that libc++'s
 * no-exceptions stand-ins (which abort) are never linked.
 *
 * Limits (deliberate, for a test runtime): no dependent exceptions (an
 * exception_ptr rethrows the primary object itself), no exception
 * specifications other than noexcept (which clang lowers to a terminate
 * pad), and class matching takes the first public path to a base
 * (ambiguous bases are not diagnosed).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Itanium type_info layouts (what the compiler emits) --------------- */

struct type_info {
    const void *vptr;
    const char *name;
};

struct si_class_type_info {             /* single, public, non-virtual base */
    struct type_info ti;
    const struct type_info *base;
};

struct base_class_info {
    const struct type_info *type;
    long offset_flags;                  /* offset << 8 | flags */
};
enum { BASE_VIRTUAL = 1, BASE_PUBLIC = 2 };

struct vmi_class_type_info {            /* anything else with bases */
    struct type_info ti;
    unsigned flags;
    unsigned base_count;
    struct base_class_info bases[];
};

struct pbase_type_info {                /* pointers, pointers to members */
    struct type_info ti;
    unsigned flags;
    const struct type_info *pointee;
};
enum { PTR_CONST = 1, PTR_VOLATILE = 2, PTR_RESTRICT = 4, PTR_CV_MASK = 7 };

/* The vtables of the type_info classes, defined by libc++abi (its RTTI
 * part is built even without exceptions).  A type_info's vptr points two
 * words into its class's vtable (past offset-to-top and the RTTI slot). */
extern const void *_ZTVN10__cxxabiv117__class_type_infoE[];
extern const void *_ZTVN10__cxxabiv120__si_class_type_infoE[];
extern const void *_ZTVN10__cxxabiv121__vmi_class_type_infoE[];
extern const void *_ZTVN10__cxxabiv119__pointer_type_infoE[];

enum ti_kind { TI_OTHER, TI_CLASS, TI_SI, TI_VMI, TI_POINTER };

static enum ti_kind ti_kind(const struct type_info *t)
{
    if (t->vptr == &_ZTVN10__cxxabiv117__class_type_infoE[2])
        return TI_CLASS;
    if (t->vptr == &_ZTVN10__cxxabiv120__si_class_type_infoE[2])
        return TI_SI;
    if (t->vptr == &_ZTVN10__cxxabiv121__vmi_class_type_infoE[2])
        return TI_VMI;
    if (t->vptr == &_ZTVN10__cxxabiv119__pointer_type_infoE[2])
        return TI_POINTER;
    return TI_OTHER;
}

/* Two type_infos name the same type when their mangled names are equal
 * (a name may be emitted more than once in a program).  A leading '*'
 * marks a name the compiler declared unique: skip it for the compare. */
static const char *ti_name(const struct type_info *t)
{
    return t->name[0] == '*' ? t->name + 1 : t->name;
}

static int ti_equal(const struct type_info *a, const struct type_info *b)
{
    return a == b || a->name == b->name || strcmp(ti_name(a), ti_name(b)) == 0;
}

static int is_class(enum ti_kind k)
{
    return k == TI_CLASS || k == TI_SI || k == TI_VMI;
}

/* Find `want` among the public bases of an object of class type `have`
 * at *obj; on success *obj is moved to the base subobject. */
static int find_base(const struct type_info *have,
                     const struct type_info *want, void **obj)
{
    if (ti_equal(have, want))
        return 1;
    switch (ti_kind(have)) {
    case TI_SI:
        return find_base(((const struct si_class_type_info *)have)->base,
                         want, obj);
    case TI_VMI: {
        const struct vmi_class_type_info *v =
            (const struct vmi_class_type_info *)have;
        for (unsigned i = 0; i < v->base_count; i++) {
            const struct base_class_info *b = &v->bases[i];
            if (!(b->offset_flags & BASE_PUBLIC))
                continue;
            long off = b->offset_flags >> 8;
            char *base = *obj;
            if (b->offset_flags & BASE_VIRTUAL) {
                /* the offset is where, in the object's vtable, the
                 * virtual base's offset is stored */
                const char *vtable = *(const char *const *)base;
                base += *(const long *)(vtable + off);
            } else {
                base += off;
            }
            void *p = base;
            if (find_base(b->type, want, &p)) {
                *obj = p;
                return 1;
            }
        }
        return 0;
    }
    default:
        return 0;
    }
}

/* Can a handler of type `c` catch an exception of type `t` whose object is
 * at *adj?  On success *adj is what __cxa_begin_catch must hand the
 * handler: the (base) object, or for pointer handlers the pointer value. */
static int can_catch(const struct type_info *c, const struct type_info *t,
                     void **adj)
{
    if (ti_equal(c, t)) {
        if (ti_kind(t) == TI_POINTER)
            *adj = *(void **)*adj;
        return 1;
    }
    enum ti_kind ck = ti_kind(c), tk = ti_kind(t);
    if (is_class(ck) && is_class(tk))
        return find_base(t, c, adj);
    if (ck == TI_POINTER && tk == TI_POINTER) {
        const struct pbase_type_info *cp = (const struct pbase_type_info *)c;
        const struct pbase_type_info *tp = (const struct pbase_type_info *)t;
        /* a handler may add qualifiers, never drop them */
        if ((tp->flags & PTR_CV_MASK) & ~(cp->flags & PTR_CV_MASK))
            return 0;
        void *p = *(void **)*adj;
        if (ti_equal(cp->pointee, tp->pointee)) {
            *adj = p;
            return 1;
        }
        /* T* to void*: any object pointer */
        if (strcmp(ti_name(cp->pointee), "v") == 0 &&
            (is_class(ti_kind(tp->pointee)) || ti_kind(tp->pointee) == TI_OTHER)) {
            *adj = p;
            return 1;
        }
        if (is_class(ti_kind(cp->pointee)) && is_class(ti_kind(tp->pointee))) {
            if (p == NULL) {
                *adj = NULL;
                return 1;
            }
            if (find_base(tp->pointee, cp->pointee, &p)) {
                *adj = p;
                return 1;
            }
        }
    }
    return 0;
}

/* ---- exception objects ------------------------------------------------- */

struct unwind_exception {
    uint64_t exception_class;
    void (*cleanup)(int, struct unwind_exception *);
    uintptr_t private_1, private_2;
};

struct cxa_exception {
    const struct type_info *type;
    /* wasm's C++ ABI has destructors return `this` */
    void *(*dtor)(void *);
    struct cxa_exception *next_caught;  /* the stack of caught exceptions */
    int handlers;                       /* live catch handlers */
    int in_flight;                      /* thrown, not yet caught */
    int refs;                           /* std::exception_ptr references */
    void *adjusted;                     /* from the personality, for begin_catch */
    struct unwind_exception unwind;     /* last: the thrown object follows */
};

/* "CLNGC++\0", as libc++abi marks its own exceptions */
#define OUR_CLASS 0x434C4E47432B2B00ull

/* The header is padded so that the object keeps the strictest alignment */
#define HEADER_SIZE \
    ((sizeof(struct cxa_exception) + _Alignof(max_align_t) - 1) & \
     ~(_Alignof(max_align_t) - 1))

static struct cxa_exception *from_object(void *obj)
{
    return (struct cxa_exception *)((char *)obj - HEADER_SIZE);
}

static void *to_object(struct cxa_exception *h)
{
    return (char *)h + HEADER_SIZE;
}

static struct cxa_exception *from_unwind(struct unwind_exception *u)
{
    return (struct cxa_exception *)((char *)u -
                                    offsetof(struct cxa_exception, unwind));
}

static _Thread_local struct cxa_exception *caught_stack;
static _Thread_local unsigned uncaught;

_Noreturn static void fail(const char *why)
{
    fprintf(stderr, "terminate called: %s\n", why);
    abort();
}

void *__cxa_allocate_exception(size_t size)
{
    /* the header sits at the start of a max_align_t-aligned block */
    void *block = aligned_alloc(_Alignof(max_align_t),
                                (HEADER_SIZE + size + _Alignof(max_align_t) - 1) &
                                ~(_Alignof(max_align_t) - 1));
    if (block == NULL)
        fail("out of memory allocating an exception");
    memset(block, 0, HEADER_SIZE);
    return (char *)block + HEADER_SIZE;
}

void __cxa_free_exception(void *obj)
{
    free(from_object(obj));
}

/* An exception dies when no handler runs it, no throw carries it and no
 * exception_ptr holds it. */
static void destroy_if_dead(struct cxa_exception *h)
{
    if (h->handlers > 0 || h->in_flight || h->refs > 0)
        return;
    if (h->dtor)
        h->dtor(to_object(h));
    free(h);
}

_Noreturn static void raise_exception(struct unwind_exception *u)
{
    /* tag 0 is __cpp_exception; its payload is the unwind header */
    __builtin_wasm_throw(0, u);
}

_Noreturn void __cxa_throw(void *obj, const struct type_info *type,
                           void *(*dtor)(void *))
{
    struct cxa_exception *h = from_object(obj);
    h->type = type;
    h->dtor = dtor;
    h->unwind.exception_class = OUR_CLASS;
    h->in_flight = 1;
    uncaught++;
    raise_exception(&h->unwind);
}

void *__cxa_init_primary_exception(void *obj, const struct type_info *type,
                                   void *(*dtor)(void *))
{
    struct cxa_exception *h = from_object(obj);
    h->type = type;
    h->dtor = dtor;
    h->unwind.exception_class = OUR_CLASS;
    return h;
}

void *__cxa_get_exception_ptr(void *u)
{
    return u ? from_unwind(u)->adjusted : NULL;
}

void *__cxa_begin_catch(void *u)
{
    /* a catch_all pad of a catch (...) may hand a foreign exception's
     * (absent) payload: nothing to track then */
    if (u == NULL)
        return NULL;
    struct cxa_exception *h = from_unwind(u);
    if (h->unwind.exception_class != OUR_CLASS)
        return (struct unwind_exception *)u + 1;
    /* not in the caught stack unless a handler of it is still running
     * (a rethrow caught inside the handler that rethrew) */
    if (h->handlers++ == 0) {
        h->next_caught = caught_stack;
        caught_stack = h;
    }
    h->in_flight = 0;
    uncaught--;
    return h->adjusted;
}

void __cxa_end_catch(void)
{
    struct cxa_exception *h = caught_stack;
    if (h == NULL)
        return;
    if (--h->handlers > 0)
        return;
    caught_stack = h->next_caught;
    /* a rethrown exception lives on in the next handler */
    destroy_if_dead(h);
}

_Noreturn void __cxa_rethrow(void)
{
    struct cxa_exception *h = caught_stack;
    if (h == NULL)
        fail("rethrow with no exception being handled");
    h->in_flight = 1;
    uncaught++;
    raise_exception(&h->unwind);
}

void __cxa_increment_exception_refcount(void *obj)
{
    if (obj)
        from_object(obj)->refs++;
}

void __cxa_decrement_exception_refcount(void *obj)
{
    if (obj) {
        struct cxa_exception *h = from_object(obj);
        h->refs--;
        destroy_if_dead(h);
    }
}

void *__cxa_current_primary_exception(void)
{
    struct cxa_exception *h = caught_stack;
    if (h == NULL)
        return NULL;
    h->refs++;
    return to_object(h);
}

_Noreturn void __cxa_rethrow_primary_exception(void *obj)
{
    struct cxa_exception *h = from_object(obj);
    h->in_flight = 1;
    uncaught++;
    raise_exception(&h->unwind);
}

int __cxa_uncaught_exception(void)
{
    return uncaught != 0;
}

void *__cxa_current_exception_type(void)
{
    return caught_stack ? (void *)caught_stack->type : NULL;
}

unsigned __cxa_uncaught_exceptions(void)
{
    return uncaught;
}

/* ---- the personality ---------------------------------------------------- */

/* Shared with the compiler's landing pads (WasmEHPrepare declares it
 * thread-local with this layout). */
struct lpad_context {
    uintptr_t lpad_index;
    const uint8_t *lsda;
    uintptr_t selector;
};
_Thread_local struct lpad_context __wasm_lpad_context;

/* LEB128: the value, and in *shift the bits read and in *last the last
 * byte (for the sign). */
static uintptr_t leb(const uint8_t **p, unsigned *shift, uint8_t *last)
{
    uintptr_t v = 0;
    uint8_t b;
    *shift = 0;
    do {
        b = *(*p)++;
        v |= (uintptr_t)(b & 0x7f) << *shift;
        *shift += 7;
    } while (b & 0x80);
    *last = b;
    return v;
}

static uintptr_t uleb(const uint8_t **p)
{
    unsigned shift;
    uint8_t last;
    return leb(p, &shift, &last);
}

static intptr_t sleb(const uint8_t **p)
{
    unsigned shift;
    uint8_t last;
    uintptr_t v = leb(p, &shift, &last);
    if ((last & 0x40) && shift < sizeof v * 8)
        v |= ~(uintptr_t)0 << shift;
    return (intptr_t)v;
}

enum { DW_EH_PE_omit = 0xff, DW_EH_PE_absptr = 0x00, DW_EH_PE_udata4 = 0x03,
       DW_EH_PE_sdata4 = 0x0b };

static const struct type_info *type_entry(const uint8_t *class_info,
                                          uint8_t enc, intptr_t index)
{
    /* the type table grows down from class_info, one 4-byte pointer per
     * entry on wasm32 (absptr and udata4 agree there) */
    if ((enc & 0x0f) != DW_EH_PE_absptr && (enc & 0x0f) != DW_EH_PE_udata4 &&
        (enc & 0x0f) != DW_EH_PE_sdata4)
        fail("unsupported type-table encoding");
    uint32_t v;
    memcpy(&v, class_info - index * 4, 4);
    return (const struct type_info *)(uintptr_t)v;
}

enum { URC_HANDLER_FOUND = 6, URC_CONTINUE_UNWIND = 8 };

int _Unwind_CallPersonality(void *exn)
{
    struct unwind_exception *u = exn;
    struct lpad_context *ctx = &__wasm_lpad_context;
    ctx->selector = 0;
    const uint8_t *p = ctx->lsda;
    if (p == NULL)
        return URC_CONTINUE_UNWIND;

    uint8_t lp_start_enc = *p++;
    if (lp_start_enc != DW_EH_PE_omit)
        fail("unsupported landing-pad start encoding");
    uint8_t ttype_enc = *p++;
    const uint8_t *class_info = NULL;
    if (ttype_enc != DW_EH_PE_omit) {
        uintptr_t off = uleb(&p);
        class_info = p + off;
    }
    p++;                                /* call-site encoding: always uleb */
    uintptr_t table_len = uleb(&p);
    const uint8_t *sites = p, *actions = p + table_len;

    /* one call-site entry per landing pad, in landing-pad order */
    uintptr_t action_entry = 0;
    int found = 0;
    for (uintptr_t i = 0; sites < actions; i++) {
        (void)uleb(&sites);             /* the landing pad: its index */
        uintptr_t a = uleb(&sites);
        if (i == ctx->lpad_index) {
            action_entry = a;
            found = 1;
            break;
        }
    }
    if (!found || action_entry == 0)
        return URC_CONTINUE_UNWIND;

    int ours = u->exception_class == OUR_CLASS;
    struct cxa_exception *h = ours ? from_unwind(u) : NULL;
    const uint8_t *a = actions + (action_entry - 1);
    for (;;) {
        intptr_t ttype_index = sleb(&a);
        if (ttype_index > 0) {
            const struct type_info *c =
                type_entry(class_info, ttype_enc, ttype_index);
            void *adj = ours ? to_object(h) : (void *)(u + 1);
            if (c == NULL || (ours && can_catch(c, h->type, &adj))) {
                if (ours)
                    h->adjusted = adj;
                ctx->selector = (uintptr_t)ttype_index;
                return URC_HANDLER_FOUND;
            }
        }
        /* ttype_index < 0 (an exception specification) is not emitted for
         * C++17 code; 0 is a cleanup, which the pad runs anyway */
        const uint8_t *next = a;
        intptr_t step = sleb(&next);
        if (step == 0)
            return URC_CONTINUE_UNWIND;
        a += step;
    }
}
