#include "linear_resampler.hpp"

#include <cmath>

namespace wstudio::engine {

DecodedAudio resampleLinear(const DecodedAudio& source, double targetRate) {
  DecodedAudio out;
  out.sampleRate = targetRate;
  const int64_t inFrames = source.frames();
  const double step = source.sampleRate / targetRate;
  const auto outFrames = int64_t(std::floor(double(inFrames - 1) / step)) + 1;
  for (const auto& in : source.channels) {
    std::vector<float> channel(std::size_t(inFrames > 0 ? outFrames : 0));
    for (std::size_t i = 0; i < channel.size(); ++i) {
      const double position = double(i) * step;
      const auto k = std::size_t(position);
      const double t = position - double(k);
      const float next = k + 1 < in.size() ? in[k + 1] : in[k];
      channel[i] = float(double(in[k]) * (1.0 - t) + double(next) * t);
    }
    out.channels.push_back(std::move(channel));
  }
  return out;
}

}  // namespace wstudio::engine
