// ABI-20: the comparison every render and the latency-word check make between a plugin's
// wsp.latency-word/1 word and what wsp_latency returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wstudio/host/plugin.hpp"

namespace wstudio::conformance {

// When the instance reads a latency word, fails ABI-20 unless it equals wsp_latency, and returns
// that latency; std::nullopt (nothing compared) without a word. `after` names the call just
// made and its situation, e.g. "wsp_reset at 48000 Hz, max_frames 512".
std::optional<uint32_t> verifyLatencyWord(host::PluginInstance& instance, const std::string& after);

}  // namespace wstudio::conformance
