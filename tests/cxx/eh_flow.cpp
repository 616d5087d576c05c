// eh_flow.cpp - exceptions moving through the program's control flow, as
// clang-22 compiles them for wasm, against the native build:
// std::exception_ptr (current_exception, rethrow_exception,
// make_exception_ptr), nested exceptions, throws through function
// pointers, virtual calls, lambdas and std::function, destructors that
// throw during normal scope exit, and noexcept boundaries that are not
// crossed.
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

static int failures;
#define CHECK(c)                                                      \
    do {                                                              \
        if (!(c)) {                                                   \
            std::printf("FAIL line %d: %s\n", __LINE__, #c);          \
            failures++;                                               \
        }                                                             \
    } while (0)

static int live;
struct Err : std::runtime_error {
    int code;
    Err(const std::string &m, int c) : std::runtime_error(m), code(c) { live++; }
    Err(const Err &o) : std::runtime_error(o), code(o.code) { live++; }
    ~Err() override { live--; }
};

static std::exception_ptr saved;

static void keep_current()
{
    try {
        throw Err("saved for later", 7);
    } catch (...) {
        saved = std::current_exception();
    }
}

struct Shape {
    virtual ~Shape() {}
    virtual int area() const = 0;
};
struct Bad : Shape {
    int area() const override { throw std::domain_error("negative side"); }
};

static int via_pointer(int (*f)(int), int x) { return f(x) + 1; }
static int explode(int x)
{
    if (x > 2)
        throw Err("from pointer " + std::to_string(x), x);
    return x;
}

struct ThrowsOnExit {
    ~ThrowsOnExit() noexcept(false) { throw std::runtime_error("from destructor"); }
};

static int safe_noexcept(int x) noexcept
{
    try {
        if (x)
            throw x;
    } catch (int v) {
        return v * 2;
    }
    return 0;
}

int main()
{
    // exception_ptr outlives its handler and rethrows the same object
    keep_current();
    CHECK(live == 1);
    try {
        std::rethrow_exception(saved);
    } catch (Err &e) {
        std::printf("rethrown: %s code=%d\n", e.what(), e.code);
        CHECK(e.code == 7);
    }
    saved = nullptr;
    CHECK(live == 0);

    // make_exception_ptr
    std::exception_ptr p = std::make_exception_ptr(std::invalid_argument("made"));
    try {
        std::rethrow_exception(p);
    } catch (std::logic_error &e) {
        std::printf("made: %s\n", e.what());
    }

    // nested exceptions
    try {
        try {
            throw std::out_of_range("inner");
        } catch (...) {
            std::throw_with_nested(std::runtime_error("outer"));
        }
    } catch (std::runtime_error &e) {
        std::printf("outer: %s\n", e.what());
        try {
            std::rethrow_if_nested(e);
        } catch (std::out_of_range &inner) {
            std::printf("nested: %s\n", inner.what());
        }
    }

    // through a virtual call, a function pointer, a lambda, std::function
    std::unique_ptr<Shape> s(new Bad);
    try { s->area(); } catch (std::domain_error &e) { std::printf("virtual: %s\n", e.what()); }
    int total = 0;
    for (int i = 0; i < 5; i++) {
        try { total += via_pointer(explode, i); }
        catch (Err &e) { std::printf("%s\n", e.what()); total += 100 * e.code; }
    }
    std::printf("total %d\n", total);
    CHECK(total == 706);
    auto lambda = [](int n) { if (n == 3) throw n; return n; };
    std::function<int(int)> fn = lambda;
    int got = 0;
    for (int i = 0; i < 5; i++) {
        try { got += fn(i); } catch (int v) { got += 1000 * v; }
    }
    std::printf("std::function %d\n", got);
    CHECK(got == 3007);

    // a destructor that throws on normal scope exit
    try {
        ThrowsOnExit t;
        std::printf("leaving scope\n");
    } catch (std::runtime_error &e) {
        std::printf("%s\n", e.what());
    }

    // a noexcept function that handles its own exception
    std::printf("noexcept: %d\n", safe_noexcept(21));
    CHECK(safe_noexcept(21) == 42);
    CHECK(live == 0);

    std::printf("%s\n", failures ? "FAILED" : "all ok");
    return failures != 0;
}
