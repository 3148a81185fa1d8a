#include "clip_player.hpp"

#include <algorithm>

#include "wstudio/session/fades.hpp"

namespace wstudio::engine {

float ClipPlayer::gainAt(int64_t frame) const {
  double g = gain;
  const int64_t intoClip = frame - start;
  if (intoClip < fadeInFrames) {
    g *= session::fadeGain(fadeInCurve, double(intoClip) / double(fadeInFrames));
  }
  const int64_t untilEnd = end - frame;
  if (untilEnd < fadeOutFrames) {
    // Fraction x through the fade-out gives gain fadeGain(1 - x); 1 - x is what is left of it.
    g *= session::fadeGain(fadeOutCurve, double(untilEnd) / double(fadeOutFrames));
  }
  return float(g);
}

void ClipPlayer::addTo(int64_t timelineFrame, uint32_t frames, float* left, float* right) const {
  if (!audio || audio->channels.empty()) return;
  // The part of the block inside both the clip and the source.
  const int64_t sourceFrames = audio->frames();
  const int64_t first = std::max({timelineFrame, start, start - sourceStart});
  const int64_t last = std::min({timelineFrame + int64_t(frames), end,
                                 start + (sourceFrames - sourceStart)});
  if (first >= last) return;
  const float* srcL = audio->channels[0].data();
  const float* srcR = audio->channels.size() > 1 ? audio->channels[1].data() : srcL;
  const bool fades = fadeInFrames > 0 || fadeOutFrames > 0;
  for (int64_t f = first; f < last; ++f) {
    const int64_t s = sourceStart + (f - start);
    const auto i = std::size_t(f - timelineFrame);
    const float g = fades ? gainAt(f) : gain;
    left[i] += srcL[s] * g;
    right[i] += srcR[s] * g;
  }
}

}  // namespace wstudio::engine
