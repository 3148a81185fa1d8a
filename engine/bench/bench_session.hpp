// The benchmark session of issue "Session model and audio engine", section 4, shared by
// engine_bench (native) and engine_bench_session (which writes it out for the engine.wasm
// benchmarks: engine_wasm_bench.mjs under Node, engine_browser_bench.mjs and
// web_audio_bench.mjs in Chromium): 64 tracks, each one clip of "noise.wav" and four inserts
// (eq, compressor, saturator, delay); the master with eq and limiter.
#pragma once

#include <memory>

#include "wstudio/engine/audio_source.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine::bench {

inline constexpr double kBenchRate = 48000.0;
inline constexpr int kBenchTracks = 64;

// What the inserts do.
enum class BenchInserts {
  // The settings of the Web Audio node graph web_audio_bench.mjs builds (issue 14: equal work):
  // all four EQ bands bells at +3 dB (at the factory defaults they sit at 0 dB and are skipped
  // as dormant), compressor -18 dB 4:1, knee 24 dB, attack 3 ms, release 250 ms, saturator
  // drive 9.5 dB, delay 250 ms with 35 % feedback and 50 % mix. The limiter at its defaults.
  matched,
  // Every insert at the plugin's defaults (the session of the figures before issue 14).
  defaults,
  // Every insert bypassed: the engine's own cost.
  bypassed,
};

// 16 beats at 120 bpm = 8 s, looped so playback never runs out.
session::Session benchSession(BenchInserts inserts);

// The 8-second stereo noise (-12 dBFS peak, seeded) every clip plays.
std::shared_ptr<const DecodedAudio> benchNoise();

}  // namespace wstudio::engine::bench
