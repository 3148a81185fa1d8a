// The synth plugin's parameter ids, shared by the plugin and its tests.
#pragma once

#include <cstdint>

namespace wsp_synth {

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kOsc1Wave,
  kOsc1Octave,
  kOsc1Semi,
  kOsc1Fine,
  kOsc1Level,
  kOsc2Wave,
  kOsc2Octave,
  kOsc2Semi,
  kOsc2Fine,
  kOsc2Level,
  kPulseWidth,
  kNoiseLevel,
  kFilterType,
  kCutoff,
  kResonance,
  kFilterEnvAmount,
  kKeyTrack,
  kAmpAttack,
  kAmpDecay,
  kAmpSustain,
  kAmpRelease,
  kFilterAttack,
  kFilterDecay,
  kFilterSustain,
  kFilterRelease,
  kVelocitySensitivity,
  kBendRange,
  kVibratoRate,
  kWheelVibrato,
  kWheelCutoff,
  kGlide,
  kUnison,
  kUnisonDetune,
  kVolume,
};

}  // namespace wsp_synth
