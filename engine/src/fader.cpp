#include "fader.hpp"

#include <cmath>
#include <numbers>

#include "wstudio/session/automation.hpp"

namespace wstudio::engine {

PanGains panGains(double pan) {
  const double p = pan < -1.0 ? -1.0 : pan > 1.0 ? 1.0 : pan;
  const double x = p * std::numbers::pi / 4.0;
  // Hard left/right leave rounding dust (6e-17) on the silent side: make it exact silence.
  auto exact = [](double g) { return float(std::fabs(g) < 1e-12 ? 0.0 : g); };
  return {exact(std::cos(x) - std::sin(x)), exact(std::cos(x) + std::sin(x))};
}

float volumeGain(double db) { return db <= -96.0 ? 0.0f : float(std::pow(10.0, db / 20.0)); }

Fader::Fader(FaderSettings settings, const TimelineClock& clock, double rampMs)
    : settings_(std::move(settings)),
      clock_(clock),
      volumeTarget_(volumeGain(settings_.volumeDb)),
      panTarget_(float(settings_.pan)),
      audibleTarget_(settings_.audible ? 1.0f : 0.0f) {
  volume_.setup(clock_.sampleRate, rampMs);
  pan_.setup(clock_.sampleRate, rampMs);
  audible_.setup(clock_.sampleRate, rampMs);
  snapToTargets();
}

void Fader::setVolumeDb(double db) {
  volumeTarget_ = volumeGain(db);
  volume_.setTarget(volumeTarget_);
}

void Fader::setPan(double pan) {
  if (!settings_.hasPan) return;
  panTarget_ = float(pan < -1.0 ? -1.0 : pan > 1.0 ? 1.0 : pan);
  pan_.setTarget(panTarget_);
}

void Fader::snapToTargets() {
  volume_.snapTo(volumeTarget_);
  pan_.snapTo(panTarget_);
  audible_.snapTo(audibleTarget_);
}

void Fader::adopt(const Fader& previous) {
  volume_.snapTo(previous.volume_.current());
  volume_.setTarget(volumeTarget_);
  pan_.snapTo(previous.pan_.current());
  pan_.setTarget(panTarget_);
  audible_.snapTo(previous.audible_.current());
  audible_.setTarget(audibleTarget_);
}

double Fader::laneValue(const session::AutomationLane& lane, int64_t frame) const {
  return session::valueAt(lane, clock_.beatsAt(frame)).value_or(0.0);
}

void Fader::process(int64_t timelineFrame, uint32_t frames, float* left, float* right) {
  const auto& volumeLane = settings_.volumeLane;
  const auto& panLane = settings_.hasPan ? settings_.panLane : std::nullopt;
  const bool moving = volumeLane || panLane || volume_.isSmoothing() || pan_.isSmoothing() ||
                      audible_.isSmoothing();
  if (!moving) {
    const PanGains pan = settings_.hasPan ? panGains(pan_.current()) : PanGains{};
    const float gain = volume_.current() * audible_.current();
    const float gl = gain * pan.left;
    const float gr = gain * pan.right;
    for (uint32_t i = 0; i < frames; ++i) {
      left[i] *= gl;
      right[i] *= gr;
    }
    return;
  }
  const int64_t signalFrame = timelineFrame - int64_t(settings_.latency);
  float volume = volume_.current();
  double panPosition = pan_.current();
  for (uint32_t i = 0; i < frames; ++i) {
    volume = volumeLane ? volumeGain(laneValue(*volumeLane, signalFrame + i)) : volume_.next();
    panPosition = panLane ? laneValue(*panLane, signalFrame + i) : double(pan_.next());
    const float gain = volume * audible_.next();
    const PanGains pan = settings_.hasPan ? panGains(panPosition) : PanGains{};
    left[i] *= gain * pan.left;
    right[i] *= gain * pan.right;
  }
  // Where automation leaves the control is where a later edit's ramp starts.
  if (volumeLane) volume_.snapTo(volume);
  if (panLane) pan_.snapTo(float(panPosition));
}

}  // namespace wstudio::engine
