#pragma once
// What counts as a household's own income in a means test: shared by the family-support
// system (systems/family_support.cpp) and the policies' means tests (policies/dibao.cpp), so
// both test the same sum.
#include <cstddef>

#include "world/households.h"

namespace prosim {

// A household's income this month before social assistance: every source up to other
// transfers, less income tax and contributions.
double income_before_assistance(const Households& hh, std::size_t h);

}  // namespace prosim
