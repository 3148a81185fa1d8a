// Denormal hygiene for feedback state, shared by the SDK's DSP blocks and the engine (its meters):
// part of wsp_dsp_core, the DSP the host side and plugins have in common. Pure functions, safe
// on the audio thread.
#pragma once

#include <bit>
#include <cstdint>

namespace wsp::dsp {

// Magnitudes below this are treated as silence in feedback state. WebAssembly has no
// flush-to-zero mode, and a decaying recursion would otherwise crawl through the subnormal range
// (1e-38 .. 1e-45), which is slow on many CPUs. 1e-15 is -300 dBFS: far below any audible level,
// far above the subnormal range.
inline constexpr float kDenormalThreshold = 1e-15f;

// Returns 0 for |x| < kDenormalThreshold, x otherwise (NaN and Inf included). Apply to every
// state variable that decays through a feedback path.
// Compared as bit patterns (for non-negative floats the integer order is the numeric order, and
// NaNs lie above every finite value), not with fabs and a float compare: the float form made
// GCC move the state to an integer register and back on every sample, inside the recursion's
// dependency chain; this one compiles to a predicted branch that stays off it (a two-state
// filter recursion ran 2-3x faster; the delay's feedback filters spent ~20 % of its time in the
// float form).
inline float flushDenormal(float x) noexcept {
  constexpr uint32_t kThresholdBits = std::bit_cast<uint32_t>(kDenormalThreshold);
  return (std::bit_cast<uint32_t>(x) & 0x7fffffffu) < kThresholdBits ? 0.0f : x;
}
inline double flushDenormal(double x) noexcept {
  constexpr uint64_t kThresholdBits = std::bit_cast<uint64_t>(static_cast<double>(kDenormalThreshold));
  return (std::bit_cast<uint64_t>(x) & 0x7fffffffffffffffull) < kThresholdBits ? 0.0 : x;
}

}  // namespace wsp::dsp
