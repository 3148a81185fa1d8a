// A track's (or the master's) volume, mute/solo and pan stage.
//
// Automated volume and pan follow their lane exactly, sample by sample (session::valueAt at each
// frame's timeline position, read `latency` frames back so it stays with the audio it acts on).
// Everything else that changes between graphs (edits, mute, solo) glides over a linear ramp, so
// a rebuilt graph never clicks.
//
// Pan law: constant power, normalised to unity at the centre (the factory utility plugin's law):
// with x = pan * pi/4, left gain = cos x - sin x, right gain = cos x + sin x. Centre leaves both
// channels as they are; hard left is left * sqrt(2) (+3.01 dB) and silences right; the summed
// power of a mono signal is the same at every position.
#pragma once

#include <cstdint>
#include <optional>

#include <wsp/dsp/smoother.hpp>

#include "timeline_clock.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine {

struct PanGains {
  float left = 1.0f;
  float right = 1.0f;
};
PanGains panGains(double pan);
// Volume in dB to linear gain; -96 dB and below is silence (the session's floor).
float volumeGain(double db);

struct FaderSettings {
  double volumeDb = 0.0;
  double pan = 0.0;
  bool hasPan = true;    // the master has none
  bool audible = true;   // false: muted, or silenced by another track's solo
  std::optional<session::AutomationLane> volumeLane;
  std::optional<session::AutomationLane> panLane;
  uint32_t latency = 0;  // frames by which the signal at this fader lags the timeline
};

class Fader {
 public:
  Fader(FaderSettings settings, const TimelineClock& clock, double rampMs);

  // [audio] Applies volume, mute and pan in place.
  void process(int64_t timelineFrame, uint32_t frames, float* left, float* right);
  // [audio] A live move (LiveEvent): glides to the new volume or pan from the next process().
  // An automated control follows its lane regardless.
  void setVolumeDb(double db);
  void setPan(double pan);
  // [audio] Ramps end now (a stop or a seek).
  void snapToTargets();
  // [audio] Continues from where the previous graph's fader is, towards this one's targets.
  void adopt(const Fader& previous);

 private:
  double laneValue(const session::AutomationLane& lane, int64_t frame) const;

  FaderSettings settings_;
  TimelineClock clock_;
  float volumeTarget_;
  float panTarget_;
  float audibleTarget_;
  wsp::dsp::LinearSmoother volume_;
  wsp::dsp::LinearSmoother pan_;
  wsp::dsp::LinearSmoother audible_;
};

}  // namespace wstudio::engine
