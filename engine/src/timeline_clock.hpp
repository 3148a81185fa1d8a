// Engine frames <-> timeline beats at the session's one tempo. Frames are whole numbers here:
// every timeline position is rounded once, at build time, so that events land on exact samples.
#pragma once

#include <cmath>
#include <cstdint>

#include "wstudio/session/time.hpp"

namespace wstudio::engine {

struct TimelineClock {
  double tempoBpm = 120.0;
  double sampleRate = 48000.0;

  session::Beats beatsAt(int64_t frame) const {
    return session::framesToBeats(double(frame), tempoBpm, sampleRate);
  }
  int64_t frameAt(session::Beats beats) const {
    return std::llround(session::beatsToFrames(beats, tempoBpm, sampleRate));
  }
  int64_t framesOfSeconds(double seconds) const {
    return std::llround(session::secondsToFrames(seconds, sampleRate));
  }
};

}  // namespace wstudio::engine
