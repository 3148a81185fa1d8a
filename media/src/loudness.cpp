#include "wstudio/media/loudness.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "wstudio/media/media_error.hpp"

namespace wstudio::media {

struct LoudnessMeter::State {
  struct Closer {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
  };
  std::unique_ptr<ebur128_state, Closer> meter;
  std::size_t channels = 0;
  std::vector<float> interleaved;
};

LoudnessMeter::LoudnessMeter(int channelCount, int sampleRate) : state_(std::make_unique<State>()) {
  state_->meter.reset(ebur128_init(static_cast<unsigned>(channelCount),
                                   static_cast<unsigned long>(sampleRate),
                                   EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK));
  if (!state_->meter) {
    throw MediaError("cannot measure loudness of " + std::to_string(channelCount) +
                     " channels at " + std::to_string(sampleRate) + " Hz");
  }
  state_->channels = static_cast<std::size_t>(channelCount);
}

LoudnessMeter::~LoudnessMeter() = default;

void LoudnessMeter::add(std::span<const float* const> channels, std::size_t frames) {
  const std::size_t n = state_->channels;
  if (channels.size() != n) {
    throw MediaError("loudness meter: got " + std::to_string(channels.size()) +
                     " channels, expected " + std::to_string(n));
  }
  state_->interleaved.resize(frames * n);
  for (std::size_t i = 0; i < frames; ++i) {
    for (std::size_t c = 0; c < n; ++c) state_->interleaved[i * n + c] = channels[c][i];
  }
  if (ebur128_add_frames_float(state_->meter.get(), state_->interleaved.data(), frames) !=
      EBUR128_SUCCESS) {
    throw MediaError("loudness meter: out of memory");
  }
}

Loudness LoudnessMeter::result() const {
  Loudness result{};
  if (ebur128_loudness_global(state_->meter.get(), &result.integratedLufs) != EBUR128_SUCCESS) {
    result.integratedLufs = -std::numeric_limits<double>::infinity();
  }
  double peak = 0;
  for (unsigned c = 0; c < state_->channels; ++c) {
    double channelPeak = 0;
    if (ebur128_true_peak(state_->meter.get(), c, &channelPeak) == EBUR128_SUCCESS) {
      peak = std::max(peak, channelPeak);
    }
  }
  result.truePeakDbtp = 20.0 * std::log10(peak);  // log10(0) is -infinity: digital silence
  return result;
}

Loudness measureLoudness(const AudioBuffer& buffer) {
  LoudnessMeter meter(buffer.channelCount(), buffer.sampleRate);
  std::vector<const float*> channels;
  for (const auto& channel : buffer.channels) channels.push_back(channel.data());
  // In slices, so the meter's interleaving scratch stays small.
  constexpr std::size_t kSlice = 1 << 16;
  for (std::size_t first = 0; first < buffer.frames(); first += kSlice) {
    const std::size_t frames = std::min(kSlice, buffer.frames() - first);
    meter.add(channels, frames);
    for (auto& pointer : channels) pointer += frames;
  }
  return meter.result();
}

}  // namespace wstudio::media
