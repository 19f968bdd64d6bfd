#include "world/persons.h"

namespace prosim {

void Persons::resize(std::size_t n) {
  age_months.resize(n);
  entry_age_months.resize(n);
  skill.resize(n);
  urban_hukou.resize(n);
  status.resize(n, LabourStatus::Child);
  pension.resize(n, PensionKind::None);
  pension_amount.resize(n, 0.0f);
  employer.resize(n, -1);
  wage.resize(n, 0.0f);
  months_employed.resize(n, 0);
  contribution_index.resize(n, 0.0f);
  household.resize(n, -1);
  occupant.resize(n, 0);
}

}  // namespace prosim
