#pragma once
// Places where people live and work. Towns and industrial parks are "work
// settlements" (firms sit there); villages are rural residences with land and a
// collective. Travel times between settlements (model/travel.h) decide who can commute
// where: the thing relocation changes for mountain households.
#include <cstdint>
#include <vector>

namespace prosim {

enum class SettlementKind : std::uint8_t { Town = 0, Park = 1, Village = 2 };
enum class Terrain : std::uint8_t { Plain = 0, Hill = 1, Mountain = 2 };

struct Settlements {
  std::vector<SettlementKind> kind;
  std::vector<Terrain> terrain;
  std::vector<std::int32_t> county;
  std::vector<float> x_km, y_km;         // planar coordinates
  std::vector<std::int32_t> village;     // index into Villages, -1 for towns/parks
  // For each settlement, the work settlements (towns, parks) within commuting reach,
  // in increasing id order. Built once by the world builder, rebuilt if reach changes.
  std::vector<std::vector<std::int32_t>> reachable_work;
  std::vector<std::int32_t> work_settlements;  // ids of all towns and parks

  std::size_t size() const { return kind.size(); }
  bool is_urban(std::int32_t s) const { return kind[s] != SettlementKind::Village; }
};

}  // namespace prosim
