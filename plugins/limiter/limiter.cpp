// Limiter: brickwall lookahead peak limiter, stereo linked.
//
// input gain -> required gain ceiling / max(|L|, |R|) -> hold + release + S-shaped smoothing over
// the lookahead (gain_envelope.hpp) -> applied to the input delayed by exactly the lookahead
// (the latency it reports) -> a final clamp at the ceiling that only ever absorbs rounding.
// Gain reduction therefore starts D samples before a peak and ramps smoothly down to exactly the
// gain that peak needs: no sample leaves above the ceiling and nothing clicks. Below the ceiling
// the signal passes bit-exactly (just delayed).
//
// Changing the lookahead changes the latency: while audio runs the limiter fades out (2 ms), lets
// its delay line run empty, switches, and fades back in, so the change never clicks or lets a
// peak through; when only silence is in flight (e.g. before playback) it switches at once.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <wsp/dsp/delay_line.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/sdk.hpp>

#include "gain_envelope.hpp"

namespace wsp_limiter {

using namespace wsp::sdk;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t { kInputGain, kCeiling, kLookahead, kRelease };

class Limiter : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.limiter",
      .name = "Limiter",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "dynamics",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Brickwall lookahead limiter: no sample ever exceeds the ceiling.",
  };

  static constexpr double kMaxLookaheadMs = 10.0;

  static constexpr Param params[] = {
      floatParam(kInputGain, "input_gain", "Input Gain", "dB", -12.0, 24.0, 0.0),
      floatParam(kCeiling, "ceiling", "Ceiling", "dBFS", -24.0, 0.0, -0.3),
      floatParam(kLookahead, "lookahead", "Lookahead", "ms", 1.0, kMaxLookaheadMs, 5.0)
          .smoothing(0.0),
      floatParam(kRelease, "release", "Release", "ms", 1.0, 1000.0, 100.0, Scale::Log),
  };

  // False: out of memory (wsp_activate returns WSP_ERR_OUT_OF_MEMORY).
  bool activate(double sampleRate, uint32_t /*maxFrames*/) {
    const auto maxDelay = std::size_t(std::ceil(kMaxLookaheadMs * 0.001 * sampleRate)) + 1;
    for (auto& line : lines_)
      if (!line.prepare(maxDelay)) return false;
    fadeSamples_ = std::max(1, int(std::lround(0.002 * sampleRate)));
    return envelope_.prepare(maxDelay);
  }

  void reset() {
    for (auto& line : lines_) line.reset();
    envelope_.configure(targetDelay());
    transition_ = Transition::None;
    silentRun_ = kSilentForever;
    releaseMs_ = -1.0f;
    updateRelease();
  }

  // The delay in effect; with only silence in flight a new lookahead takes effect at the next
  // block, so it is reported at once.
  uint32_t latency() const {
    const bool switchesAtOnce = transition_ == Transition::None &&
                                silentRun_ > envelope_.delay() && envelope_.idle();
    return uint32_t(switchesAtOnce ? targetDelay() : envelope_.delay());
  }
  uint32_t tail() const { return latency(); }

  void process(const Block& block) {
    if (transition_ == Transition::None && targetDelay() != envelope_.delay()) {
      if (silentRun_ > envelope_.delay() && envelope_.idle()) {
        // Nothing but silence in flight: switch at once (typical before playback starts).
        for (auto& line : lines_) line.reset();
        envelope_.configure(targetDelay());
      } else {
        transition_ = Transition::FadeOut;
        transitionLeft_ = fadeSamples_;
      }
    }
    updateRelease();
    param(kRelease).skip(block.frames());

    ParamValue& inputGain = param(kInputGain);
    ParamValue& ceiling = param(kCeiling);
    const bool gliding = inputGain.isSmoothing() || ceiling.isSmoothing();
    const float* in[2] = {block.input(0), block.input(1)};
    float* out[2] = {block.output(0), block.output(1)};

    float gain = dbToGain(inputGain.current());
    float ceilingNow = dbToGain(ceiling.current());
    const float ceilingTarget = dbToGain(float(ceiling.value()));
    for (uint32_t i = 0; i < block.frames(); ++i) {
      if (gliding) {
        gain = dbToGain(inputGain.next());
        ceilingNow = dbToGain(ceiling.next());
      }
      float l = in[0][i] * gain, r = in[1][i] * gain;
      if (transition_ != Transition::None) {
        const float m = transitionGain();
        l *= m, r *= m;
      }
      // Detection against the lower of the ceiling now and where it is heading, so a falling
      // ceiling is already respected by the samples in the delay line.
      const float detectCeiling = std::min(ceilingNow, ceilingTarget);
      const float level = std::max(std::fabs(l), std::fabs(r));
      silentRun_ = level == 0.0f ? silentRun_ + (silentRun_ < kSilentForever) : 0;
      const double req = level > detectCeiling ? double(detectCeiling) / double(level) : 1.0;
      const double g = (req == 1.0 && envelope_.idle()) ? 1.0 : envelope_.process(req);
      const std::size_t d = envelope_.delay();
      const float dl = lines_[0].read(d), dr = lines_[1].read(d);
      lines_[0].write(l);
      lines_[1].write(r);
      out[0][i] = wsp::dsp::clamp(float(double(dl) * g), -ceilingNow, ceilingNow);
      out[1][i] = wsp::dsp::clamp(float(double(dr) * g), -ceilingNow, ceilingNow);
    }
  }

 private:
  enum class Transition { None, FadeOut, Flush, FadeIn };

  static float dbToGain(float db) { return std::exp2(db * 0.166096405f); }

  std::size_t targetDelay() const {
    const double ms = param(kLookahead).value();
    return std::max<std::size_t>(1, std::size_t(std::lround(ms * 0.001 * sampleRate())));
  }

  void updateRelease() {
    const float ms = param(kRelease).current();
    if (ms == releaseMs_) return;
    releaseMs_ = ms;
    envelope_.setReleaseCoefficient(wsp::dsp::timeConstantCoefficient(ms, sampleRate()));
  }

  // Input multiplier during a lookahead change, advanced one sample per call.
  float transitionGain() {
    const auto smooth = [](float t) { return t * t * (3.0f - 2.0f * t); };
    switch (transition_) {
      case Transition::FadeOut: {
        const float m = smooth(float(--transitionLeft_) / float(fadeSamples_));
        if (transitionLeft_ == 0) {
          transition_ = Transition::Flush;
          transitionLeft_ = int(envelope_.delay()) + 1;  // the delay line runs out
        }
        return m;
      }
      case Transition::Flush:
        if (--transitionLeft_ == 0) {
          for (auto& line : lines_) line.reset();
          envelope_.configure(targetDelay());
          transition_ = Transition::FadeIn;
          transitionLeft_ = fadeSamples_;
        }
        return 0.0f;
      case Transition::FadeIn: {
        const float m = smooth(1.0f - float(--transitionLeft_) / float(fadeSamples_));
        if (transitionLeft_ == 0) transition_ = Transition::None;
        return m;
      }
      case Transition::None:
        break;
    }
    return 1.0f;
  }

  static constexpr std::size_t kSilentForever = SIZE_MAX / 2;

  wsp::dsp::DelayLine lines_[2];
  GainEnvelope envelope_;
  Transition transition_ = Transition::None;
  int transitionLeft_ = 0;
  std::size_t silentRun_ = 0;  // consecutive silent input frames (saturating)
  int fadeSamples_ = 1;
  float releaseMs_ = -1.0f;
};

}  // namespace wsp_limiter

WSP_PLUGIN(wsp_limiter::Limiter, limiter);
