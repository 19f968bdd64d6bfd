#pragma once
// Seeds of replicates, shared by `prosim run --replicates` and `prosim sweep`.
#include <cstdint>

#include "core/rng.h"

namespace prosim {

// Seed of replicate r (1-based) of a scenario whose seed is `seed`: two scenarios with the
// same seed get the same replicate seeds, so their replicates are paired (common random
// numbers). The top bit is cleared so the seed fits a signed 64-bit integer in any reader.
inline std::uint64_t replicate_seed(std::uint64_t seed, int r) {
  return RandomStream::mix(seed * 0x100000001B3ULL + static_cast<std::uint64_t>(r)) >> 1;
}

}  // namespace prosim
