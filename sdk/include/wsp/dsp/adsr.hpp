// ADSR envelope generator for synth voices; output in [0, 1].
//
// Timing: segments have exact lengths in samples (times rounded to the nearest sample). After
// noteOn() from silence, the attackSamples-th call of next() returns exactly 1 and the
// (attackSamples + decaySamples)-th returns exactly the sustain level. A release takes
// releaseMs from whatever level it starts at.
//
// Retrigger: noteOn() while the envelope is still sounding does not jump to 0 (no click): the
// attack restarts from the current level at the same rate, so it takes (1 - level) * attackMs.
// noteOff() in any stage releases from the current level.
//
// Curves: Linear segments are straight lines. Exponential segments are RC-style curves aimed past
// their target (like analog envelopes) and scaled so that they still land on the target at the
// exact sample: the attack is convex (fast start), decay and release fall steeply then ease out.
//
// New parameters apply from the next segment on; the sustain level applies at once.
#pragma once

#include <cmath>

#include "math.hpp"

namespace wsp::dsp {

struct AdsrParameters {
  double attackMs = 5.0;
  double decayMs = 100.0;
  float sustainLevel = 0.7f;  // 0..1
  double releaseMs = 200.0;
};

enum class EnvelopeCurve { Linear, Exponential };

enum class AdsrStage { Idle, Attack, Decay, Sustain, Release };

class Adsr {
 public:
  void prepare(double sampleRate) noexcept {
    sampleRate_ = sampleRate > 0.0 ? sampleRate : 48000.0;
    reset();
  }

  void setParameters(const AdsrParameters& p) noexcept {
    params_ = p;
    params_.sustainLevel = clamp(p.sustainLevel, 0.0f, 1.0f);
  }

  void setCurve(EnvelopeCurve curve) noexcept { curve_ = curve; }

  // Silences at once (voice stealing after a fade, transport reset).
  void reset() noexcept {
    stage_ = AdsrStage::Idle;
    level_ = 0.0f;
    remaining_ = 0;
  }

  void noteOn() noexcept {
    const double full = samplesFor(params_.attackMs);
    enterSegment(AdsrStage::Attack, 1.0f, std::lround(full * (1.0 - static_cast<double>(level_))),
                 kAttackOvershoot);
  }

  void noteOff() noexcept {
    if (stage_ == AdsrStage::Idle) return;
    enterSegment(AdsrStage::Release, 0.0f, std::lround(samplesFor(params_.releaseMs)),
                 kDecayOvershoot);
  }

  AdsrStage stage() const noexcept { return stage_; }

  // False once the release has reached 0 (from the sample that returned 0 on): the voice can be
  // freed.
  bool isActive() const noexcept { return stage_ != AdsrStage::Idle; }

  float next() noexcept {
    if (stage_ == AdsrStage::Idle) return 0.0f;
    if (stage_ == AdsrStage::Sustain) {
      level_ = params_.sustainLevel;
      return level_;
    }
    if (--remaining_ == 0) {
      level_ = target_;  // land exactly on the target
      completeSegment();
    } else {
      level_ = curve_ == EnvelopeCurve::Linear ? level_ + step_ : level_ * multiplier_ + offset_;
    }
    return level_;
  }

 private:
  // How far past the target an exponential segment aims, as a fraction of the segment's height.
  // Small = strongly curved. 0.3 gives a gentle convex attack; 0.001 makes decay and release end
  // 60 dB into their fall before landing.
  static constexpr double kAttackOvershoot = 0.3;
  static constexpr double kDecayOvershoot = 0.001;

  double samplesFor(double ms) const noexcept {
    return ms > 0.0 ? msToSamples(ms, sampleRate_) : 0.0;
  }

  // Starts a segment towards `target` lasting `samples` samples; a zero-length one completes at
  // once.
  void enterSegment(AdsrStage stage, float target, long samples, double overshoot) noexcept {
    stage_ = stage;
    target_ = target;
    remaining_ = samples > 0 ? samples : 0;
    if (remaining_ == 0) {
      level_ = target;
      completeSegment();
      return;
    }
    const double n = static_cast<double>(remaining_);
    const double from = static_cast<double>(level_), to = static_cast<double>(target);
    step_ = static_cast<float>((to - from) / n);
    // y[k] = aim + (from - aim) c^k with aim = to + overshoot (to - from) reaches `to` at k = n
    // exactly when c^n = overshoot / (1 + overshoot).
    const double c = std::pow(overshoot / (1.0 + overshoot), 1.0 / n);
    const double aim = to + overshoot * (to - from);
    multiplier_ = static_cast<float>(c);
    offset_ = static_cast<float>(aim * (1.0 - c));
  }

  // Moves on from a finished segment (the chain is at most Attack -> Decay -> Sustain).
  void completeSegment() noexcept {
    switch (stage_) {
      case AdsrStage::Attack:
        enterSegment(AdsrStage::Decay, params_.sustainLevel,
                     std::lround(samplesFor(params_.decayMs)), kDecayOvershoot);
        break;
      case AdsrStage::Decay:
        stage_ = AdsrStage::Sustain;
        break;
      case AdsrStage::Release:
        stage_ = AdsrStage::Idle;
        break;
      case AdsrStage::Idle:
      case AdsrStage::Sustain:
        break;
    }
  }

  AdsrParameters params_;
  EnvelopeCurve curve_ = EnvelopeCurve::Linear;
  double sampleRate_ = 48000.0;
  AdsrStage stage_ = AdsrStage::Idle;
  float level_ = 0.0f;
  float target_ = 0.0f;
  long remaining_ = 0;
  float step_ = 0.0f;
  float multiplier_ = 1.0f;
  float offset_ = 0.0f;
};

}  // namespace wsp::dsp
