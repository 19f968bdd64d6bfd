#pragma once
// Counter-based random numbers (Random123 Philox4x32-10).
//
// Every draw is a pure function of (run seed, purpose, month, entity id, draw index).
// There is no generator state shared between agents or threads, so
//  - results do not depend on the thread count or on scheduling, and
//  - two scenarios run with the same seed give the same draws to every agent and
//    event that exists in both (common random numbers).
// A new use of randomness gets its own Purpose, so adding a draw somewhere never
// shifts the draws used elsewhere.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace prosim {

enum class Purpose : std::uint32_t {
  // world building
  BuildHousehold = 1, BuildPerson, BuildFirm, BuildVillage, BuildSettlement,
  // monthly systems (112 is a policy's: see policies/registry.cpp)
  JobSearch = 100, Layoff, Quit, SelfEmployment, Farm, FirmEntry, FirmExit, FirmDemand,
  Demography, Migration, Consumption, WageDraw,
  // added later: appended here so that no existing purpose is renumbered
  InMigration = 300,
  FamilySupport = 301,  // systems/family_support.cpp (the dibao policy's purpose until December 2026: same draws)
  // Rare events drawn by skipping (core/rare_events.h): the entity is the block of ids.
  DeathTrials = 302, BirthTrials = 303, QuitTrials = 304, SearchTrials = 305, ReturnTrials = 306,
  OutMigrationTrials = 307,
  Disability = 308,  // a person's severe-disability draw (model/disability.h)
  // parameter sweeps (sweep/designs.cpp): design sampling, never used inside a run
  SweepDesign = 400,
  // Policies get their codes from the policy registry (policies/registry.cpp): 112, 200-203
  // and, for new policies, blocks of 16 from 1000.
};

// Every code above: the policy registry refuses a policy purpose that equals one of them.
inline constexpr std::uint32_t kCorePurposes[] = {1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105, 106, 107,
                                                  108, 109, 110, 111, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400};

class RandomStream {
 public:
  // `seed` is the run seed; `month` the month index (or any second coordinate);
  // `entity` the id of the agent or event the draws belong to.
  RandomStream(std::uint64_t seed, Purpose purpose, std::uint32_t month, std::uint64_t entity)
      : ctr_{{month, static_cast<std::uint32_t>(entity), static_cast<std::uint32_t>(entity >> 32), 0}} {
    const std::uint64_t k = mix(seed ^ (static_cast<std::uint64_t>(purpose) * 0x9E3779B97F4A7C15ULL));
    key_ = {{static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32)}};
  }

  // Uniform on the open interval (0, 1), 53 bits from two 32-bit words.
  double uniform() {
    if (used_ >= 2) refill();
    const std::uint64_t hi = out_.v[2 * used_] >> 5, lo = out_.v[2 * used_ + 1] >> 6;  // 27 + 26 bits
    ++used_;
    return (static_cast<double>((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0);
  }
  // Standard normal (Box-Muller, both values from the same uniforms; one is kept).
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  bool bernoulli(double p) { return uniform() < p; }
  // Integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return below(uniform(), n); }
  // The integer below(n) returns when its uniform is u (for a caller that keeps a uniform).
  static std::uint64_t below(double u, std::uint64_t n) { return static_cast<std::uint64_t>(u * static_cast<double>(n)) % n; }
  // Pareto with scale xm and tail index alpha.
  double pareto(double xm, double alpha) { return xm * std::pow(uniform(), -1.0 / alpha); }
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }

  static std::uint64_t mix(std::uint64_t z) {  // splitmix64 finaliser
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  using Philox = r123::Philox4x32;
  void refill() {
    out_ = Philox()(ctr_, key_);
    ++ctr_.v[3];
    used_ = 0;
  }
  Philox::ctr_type ctr_;
  Philox::key_type key_;
  Philox::ctr_type out_{};
  int used_ = 2;
};

}  // namespace prosim
