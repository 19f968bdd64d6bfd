#pragma once
// What a policy module carries from one month to the next (its counters, queues, cohorts,
// statistics) lives in a state block that the World owns, one per registered policy in
// registry order (policies/registry.cpp), so that the World is the whole state of a run.
// A policy defines its own block type in its file, derived from PolicyState; nothing
// outside sim/policies/ knows the types. A policy that is not switched on keeps its block
// at its initial values (its indicators then read zero).
#include <cstddef>
#include <memory>
#include <vector>

#include "core/state_archive.h"

namespace prosim {

struct World;

struct PolicyState {
  virtual ~PolicyState() = default;
  // Whether household `h` is among the policy's recipients this month (a transfer policy
  // answers; tests and analyses ask through policies/registry.h).
  virtual bool recipient(const World& /*w*/, std::size_t /*h*/) const { return false; }
  // Saves or loads the block (state files, engine/snapshot.cpp): every member that carries
  // from one month to the next must be listed here; per-month scratch need not be.
  virtual void archive(StateArchive&) {}
};

using PolicyStates = std::vector<std::unique_ptr<PolicyState>>;

}  // namespace prosim
