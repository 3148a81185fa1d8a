#include "wstudio/conformance/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace wstudio::conformance {

Peak maxAbs(std::span<const float> x, size_t from, size_t to) {
  Peak peak;
  for (size_t i = from; i < std::min(to, x.size()); ++i) {
    if (std::fabs(x[i]) > peak.value) peak = {std::fabs(x[i]), 0, i};
  }
  return peak;
}

Peak maxSecondDifference(std::span<const float> x, size_t from, size_t to) {
  Peak peak;
  for (size_t i = std::max<size_t>(from, 2); i < std::min(to, x.size()); ++i) {
    const double bend = std::fabs(static_cast<double>(x[i]) - 2.0 * x[i - 1] + x[i - 2]);
    if (bend > peak.value) peak = {bend, 0, i};
  }
  return peak;
}

std::optional<size_t> firstAbove(std::span<const float> x, double threshold, size_t from) {
  for (size_t i = from; i < x.size(); ++i) {
    if (std::fabs(x[i]) > threshold) return i;
  }
  return std::nullopt;
}

namespace {

// The largest of each channel's, the earliest channel on a tie.
template <typename Measure>
Peak largestOverChannels(const Audio& audio, Measure measure) {
  Peak peak;
  for (size_t c = 0; c < audio.channelCount(); ++c) {
    Peak channel = measure(audio.channels[c]);
    if (channel.value > peak.value) peak = {channel.value, c, channel.frame};
  }
  return peak;
}

}  // namespace

Peak maxAbs(const Audio& audio, size_t from, size_t to) {
  return largestOverChannels(audio, [&](const auto& x) { return maxAbs(x, from, to); });
}

Peak maxSecondDifference(const Audio& audio, size_t from, size_t to) {
  return largestOverChannels(audio,
                             [&](const auto& x) { return maxSecondDifference(x, from, to); });
}

std::optional<size_t> firstAbove(const Audio& audio, double threshold, size_t from) {
  std::optional<size_t> first;
  for (const auto& x : audio.channels) {
    const auto here = firstAbove(x, threshold, from);
    if (here && (!first || *here < *first)) first = here;
  }
  return first;
}

std::optional<Difference> firstDifference(const Audio& a, const Audio& b, size_t from,
                                          size_t to) {
  std::optional<Difference> first;
  for (size_t c = 0; c < std::min(a.channelCount(), b.channelCount()); ++c) {
    const auto& x = a.channels[c];
    const auto& y = b.channels[c];
    const size_t end = std::min({to, x.size(), y.size()});
    for (size_t i = from; i < end && (!first || i < first->frame); ++i) {
      if (std::memcmp(&x[i], &y[i], sizeof(float)) != 0) {
        first = Difference{c, i, x[i], y[i]};
        break;
      }
    }
  }
  return first;
}

double toDb(double gain) { return gain > 0.0 ? 20.0 * std::log10(gain) : -999.0; }

}  // namespace wstudio::conformance
