// ABI-13: reported latency matches the delay an impulse measures, and output dies out within
// the reported tail.
#include <algorithm>
#include <cstdint>

#include "wstudio/conformance/analysis.hpp"
#include "checks.hpp"

namespace wstudio::conformance {
namespace {

// An impulse response quieter than this (-32 dBFS) has no clear arrival to measure (a
// fully wet reverb spreads it out); a low-pass filter at its default cutoff still clears it.
constexpr double kMeasurablePeak = 0.025;
// The response "arrives" at the first sample within 60 dB of its peak.
constexpr double kArrivalFraction = 1e-3;
// Frames a report may fall short of the arrival: some filter topologies (Chamberlin's state
// variable filter) answer one sample late, which no delay compensation would correct for.
constexpr uint32_t kArrivalSlack = 2;
// Silence after the tail: 60 dB below the loudest output, and never required below -80 dBFS.
constexpr double kTailDrop = 1e-3;
constexpr double kSilence = 1e-4;
constexpr double kLongestTailChecked = 30.0;  // seconds

}  // namespace

std::string checkLatency(Context& context) {
  if (!context.hasAudioInput()) skip("no audio input, so no impulse can be sent through it");
  std::string summary;
  for (double rate : {48000.0, 96000.0}) {
    if (context.quick() && rate != 48000.0) continue;
    auto instance = context.instantiate(rate, 512);
    const uint32_t reported = instance->latency();
    failIfFaulted(*instance, "in wsp_latency");
    const size_t frames = reported + static_cast<size_t>(0.5 * rate);
    const auto input = impulse(context.descriptor().inputs, frames, 0);
    RenderJob job;
    job.input = &input;
    job.frames = frames;
    job.situation = "a unit impulse at frame 0, " + hz(rate) + ", default parameters";
    const Audio output = render(*instance, job);
    const Peak peak = maxAbs(output);
    if (peak.value < kMeasurablePeak) {
      skip("with default parameters an impulse comes out at " + formatNumber(toDb(peak.value)) +
           " dBFS, too quiet to measure latency");
    }
    const size_t arrival = firstAbove(output, peak.value * kArrivalFraction).value_or(peak.frame);
    // A linear-phase filter rings before its peak: any report from arrival to peak is right.
    if (reported + kArrivalSlack < arrival || reported > peak.frame) {
      fail("wsp_latency reports " + std::to_string(reported) + " frames at " + hz(rate) +
           ", but an impulse at frame 0 arrives at frame " + std::to_string(arrival) +
           " and peaks at frame " + std::to_string(peak.frame) +
           "; report the delay the plugin adds");
    }
    if (!summary.empty()) summary += ", ";
    summary += std::to_string(reported) + " frames at " + hz(rate);
  }
  return "reported latency matches the impulse: " + summary;
}

std::string checkTail(Context& context) {
  if (!context.hasAudioInput()) skip("no audio input; instruments are checked by note-release");
  constexpr double kRate = 48000.0;
  auto instance = context.instantiate(kRate, 512);
  const uint32_t tail = instance->tail();
  const uint32_t latency = instance->latency();
  if (tail == UINT32_MAX) skip("the plugin reports an infinite tail");
  if (tail > kLongestTailChecked * kRate) {
    skip("the reported tail of " + formatNumber(tail / kRate) + " s is longer than the " +
         formatNumber(kLongestTailChecked) + " s this check renders");
  }
  auto random = context.random("tail");
  const auto burst = static_cast<size_t>(0.25 * kRate);
  const auto settle = static_cast<size_t>(latency + tail + tail / 10 + 0.1 * kRate);
  const auto window = static_cast<size_t>(0.25 * kRate);
  Audio input = whiteNoise(context.descriptor().inputs, burst + settle + window, 0.5, random);
  for (auto& channel : input.channels) std::fill(channel.begin() + static_cast<std::ptrdiff_t>(burst), channel.end(), 0.0f);
  RenderJob job;
  job.input = &input;
  job.frames = input.frames();
  job.situation = "0.25 s of -6 dBFS noise then silence at " + hz(kRate) + ", default parameters";
  const Audio output = render(*instance, job);
  const double loudest = maxAbs(output, 0, burst).value;
  const Peak after = maxAbs(output, burst + settle);
  const double limit = std::max(kSilence, loudest * kTailDrop);
  if (after.value > limit) {
    fail("output is still at " + formatNumber(toDb(after.value)) + " dBFS " +
         formatNumber(static_cast<double>(after.frame - burst) / kRate) +
         " s after the input stopped (" + job.situation + "), but wsp_tail reports " +
         std::to_string(tail) + " frames (" + formatNumber(tail / kRate) +
         " s); report a longer tail, or UINT32_MAX if it never ends");
  }
  return "output falls silent within the reported tail of " + formatNumber(tail / kRate) + " s";
}

}  // namespace wstudio::conformance
