#include "analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "check_context.hpp"

namespace wstudio::conformance {

Peak maxAbs(const Audio& audio, size_t from, size_t to) {
  Peak peak;
  for (size_t c = 0; c < audio.channelCount(); ++c) {
    const auto& x = audio.channels[c];
    for (size_t i = from; i < std::min(to, x.size()); ++i) {
      if (std::fabs(x[i]) > peak.value) peak = {std::fabs(x[i]), c, i};
    }
  }
  return peak;
}

Peak maxSecondDifference(const Audio& audio, size_t from, size_t to) {
  Peak peak;
  for (size_t c = 0; c < audio.channelCount(); ++c) {
    const auto& x = audio.channels[c];
    for (size_t i = std::max<size_t>(from, 2); i < std::min(to, x.size()); ++i) {
      const double bend = std::fabs(static_cast<double>(x[i]) - 2.0 * x[i - 1] + x[i - 2]);
      if (bend > peak.value) peak = {bend, c, i};
    }
  }
  return peak;
}

std::optional<size_t> firstAbove(const Audio& audio, double threshold, size_t from) {
  std::optional<size_t> first;
  for (const auto& x : audio.channels) {
    for (size_t i = from; i < x.size() && (!first || i < *first); ++i) {
      if (std::fabs(x[i]) > threshold) {
        first = i;
        break;
      }
    }
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

std::string describe(const Difference& difference) {
  return "output sample " + std::to_string(difference.frame) + " of channel " +
         std::to_string(difference.channel) + " is " + formatNumber(difference.b) +
         " instead of " + formatNumber(difference.a);
}

double toDb(double gain) { return gain > 0.0 ? 20.0 * std::log10(gain) : -999.0; }

}  // namespace wstudio::conformance
