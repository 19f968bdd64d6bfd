#include "model/travel.h"

#include <cmath>

#include "model/constants.h"
#include "model/tables.h"

namespace prosim {

double travel_minutes(const Settlements& s, std::int32_t from, std::int32_t to) {
  const double dx = s.x_km[from] - s.x_km[to], dy = s.y_km[from] - s.y_km[to];
  // Road distance is longer than the straight line (detour factor).
  const double km = kRoadDetour * std::sqrt(dx * dx + dy * dy);
  const int t = static_cast<int>(s.terrain[from]);
  return kRoadAccessMinutes[t] + 60.0 * km / kRoadSpeedKmh[t];
}

double commute_weight(double minutes, double decay_minutes) { return std::exp(-minutes / decay_minutes); }

void reach_commute_weights(const Settlements& s, std::int32_t home, double decay_minutes, std::vector<double>& out) {
  const auto& reach = s.reachable_work[home];
  out.resize(reach.size());
  for (std::size_t r = 0; r < reach.size(); ++r) out[r] = commute_weight(travel_minutes(s, home, reach[r]), decay_minutes);
}

}  // namespace prosim
