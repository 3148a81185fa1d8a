#include "render_range.hpp"

#include <algorithm>
#include <cmath>

#include "wstudio/session/time.hpp"

namespace vaist {

namespace session = wstudio::session;

session::Beats sessionEnd(const session::Session& s) {
  session::Beats end = 0;
  for (const auto& track : s.tracks) {
    for (const auto& clip : track.audioClips) end = std::max(end, clip.start + clip.length);
    for (const auto& clip : track.midiClips) end = std::max(end, clip.start + clip.length);
  }
  return end;
}

std::optional<FrameRange> renderRange(const session::Session& s, const RenderOptions& options,
                                      int sampleRate, std::string& problem) {
  const auto toFrames = [&](const TimelinePoint& point) {
    const double frames = point.seconds
                              ? point.value * sampleRate
                              : session::beatsToFrames(point.value, s.tempoBpm, sampleRate);
    return static_cast<std::int64_t>(std::llround(frames));
  };
  FrameRange range;
  range.start = options.start ? toFrames(*options.start) : 0;
  range.end = options.end ? toFrames(*options.end)
                          : toFrames({sessionEnd(s), false}) +
                                std::llround(kDefaultTailSeconds * sampleRate);
  if (range.end <= range.start) {
    problem = "the range to render is empty (from frame " + std::to_string(range.start) +
              " to frame " + std::to_string(range.end) + " at " + std::to_string(sampleRate) +
              " Hz); give --range START:END with END after START";
    return std::nullopt;
  }
  return range;
}

}  // namespace vaist
