#pragma once
// Internal invariants. A failed check is a bug in prosim, not in the user's input:
// it prints the expression, both operands and the place, then aborts.
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace prosim::detail {
[[noreturn]] inline void check_failed(const char* file, int line, const std::string& msg) {
  std::fprintf(stderr, "prosim internal error at %s:%d: %s\n", file, line, msg.c_str());
  std::abort();
}
template <class A, class B>
std::string binary_message(const char* ea, const char* op, const char* eb, const A& a, const B& b) {
  std::ostringstream s;
  s.precision(17);
  s << "CHECK(" << ea << ' ' << op << ' ' << eb << ") failed with " << ea << " = " << a << ", " << eb
    << " = " << b;
  return s.str();
}
}  // namespace prosim::detail

#define PROSIM_CHECK(cond) \
  do { if (!(cond)) ::prosim::detail::check_failed(__FILE__, __LINE__, "CHECK(" #cond ") failed"); } while (0)

#define PROSIM_CHECK_OP(a, op, b)                                                              \
  do {                                                                                         \
    const auto& prosim_a_ = (a);                                                               \
    const auto& prosim_b_ = (b);                                                               \
    if (!(prosim_a_ op prosim_b_))                                                             \
      ::prosim::detail::check_failed(                                                          \
          __FILE__, __LINE__, ::prosim::detail::binary_message(#a, #op, #b, prosim_a_, prosim_b_)); \
  } while (0)

#define PROSIM_CHECK_EQ(a, b) PROSIM_CHECK_OP(a, ==, b)
#define PROSIM_CHECK_LE(a, b) PROSIM_CHECK_OP(a, <=, b)
#define PROSIM_CHECK_LT(a, b) PROSIM_CHECK_OP(a, <, b)
#define PROSIM_CHECK_GE(a, b) PROSIM_CHECK_OP(a, >=, b)
