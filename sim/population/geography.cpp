// Counties, towns, industrial parks and villages on a plane.
//
// No detailed map is needed for the questions asked of the model: what matters is that
// travel time grows from the county seat outwards, that mountain villages lie far out on
// slow roads, and which counties' workplaces are within commuting reach of each other.
// Each county is a disc of its real area; the county seat sits at its centre, other towns
// and parks near it, villages further out by terrain. The discs are centred at the real
// county seats where the scenario gives them (the discs may overlap: real counties are not
// discs), else on a ring around the first county.
#include <algorithm>
#include <cmath>
#include <utility>

#include "population/world_builder.h"
#include "core/rng.h"
#include "model/constants.h"
#include "model/tables.h"
#include "model/travel.h"

namespace prosim {
namespace {

constexpr double kPi = 3.141592653589793;

std::int32_t add_settlement(World& w, SettlementKind kind, Terrain terrain, int county, double x, double y) {
  auto& s = w.settlements;
  s.kind.push_back(kind);
  s.terrain.push_back(terrain);
  s.county.push_back(county);
  s.x_km.push_back(static_cast<float>(x));
  s.y_km.push_back(static_cast<float>(y));
  s.village.push_back(-1);
  return static_cast<std::int32_t>(s.kind.size() - 1);
}

// The county's centre in km. With seats (every county has one: params_from_json checks),
// the seat projected onto the plane tangent at the first county's seat by the
// equirectangular projection: x east = R Δλ cos φ0, y north = R Δφ. Over a prefecture
// (about 100 km) its error in distances is a fraction of a percent, below the detour
// factor's uncertainty; over a province (about 400 km) up to about 3 %. Without seats the first
// county (the prefecture seat) sits in the middle and the others on a ring whose radius
// grows with their size, mountain counties further out.
std::pair<double, double> county_centre(const Params& p, int c, double radius) {
  const auto& in = p.counties[c];
  const int n = static_cast<int>(p.counties.size());
  if (in.has_seat) {
    const auto& origin = p.counties.front();
    const double rad = kPi / 180.0;
    return {kEarthRadiusKm * (in.seat.lon - origin.seat.lon) * rad * std::cos(origin.seat.lat * rad),
            kEarthRadiusKm * (in.seat.lat - origin.seat.lat) * rad};
  }
  if (c == 0) return {0.0, 0.0};
  const double ring = kCountyRingGapKm + radius + (in.mountain_county ? kMountainCountyExtraKm : 0.0);
  const double angle = 2 * kPi * (c - 1) / std::max(1, n - 1);
  return {ring * std::cos(angle), ring * std::sin(angle)};
}

}  // namespace

void build_geography(const Params& p, World& w) {
  const int n = static_cast<int>(p.counties.size());
  for (int c = 0; c < n; ++c) {
    const auto& in = p.counties[c];
    County county;
    county.name = in.name;
    county.mountain_county = in.mountain_county;
    county.min_wage_tier = in.min_wage_tier;
    county.dibao_standard = in.dibao_standard;
    w.counties.push_back(county);

    const double radius = std::sqrt(in.area_km2 / kPi);
    const auto [cx, cy] = county_centre(p, c, radius);
    RandomStream rng(p.seed, Purpose::BuildSettlement, 0, static_cast<std::uint64_t>(c));
    for (int t = 0; t < in.towns; ++t) {
      const double r = t == 0 ? 0.0 : radius * (kTownRadiusMin + kTownRadiusSpan * rng.uniform());
      const double a = 2 * kPi * rng.uniform();
      w.counties[c].towns.push_back(
          add_settlement(w, SettlementKind::Town, Terrain::Plain, c, cx + r * std::cos(a), cy + r * std::sin(a)));
    }
    for (int k = 0; k < in.parks; ++k) {
      const double r = radius * (kParkRadiusMin + kParkRadiusSpan * rng.uniform());
      const double a = 2 * kPi * rng.uniform();
      w.counties[c].parks.push_back(
          add_settlement(w, SettlementKind::Park, Terrain::Plain, c, cx + r * std::cos(a), cy + r * std::sin(a)));
    }
    // Villages: terrain classes in the scenario's shares, placed by terrain band.
    const int plain = static_cast<int>(std::lround(in.terrain[0] * in.villages));
    const int hill = static_cast<int>(std::lround(in.terrain[1] * in.villages));
    for (int v = 0; v < in.villages; ++v) {
      const Terrain terrain = v < plain ? Terrain::Plain : v < plain + hill ? Terrain::Hill : Terrain::Mountain;
      const int t = static_cast<int>(terrain);
      const double r = radius * (kVillageRingMin[t] + (kVillageRingMax[t] - kVillageRingMin[t]) * rng.uniform());
      const double a = 2 * kPi * rng.uniform();
      const auto s = add_settlement(w, SettlementKind::Village, terrain, c, cx + r * std::cos(a), cy + r * std::sin(a));
      w.settlements.village[s] = static_cast<std::int32_t>(w.villages.settlement.size());
      w.villages.settlement.push_back(s);
      w.villages.county.push_back(c);
    }
  }
  w.villages.resize(w.villages.settlement.size());

  auto& s = w.settlements;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.kind[i] != SettlementKind::Village) s.work_settlements.push_back(static_cast<std::int32_t>(i));
  s.reachable_work.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    for (auto ws : s.work_settlements)
      if (travel_minutes(s, static_cast<std::int32_t>(i), ws) <= p.economy.commuting_reach_minutes ||
          static_cast<std::int32_t>(i) == ws)
        s.reachable_work[i].push_back(ws);
}

}  // namespace prosim
