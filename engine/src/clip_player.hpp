// One audio clip on the timeline: the source window [sourceStart, sourceStart + (end - start))
// placed at [start, end) in engine frames, with clip gain and fades. Every position is rounded
// to a frame once, at build time, so offsets and trims are sample-exact.
#pragma once

#include <cstdint>
#include <memory>

#include "wstudio/engine/audio_source.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine {

struct ClipPlayer {
  std::shared_ptr<const DecodedAudio> audio;  // at the engine rate; null plays nothing
  int64_t start = 0;        // timeline frame of the clip's first frame
  int64_t end = 0;          // timeline frame after its last
  int64_t sourceStart = 0;  // source frame played at `start`
  float gain = 1.0f;
  int64_t fadeInFrames = 0;
  int64_t fadeOutFrames = 0;
  session::FadeCurve fadeInCurve = session::FadeCurve::linear;
  session::FadeCurve fadeOutCurve = session::FadeCurve::linear;

  // [audio] Adds the clip's part of [timelineFrame, timelineFrame + frames) into left/right.
  // A mono source plays on both channels; sources with more than two channels play the first two.
  void addTo(int64_t timelineFrame, uint32_t frames, float* left, float* right) const;

 private:
  float gainAt(int64_t frame) const;
};

}  // namespace wstudio::engine
