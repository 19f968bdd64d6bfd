#pragma once
// Severe disability (grades 1-2 of China's disability certificate): who has it, shared by the
// population builder and demography (such persons stay out of the labour force) and by
// means tests (a policy may cover them). Not a stored field: a person's disability is a fixed
// uniform draw, keyed by its slot and the slot's occupant number (persons.h), compared with
// the rate of its age, so it is the same in every saved state, thread count and scenario with
// the same seed, and a person whose draw lies between the two rates becomes disabled at 60.
// A person moved down a slot after a death in its household (systems/demography.cpp) is a
// new occupant and gets a new draw: a redraw for a few persons a year (documented in
// docs/model.md 4.2).
#include <cstddef>
#include <cstdint>

#include "core/rng.h"
#include "model/params.h"

namespace prosim {

inline constexpr std::uint16_t kDisabilityOldAgeMonths = 60 * 12;  // the rates' age split

inline bool severely_disabled(const EconomyParams& e, std::uint64_t seed, std::size_t slot, std::uint16_t occupant,
                              std::uint16_t age_months) {
  const double rate = age_months >= kDisabilityOldAgeMonths ? e.severe_disability_rate_60_plus
                                                            : e.severe_disability_rate_under_60;
  if (rate <= 0) return false;
  return RandomStream(seed, Purpose::Disability, occupant, slot).uniform() < rate;
}

}  // namespace prosim
