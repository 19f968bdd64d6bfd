#include "world/settlements.h"

#include <cmath>

namespace prosim {

double travel_minutes(const Settlements& s, std::int32_t from, std::int32_t to) {
  const double dx = s.x_km[from] - s.x_km[to], dy = s.y_km[from] - s.y_km[to];
  // Road distance is longer than the straight line (detour factor 1.3).
  const double km = 1.3 * std::sqrt(dx * dx + dy * dy);
  static constexpr double kSpeedKmh[3] = {45.0, 32.0, 22.0};       // plain, hill, mountain roads
  static constexpr double kAccessMinutes[3] = {5.0, 10.0, 20.0};  // to reach the main road
  const int t = static_cast<int>(s.terrain[from]);
  return kAccessMinutes[t] + 60.0 * km / kSpeedKmh[t];
}

}  // namespace prosim
