#include "record/run_record.h"

namespace prosim {

const Axis* Group::axis(const std::string& name) const {
  for (const auto& a : axes)
    if (a.name == name) return &a;
  return nullptr;
}

const Variable* Group::variable(const std::string& name) const {
  for (const auto& v : variables)
    if (v.name == name) return &v;
  return nullptr;
}

Group& RunRecord::group(const std::string& path) {
  for (auto& g : groups)
    if (g.path == path) return g;
  groups.push_back(Group{path, {}, {}, {}, {}});
  return groups.back();
}

const Group* RunRecord::find_group(const std::string& path) const {
  for (const auto& g : groups)
    if (g.path == path) return &g;
  return nullptr;
}

}  // namespace prosim
