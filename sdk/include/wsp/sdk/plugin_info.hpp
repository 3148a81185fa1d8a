// What a plugin says about itself, besides its parameters (descriptor fields, ABI-6).
#pragma once

#include <cstdint>
#include <string_view>

namespace wsp::sdk {

enum class Kind { Effect, Instrument };

struct PluginInfo {
  std::string_view id;        // reverse DNS, [a-z0-9._-], e.g. "studio.wasm.utility"
  std::string_view name;
  std::string_view vendor;
  std::string_view version;   // semantic version, "1.0.0"
  std::string_view category;  // eq, dynamics, delay, reverb, modulation, distortion, filter,
                              // utility, synth, analyzer, other
  Kind kind = Kind::Effect;
  uint32_t inputs = 2;        // audio channels in (0..8; an instrument may have 0)
  uint32_t outputs = 2;       // audio channels out (1..8)
  bool midi = false;          // takes notes/MIDI (instruments must)
  std::string_view description;
};

}  // namespace wsp::sdk
