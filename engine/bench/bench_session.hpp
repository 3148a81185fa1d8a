// The benchmark session of issue "Session model and audio engine", section 4, shared by
// engine_bench (native) and engine_bench_session (which writes it out for the engine.wasm
// benchmark under Node, engine/bench/engine_wasm_bench.mjs): 64 tracks, each one clip of
// "noise.wav" and four inserts (eq, compressor, saturator, delay); the master with eq and limiter.
#pragma once

#include <memory>

#include "wstudio/engine/audio_source.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine::bench {

inline constexpr double kBenchRate = 48000.0;
inline constexpr int kBenchTracks = 64;

// 16 beats at 120 bpm = 8 s, looped so playback never runs out. `bypassAll`: every insert
// bypassed, to measure the engine's own cost.
session::Session benchSession(bool bypassAll);

// The 8-second stereo noise (-12 dBFS peak, seeded) every clip plays.
std::shared_ptr<const DecodedAudio> benchNoise();

}  // namespace wstudio::engine::bench
