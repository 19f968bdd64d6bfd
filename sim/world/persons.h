#pragma once
// Persons, struct-of-arrays, in slots: each household owns a fixed, contiguous range of
// slots (households.h), its living members in the first `size` of them and empty
// (`Vacant`) slots after them, room for births. A person's index is its slot; a death
// moves the household's later members down one slot (systems/demography.cpp), so the
// random draws keyed by slot stay the same across scenarios until lives differ.
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace prosim {

enum class LabourStatus : std::uint8_t {
  Child = 0,        // below labour-entry age (incl. in education)
  Employed = 1,     // employee of a firm (employer >= 0)
  SelfEmployed = 2, // own-account worker / small business
  Farming = 3,      // works the household's land
  Unemployed = 4,   // in the labour force, looking for work
  Inactive = 5,     // working age, outside the labour force
  Retired = 6,
  Migrant = 7,      // working outside the region; sends remittances home (rest of world)
  Vacant = 8,       // an empty slot of a household (nobody): every system skips it
  Away = 9,         // an in-migrant gone back to the home region for lack of work (may come back)
};
inline constexpr int kLabourStatusCount = 10;

// Working or looking for work in the region (the ILO labour force).
inline bool in_labour_force(LabourStatus s) {
  return s == LabourStatus::Employed || s == LabourStatus::SelfEmployed || s == LabourStatus::Farming ||
         s == LabourStatus::Unemployed;
}

// Eight consecutive person slots' statuses tested at once (a pass over slots that has work
// for a few statuses only skips the others eight at a time: count_labour_force). The word
// holds the eight status bytes in memory order (little-endian: slot k is byte k).
inline std::uint64_t status_word(const LabourStatus* s) {
  static_assert(std::endian::native == std::endian::little && sizeof(LabourStatus) == 1);
  std::uint64_t word;
  std::memcpy(&word, s, sizeof word);
  return word;
}

// The high bit of byte k of the result is set where byte k of `word` (a status_word) is a status
// in [lo, hi), in the enum's order. Each byte is below 0x80, so with its high bit set it can
// take off up to 0x80 without borrowing from the next: the high bit stays where byte >= lo.
inline std::uint64_t statuses_between(std::uint64_t word, LabourStatus lo, LabourStatus hi) {
  constexpr std::uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  static_assert(kLabourStatusCount <= 0x80);
  const auto at_least = [&](LabourStatus s) { return ((word | kHigh) - static_cast<std::uint64_t>(s) * kOnes) & kHigh; };
  return at_least(lo) & ~at_least(hi);
}

// The high bit of byte k is set where byte k of `word` is the status s: the range [s, s + 1),
// so that a caller naming one status does not depend on which enumerator follows it.
inline std::uint64_t statuses_equal(std::uint64_t word, LabourStatus s) {
  return statuses_between(word, s, static_cast<LabourStatus>(static_cast<std::uint8_t>(s) + 1));
}

// Calls f(i) for each slot i in [begin, end) whose status byte has its high bit set in
// hits(status_word) (statuses_between and their unions), in increasing order. The last few
// slots are tested one by one, as a word of one status and seven children (byte 0): hits
// must not select LabourStatus::Child.
template <class Hits, class F>
void for_each_status_hit(const LabourStatus* status, std::size_t begin, std::size_t end, Hits&& hits, F&& f) {
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8)
    for (std::uint64_t mask = hits(status_word(status + i)); mask != 0; mask &= mask - 1)
      f(i + static_cast<std::size_t>(std::countr_zero(mask)) / 8);
  for (; i < end; ++i)
    if (hits(static_cast<std::uint64_t>(status[i])) != 0) f(i);
}

enum class PensionKind : std::uint8_t { None = 0, UrbanEmployee = 1, RuralResident = 2 };

struct Persons {
  std::vector<std::uint16_t> age_months;
  std::vector<std::uint16_t> entry_age_months;  // age at which the person enters the labour force
  std::vector<float> skill;                     // efficiency units supplied when employed (mean ~1)
  std::vector<std::uint8_t> urban_hukou;        // 1 = urban household registration
  std::vector<LabourStatus> status;
  std::vector<PensionKind> pension;
  // Urban-employee pension in payment, yuan/month (nominal): fixed at retirement from the
  // wage level of the year before, then raised each January (systems/government.cpp; in
  // the burn-in reset each month to a new retiree's); 0 for the others.
  std::vector<float> pension_amount;
  std::vector<std::int32_t> employer;           // firm id or -1
  std::vector<float> wage;                      // gross monthly wage if employed, yuan
  std::vector<std::uint16_t> months_employed;   // contribution record, months (capped)
  // The contribution index of that record (国发〔2005〕38号's 本人平均缴费指数): the mean over
  // its months of the month's wage over last year's mean wage, each month between
  // kContributionIndexMin and kContributionIndexMax (systems/production.cpp); the build's
  // adults start from their skill (population.cpp). A new urban-employee pension follows it
  // with economy.employee_pension_own_wage (model/person_rules.h).
  std::vector<float> contribution_index;
  std::vector<std::int32_t> household;
  // How many times the slot has been taken by a new person (a newborn, a member moved
  // down after a death, an in-migrant replacing a departed one): policies that follow a
  // person check it.
  std::vector<std::uint16_t> occupant;

  std::size_t size() const { return age_months.size(); }
  void resize(std::size_t n);
  // Empties slot i and counts a new occupant: nobody, with no employer, wage, pension or
  // contribution record (as resize leaves new slots), so a birth, a member moved down after a
  // death (systems/demography.cpp) or an in-migrant replacing a departed one
  // (systems/migration.cpp) need only set what a new person has.
  void vacate(std::size_t i) {
    age_months[i] = 0;
    status[i] = LabourStatus::Vacant;
    employer[i] = -1;
    wage[i] = 0;
    pension[i] = PensionKind::None;
    pension_amount[i] = 0;
    months_employed[i] = 0;
    contribution_index[i] = 0;
    occupant[i] += 1;
  }
};

}  // namespace prosim
