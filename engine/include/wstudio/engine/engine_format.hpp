// The fixed audio format of one engine: its sample rate and the largest block it renders at once.
// Plugins are activated with exactly these, and every buffer of a render graph is sized by them.
#pragma once

#include <cstdint>

namespace wstudio::engine {

struct EngineFormat {
  double sampleRate = 48000.0;
  uint32_t maxBlockFrames = 512;  // 1..4096 (WSP_MAX_BLOCK_FRAMES)
};

}  // namespace wstudio::engine
