// eh_classes.cpp - C++ exceptions as clang-22 compiles them for wasm
// (-fwasm-exceptions, legacy and exnref encodings), against the native
// build: matching by type and by public base (single, multiple, virtual),
// pointers, catch (...), rethrow, nested handlers, destructors run while
// unwinding, constructors that throw, and the library's exception types.
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

static int live;      // objects alive: must be 0 whenever nothing is held
static int failures;

#define CHECK(c)                                                      \
    do {                                                              \
        if (!(c)) {                                                   \
            std::printf("FAIL line %d: %s\n", __LINE__, #c);          \
            failures++;                                               \
        }                                                             \
    } while (0)

struct Tracked {
    int id;
    explicit Tracked(int i) : id(i) { live++; }
    Tracked(const Tracked &o) : id(o.id) { live++; }
    ~Tracked() { live--; }
};

struct Base {
    int b = 11;
    virtual ~Base() {}
    virtual const char *who() const { return "Base"; }
};
struct Derived : Base {
    Tracked t{1};
    const char *who() const override { return "Derived"; }
};
struct Left { int l = 21; virtual ~Left() {} };
struct Right { int r = 22; virtual ~Right() {} };
struct Both : Left, Right { int x = 23; };
struct VBase { int v = 31; virtual ~VBase() {} };
struct VMid1 : virtual VBase { int m1 = 32; };
struct VMid2 : virtual VBase { int m2 = 33; };
struct Diamond : VMid1, VMid2 { int d = 34; };
struct Private : private Base {};

static void thrower(int kind)
{
    Tracked guard(100 + kind);
    switch (kind) {
    case 0: throw 42;
    case 1: throw Derived();
    case 2: throw Both();
    case 3: throw Diamond();
    case 4: throw std::out_of_range("index 7");
    case 5: throw std::string("a string");
    case 6: throw "a literal";
    case 7: throw 2.5;
    case 8: throw Private();
    }
}

static void deep(int n, int kind)
{
    Tracked t(n);
    if (n == 0)
        thrower(kind);
    else
        deep(n - 1, kind);
}

struct Member { Member() { throw std::runtime_error("member ctor"); } };
struct Holder {
    Tracked first{7};
    Member m;                 // throws: `first` must be destroyed
    Tracked never{8};
};

static int in_unwind_count = -1;
struct Observer {
    ~Observer() { in_unwind_count = std::uncaught_exceptions(); }
};

int main()
{
    // by exact type
    try { thrower(0); } catch (int v) { std::printf("int %d\n", v); CHECK(v == 42); }
    CHECK(live == 0);

    // by public base, with a virtual call on the caught object
    try { thrower(1); } catch (const Base &b) {
        std::printf("base ref: %s b=%d\n", b.who(), b.b); CHECK(b.b == 11);
    }
    CHECK(live == 0);

    // multiple inheritance: the second base needs the pointer adjusted
    try { thrower(2); } catch (Right &r) { std::printf("right r=%d\n", r.r); CHECK(r.r == 22); }
    try { thrower(2); } catch (Left &l) { std::printf("left l=%d\n", l.l); CHECK(l.l == 21); }

    // virtual base through the vtable's offset
    try { thrower(3); } catch (VBase &v) { std::printf("vbase v=%d\n", v.v); CHECK(v.v == 31); }
    try { thrower(3); } catch (VMid2 &m) { std::printf("vmid2 m2=%d v=%d\n", m.m2, m.v); }

    // the library's hierarchy
    try { thrower(4); } catch (const std::logic_error &e) {
        std::printf("logic_error: %s\n", e.what());
    }
    try { thrower(4); } catch (const std::exception &e) {
        std::printf("exception: %s\n", e.what());
    }
    try { thrower(5); } catch (const std::string &s) { std::printf("string: %s\n", s.c_str()); }
    try { thrower(6); } catch (const char *s) { std::printf("literal: %s\n", s); }

    // first matching clause wins; a non-matching clause is skipped
    try { thrower(7); } catch (int) { CHECK(!"int caught a double"); }
    catch (double d) { std::printf("double %.1f\n", d); }

    // a private base does not catch
    try {
        try { thrower(8); } catch (Base &) { CHECK(!"private base caught"); }
    } catch (...) { std::printf("private base: not caught by Base&\n"); }

    // pointers: derived to base, and to void*
    Derived *dp = new Derived();
    try { throw dp; } catch (Base *b) { std::printf("ptr: %s\n", b->who()); CHECK(b == dp); }
    try { throw dp; } catch (void *v) { CHECK(v == dp); std::printf("void ptr ok\n"); }
    try { throw static_cast<Both *>(nullptr); } catch (Right *r) { CHECK(r == nullptr); std::printf("null ptr ok\n"); }
    delete dp;
    CHECK(live == 0);

    // through 500 frames, each with a destructor to run
    try { deep(500, 1); } catch (Derived &d) { std::printf("deep: %s live=%d\n", d.who(), live); }
    CHECK(live == 0);

    // catch (...) and rethrow, caught again outside
    try {
        try { thrower(1); } catch (...) { std::printf("catch-all, rethrow\n"); throw; }
    } catch (Base &b) { std::printf("after rethrow: %s\n", b.who()); }
    CHECK(live == 0);

    // a rethrow caught inside the handler that rethrew
    try { thrower(0); } catch (int &outer) {
        try { throw; } catch (int &inner) { CHECK(&inner == &outer); inner = 5; }
        std::printf("nested rethrow sees %d\n", outer);
        CHECK(outer == 5);
    }

    // a new exception thrown from a handler
    try {
        try { thrower(0); } catch (int) { throw std::runtime_error("from handler"); }
    } catch (std::runtime_error &e) { std::printf("%s\n", e.what()); }
    CHECK(live == 0);

    // a constructor that throws: the built members are destroyed
    try { Holder h; } catch (std::runtime_error &e) { std::printf("holder: %s live=%d\n", e.what(), live); }
    CHECK(live == 0);

    // std::uncaught_exceptions during unwinding
    try { Observer o; throw 1; } catch (int) {}
    std::printf("uncaught during unwind: %d, after: %d\n", in_unwind_count,
                std::uncaught_exceptions());
    CHECK(in_unwind_count == 1);

    // containers unwound with their contents
    try {
        std::vector<std::string> v;
        for (int i = 0; i < 100; i++) v.push_back(std::string(50, 'a' + i % 26));
        throw std::length_error("vector " + std::to_string(v.size()));
    } catch (std::length_error &e) { std::printf("%s\n", e.what()); }

    // many throws: nothing leaks, nothing slows down
    long sum = 0;
    for (int i = 0; i < 20000; i++) {
        try { if (i % 3) throw Tracked(i); sum += 1; }
        catch (Tracked &t) { sum += t.id % 7; }
    }
    std::printf("loop sum %ld live=%d\n", sum, live);
    CHECK(live == 0);

    std::printf("%s\n", failures ? "FAILED" : "all ok");
    return failures != 0;
}
