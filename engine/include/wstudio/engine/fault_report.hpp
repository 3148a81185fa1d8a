// A plugin the engine took out of the signal path, as the main thread learns of it. Fixed-size
// so the audio thread can fill one without allocating.
#pragma once

#include <cstdint>
#include <string_view>

#include "wstudio/boundary/boundary.hpp"

namespace wstudio::engine {

// The host's fault enum (abi/boundary.json): the plugin's own fault, or OverBudget when one call
// took longer than the player's per-call time budget. Named by boundary::faultName.
using boundary::Fault;
using boundary::faultName;

struct FaultReport {
  Fault kind = Fault::Trap;
  uint32_t slot = 0;   // index of the insert in its chain
  char track[65] = {};  // the track's id, or "master"
  char insert[65] = {};  // the insert's id
  char message[256] = {};  // the host's fault message, cut to fit

  std::string_view trackId() const { return track; }
  std::string_view insertId() const { return insert; }
  std::string_view text() const { return message; }
};

}  // namespace wstudio::engine
