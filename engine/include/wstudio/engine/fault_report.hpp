// A plugin the engine took out of the signal path, as the main thread learns of it. Fixed-size
// so the audio thread can fill one without allocating.
#pragma once

#include <cstdint>
#include <string_view>

namespace wstudio::engine {

enum class FaultKind {
  Trap,        // the plugin trapped (out-of-bounds access, unreachable...)
  Runaway,     // it used up its instruction fuel
  NonFinite,   // it output NaN or Inf
  Failed,      // it returned an error status
  OverBudget,  // one call took longer than the player's per-call time budget
};

const char* faultKindName(FaultKind kind);

struct FaultReport {
  FaultKind kind = FaultKind::Trap;
  uint32_t slot = 0;   // index of the insert in its chain
  char track[65] = {};  // the track's id, or "master"
  char insert[65] = {};  // the insert's id
  char message[256] = {};  // the host's fault message, cut to fit

  std::string_view trackId() const { return track; }
  std::string_view insertId() const { return insert; }
  std::string_view text() const { return message; }
};

}  // namespace wstudio::engine
