// The filter plugin's parameter ids, shared by the plugin and its tests.
#pragma once

#include <cstdint>

namespace wsp_filter {

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kMode,
  kCutoff,
  kResonance,
  kDrive,
  kLfoRate,
  kLfoSync,
  kLfoDepth,
  kLfoShape,
  kEnvAmount,
  kEnvAttack,
  kEnvRelease,
  kMix,
  kOutput,
};

}  // namespace wsp_filter
