#include "block_code.hpp"

#include <map>
#include <stdexcept>

namespace wstudio::forge::detail {
namespace {

std::string svfFilter(std::string_view name, std::string_view response, std::string_view what) {
  std::string text = R"(// @NAME@: @WHAT@ A state-variable filter per channel (wsp::dsp::StateVariableFilter),
// retuned only when the cutoff or Q moves; its integrators flush denormals.
class @NAME@ {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    return true;
  }
  void reset() {
    for (auto& f : filter_) f.reset();
    lastHz_ = -1.0f;
  }
  void process(float& l, float& r, float hz, float q) {
    if (hz != lastHz_ || q != lastQ_) {
      for (auto& f : filter_) f.setCutoff(sampleRate_, hz, q);
      lastHz_ = hz;
      lastQ_ = q;
    }
    l = filter_[0].process(l).@RESPONSE@;
    r = filter_[1].process(r).@RESPONSE@;
  }

 private:
  wsp::dsp::StateVariableFilter filter_[2];
  double sampleRate_ = 48000.0;
  float lastHz_ = -1.0f, lastQ_ = -1.0f;
};
)";
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  replace("@NAME@", name);
  replace("@RESPONSE@", response);
  replace("@WHAT@", what);
  return text;
}

std::string biquadEq(std::string_view name, std::string_view design, std::string_view what, bool hasQ) {
  std::string text = R"(// @NAME@: @WHAT@ A biquad per channel (wsp::dsp::Biquad, RBJ cookbook
// coefficients), redesigned only when a control moves.
class @NAME@ {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    return true;
  }
  void reset() {
    for (auto& f : filter_) f.reset();
    lastHz_ = -1.0f;
  }
  void process(float& l, float& r, float hz, float gainDb@QPARAM@) {
    if (hz != lastHz_ || gainDb != lastGain_@QCHANGED@) {
      const auto c = wsp::dsp::BiquadCoefficients::@DESIGN@(sampleRate_, hz, @Q@, gainDb);
      for (auto& f : filter_) f.setCoefficients(c);
      lastHz_ = hz;
      lastGain_ = gainDb;@QSTORE@
    }
    l = filter_[0].process(l);
    r = filter_[1].process(r);
  }

 private:
  wsp::dsp::Biquad filter_[2];
  double sampleRate_ = 48000.0;
  float lastHz_ = -1.0f, lastGain_ = 0.0f@QMEMBER@;
};
)";
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  replace("@NAME@", name);
  replace("@DESIGN@", design);
  replace("@WHAT@", what);
  replace("@QPARAM@", hasQ ? ", float q" : "");
  replace("@QCHANGED@", hasQ ? " || q != lastQ_" : "");
  replace("@Q@", hasQ ? "q" : "0.7071");
  replace("@QSTORE@", hasQ ? "\n      lastQ_ = q;" : "");
  replace("@QMEMBER@", hasQ ? ", lastQ_ = -1.0f" : "");
  return text;
}

const std::string kGain = R"(// Gain: a level change in dB.
class Gain {
 public:
  bool prepare(double) { return true; }
  void reset() {}
  void process(float& l, float& r, float gainDb) {
    if (gainDb != lastDb_) {
      gain_ = wsp::dsp::dbToGain(gainDb);
      lastDb_ = gainDb;
    }
    l *= gain_;
    r *= gain_;
  }

 private:
  float lastDb_ = 0.0f, gain_ = 1.0f;
};
)";

const std::string kSaturator = R"(// Saturator: drive into a waveshaper (wsp::dsp::Waveshaper), then a gain that keeps a
// -12 dBFS signal near -12 dBFS at any drive, so the drive adds harmonics rather than loudness.
// A DC blocker removes the offset an asymmetric curve makes.
class Saturator {
 public:
  Saturator(wsp::dsp::ShaperType type, float bias) {
    shaper_.setType(type);
    shaper_.setBias(bias);
  }
  bool prepare(double sampleRate) {
    for (auto& dc : dcBlocker_) dc.prepare(sampleRate, 10.0);
    return true;
  }
  void reset() {
    for (auto& dc : dcBlocker_) dc.reset();
  }
  void process(float& l, float& r, float driveDb, float outputDb) {
    if (driveDb != lastDrive_ || outputDb != lastOutput_) {
      shaper_.setDriveDb(driveDb);
      constexpr float kReference = 0.25f;  // -12 dBFS
      const float driven = wsp::dsp::fastTanh(wsp::dsp::dbToGain(driveDb) * kReference);
      makeup_ = wsp::dsp::dbToGain(outputDb) * kReference / driven;
      lastDrive_ = driveDb;
      lastOutput_ = outputDb;
    }
    l = makeup_ * dcBlocker_[0].process(shaper_.process(l));
    r = makeup_ * dcBlocker_[1].process(shaper_.process(r));
  }

 private:
  wsp::dsp::Waveshaper shaper_;
  wsp::dsp::DcBlocker dcBlocker_[2];
  float lastDrive_ = -1.0f, lastOutput_ = 0.0f, makeup_ = 1.0f;
};
)";

const std::string kBitcrusher = R"(// Bitcrusher: holds every `downsample`-th sample (a lower sample rate, with its aliasing) and
// rounds it to a grid of 2^(bits - 1) steps per unit (a lower resolution).
class Bitcrusher {
 public:
  bool prepare(double) { return true; }
  void reset() {
    countdown_ = 0.0f;
    heldL_ = heldR_ = 0.0f;
  }
  void process(float& l, float& r, float bits, float downsample) {
    if (bits != lastBits_) {
      steps_ = std::exp2(bits - 1.0f);
      lastBits_ = bits;
    }
    countdown_ -= 1.0f;
    if (countdown_ <= 0.0f) {
      countdown_ += downsample;
      heldL_ = quantise(l);
      heldR_ = quantise(r);
    }
    l = heldL_;
    r = heldR_;
  }

 private:
  float quantise(float x) const {
    return std::round(wsp::dsp::clamp(x, -1.0f, 1.0f) * steps_) / steps_;
  }
  float lastBits_ = -1.0f, steps_ = 128.0f;
  float countdown_ = 0.0f, heldL_ = 0.0f, heldR_ = 0.0f;
};
)";

const std::string kCompressor = R"(// Compressor: feed-forward, stereo-linked, hard knee. The level is the louder channel's RMS
// over about 10 ms (wsp::dsp::EnvelopeFollower, the same time up and down, so a steady tone reads
// its true RMS); above the threshold the output rises 1/ratio as fast as the input. The gain
// reduction, in dB, moves at the attack time when it grows and the release time when it shrinks.
class Compressor {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    detector_.prepare(sampleRate);
    detector_.setDetector(wsp::dsp::EnvelopeDetector::Rms);
    detector_.setAttackMs(10.0);
    detector_.setReleaseMs(10.0);
    return true;
  }
  void reset() {
    detector_.reset();
    reductionDb_ = 0.0f;
  }
  void process(float& l, float& r, float thresholdDb, float ratio, float attackMs, float releaseMs,
               float makeupDb) {
    if (attackMs != lastAttack_) attack_ = float(wsp::dsp::timeConstantCoefficient(lastAttack_ = attackMs, sampleRate_));
    if (releaseMs != lastRelease_) release_ = float(wsp::dsp::timeConstantCoefficient(lastRelease_ = releaseMs, sampleRate_));
    const float level = detector_.process(std::max(std::fabs(l), std::fabs(r)));
    const float over = wsp::dsp::gainToDb(level) - thresholdDb;
    const float target = over > 0.0f ? over * (1.0f - 1.0f / ratio) : 0.0f;
    const float coefficient = target > reductionDb_ ? attack_ : release_;
    reductionDb_ = wsp::dsp::flushDenormal(target + coefficient * (reductionDb_ - target));
    const float gain = wsp::dsp::dbToGain(makeupDb - reductionDb_);
    l *= gain;
    r *= gain;
  }

 private:
  wsp::dsp::EnvelopeFollower detector_;
  double sampleRate_ = 48000.0;
  float reductionDb_ = 0.0f, attack_ = 0.0f, release_ = 0.0f, lastAttack_ = -1.0f, lastRelease_ = -1.0f;
};
)";

const std::string kLimiter = R"(// Limiter: stereo-linked; the gain drops at once to keep every sample under the ceiling and
// recovers over the release time.
class Limiter {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    return true;
  }
  void reset() { envelope_ = 0.0f; }
  void process(float& l, float& r, float ceilingDb, float releaseMs) {
    if (releaseMs != lastRelease_) {
      release_ = float(wsp::dsp::timeConstantCoefficient(releaseMs, sampleRate_));
      lastRelease_ = releaseMs;
    }
    if (ceilingDb != lastCeiling_) {
      ceiling_ = wsp::dsp::dbToGain(ceilingDb);
      lastCeiling_ = ceilingDb;
    }
    const float peak = std::max(std::fabs(l), std::fabs(r));
    envelope_ = peak >= envelope_ ? peak : wsp::dsp::flushDenormal(peak + release_ * (envelope_ - peak));
    const float gain = envelope_ > ceiling_ ? ceiling_ / envelope_ : 1.0f;
    l *= gain;
    r *= gain;
  }

 private:
  double sampleRate_ = 48000.0;
  float envelope_ = 0.0f, release_ = 0.0f, ceiling_ = 1.0f;
  float lastRelease_ = -1.0f, lastCeiling_ = 1.0f;
};
)";

const std::string kGate = R"(// Gate: opens (unity gain) while the louder channel's peak level is above the threshold,
// closes to the range below it; the gain moves at the attack and release times.
class Gate {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    detector_.prepare(sampleRate);
    detector_.setAttackMs(0.1);
    detector_.setReleaseMs(20.0);
    return true;
  }
  void reset() {
    detector_.reset();
    gain_ = 0.0f;
  }
  void process(float& l, float& r, float thresholdDb, float attackMs, float releaseMs, float rangeDb) {
    if (attackMs != lastAttack_) attack_ = float(wsp::dsp::timeConstantCoefficient(lastAttack_ = attackMs, sampleRate_));
    if (releaseMs != lastRelease_) release_ = float(wsp::dsp::timeConstantCoefficient(lastRelease_ = releaseMs, sampleRate_));
    const float level = detector_.process(std::max(std::fabs(l), std::fabs(r)));
    const float target = wsp::dsp::gainToDb(level) > thresholdDb ? 1.0f : wsp::dsp::dbToGain(rangeDb);
    const float coefficient = target > gain_ ? attack_ : release_;
    gain_ = wsp::dsp::flushDenormal(target + coefficient * (gain_ - target));
    l *= gain_;
    r *= gain_;
  }

 private:
  wsp::dsp::EnvelopeFollower detector_;
  double sampleRate_ = 48000.0;
  float gain_ = 0.0f, attack_ = 0.0f, release_ = 0.0f, lastAttack_ = -1.0f, lastRelease_ = -1.0f;
};
)";

const std::string kDelay = R"(// Delay: each channel reads its echo, passes it through a one-pole low-pass (the tone) and
// writes the input plus the echo times the feedback (wsp::dsp::DelayLine: read, then write;
// writes flush denormals). Ping-pong sends the input into the left line only and crosses the
// feedback, so echoes alternate left and right. Ducking lowers the echoes while the input plays.
class Delay {
 public:
  static constexpr double kMaxSeconds = 6.0;
  explicit Delay(bool pingPong) : pingPong_(pingPong) {}
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    ducker_.prepare(sampleRate);
    ducker_.setAttackMs(5.0);
    ducker_.setReleaseMs(250.0);
    const auto length = static_cast<std::size_t>(kMaxSeconds * sampleRate) + 4;
    return line_[0].prepare(length) && line_[1].prepare(length);
  }
  void reset() {
    for (auto& line : line_) line.reset();
    for (auto& tone : tone_) tone.reset();
    ducker_.reset();
  }
  void process(float& l, float& r, float timeMs, float feedbackPercent, float mixPercent, float toneHz,
               float duckingPercent) {
    if (toneHz != lastToneHz_) {
      for (auto& tone : tone_) tone.setCutoff(sampleRate_, toneHz);
      lastToneHz_ = toneHz;
    }
    const double delay = wsp::dsp::clamp(double(timeMs) * 0.001 * sampleRate_, 1.0,
                                         double(line_[0].maxDelay() - 2));
    const float echoL = tone_[0].process(line_[0].readCubic(delay));
    const float echoR = tone_[1].process(line_[1].readCubic(delay));
    const float feedback = feedbackPercent * 0.01f;
    if (pingPong_) {
      line_[0].write(0.5f * (l + r) + feedback * echoR);
      line_[1].write(feedback * echoL);
    } else {
      line_[0].write(l + feedback * echoL);
      line_[1].write(r + feedback * echoR);
    }
    const float inputLevel = ducker_.process(std::max(std::fabs(l), std::fabs(r)));
    const float duck = 1.0f - duckingPercent * 0.01f * std::min(1.0f, 4.0f * inputLevel);
    const float mix = mixPercent * 0.01f;
    l += mix * (duck * echoL - l);
    r += mix * (duck * echoR - r);
  }

 private:
  wsp::dsp::DelayLine line_[2];
  wsp::dsp::OnePoleLowpass tone_[2];
  wsp::dsp::EnvelopeFollower ducker_;
  double sampleRate_ = 48000.0;
  float lastToneHz_ = -1.0f;
  bool pingPong_;
};
)";

const std::string kReverb = R"(// Reverb: a Schroeder/Freeverb network per channel: four parallel feedback combs with a
// damping low-pass in their loops, then two allpass diffusers (wsp::dsp::SchroederAllpass), after
// a pre-delay. Size scales the comb lengths (0.5x to 1.5x); each comb's feedback makes it fall
// 60 dB in the decay time. The right channel's lines are a little longer, for width.
class Reverb {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    const double scale = sampleRate / 44100.0;
    bool ok = true;
    for (int c = 0; c < 2; ++c) {
      ok = ok && predelay_[c].prepare(static_cast<std::size_t>(0.2 * sampleRate) + 2);
      for (int k = 0; k < 4; ++k)
        ok = ok && comb_[c][k].prepare(static_cast<std::size_t>((kComb[k] + kSpread) * 1.5 * scale) + 2);
      for (int k = 0; k < 2; ++k) {
        ok = ok && allpass_[c][k].prepare(static_cast<std::size_t>((kAllpass[k] + kSpread) * scale) + 2);
        allpass_[c][k].setDelay(static_cast<std::size_t>((kAllpass[k] + c * kSpread) * scale));
        allpass_[c][k].setGain(0.5f);
      }
    }
    return ok;
  }
  void reset() {
    for (int c = 0; c < 2; ++c) {
      predelay_[c].reset();
      for (int k = 0; k < 4; ++k) comb_[c][k].reset(), damped_[c][k] = 0.0f;
      for (auto& a : allpass_[c]) a.reset();
    }
    lastSize_ = -1.0f;
  }
  void process(float& l, float& r, float sizePercent, float decaySeconds, float dampingPercent,
               float mixPercent, float predelayMs) {
    if (sizePercent != lastSize_ || decaySeconds != lastDecay_) retune(sizePercent, decaySeconds);
    const float damping = 0.7f * dampingPercent * 0.01f;
    const double predelay = std::max(1.0, double(predelayMs) * 0.001 * sampleRate_);
    float* channel[2] = {&l, &r};
    const float mix = mixPercent * 0.01f;
    for (int c = 0; c < 2; ++c) {
      const float in = predelay_[c].readLinear(float(predelay));
      predelay_[c].write(*channel[c]);
      float wet = 0.0f;
      for (int k = 0; k < 4; ++k) {
        const float y = comb_[c][k].read(length_[c][k]);
        damped_[c][k] = wsp::dsp::flushDenormal(y + damping * (damped_[c][k] - y));
        comb_[c][k].write(0.25f * in + feedback_[k] * damped_[c][k]);
        wet += y;
      }
      for (auto& a : allpass_[c]) wet = a.process(wet);
      *channel[c] += mix * (wet - *channel[c]);
    }
  }

 private:
  static constexpr double kComb[4] = {1116, 1188, 1277, 1356};  // samples at 44.1 kHz
  static constexpr double kAllpass[2] = {556, 441};
  static constexpr double kSpread = 23;

  void retune(float sizePercent, float decaySeconds) {
    const double scale = sampleRate_ / 44100.0 * (0.5 + sizePercent * 0.01);
    for (int k = 0; k < 4; ++k) {
      for (int c = 0; c < 2; ++c)
        length_[c][k] = std::max<std::size_t>(1, static_cast<std::size_t>((kComb[k] + c * kSpread) * scale));
      const double seconds = double(length_[0][k]) / sampleRate_;
      feedback_[k] = float(std::pow(10.0, -3.0 * seconds / decaySeconds));
    }
    lastSize_ = sizePercent;
    lastDecay_ = decaySeconds;
  }

  wsp::dsp::DelayLine predelay_[2];
  wsp::dsp::DelayLine comb_[2][4];
  wsp::dsp::SchroederAllpass allpass_[2][2];
  float damped_[2][4] = {};
  std::size_t length_[2][4] = {};
  float feedback_[4] = {};
  double sampleRate_ = 48000.0;
  float lastSize_ = -1.0f, lastDecay_ = -1.0f;
};
)";

const std::string kModulatedDelay = R"(// ModulatedDelay (chorus, flanger): a short delay whose length a sine LFO sweeps between
// `delay` and `delay + depth` ms, the right channel's LFO a quarter cycle later; feedback
// recirculates the delayed signal (a flanger's comb).
class ModulatedDelay {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    for (int c = 0; c < 2; ++c) {
      lfo_[c].prepare(sampleRate);
      lfo_[c].setPhaseOffset(0.25 * c);
    }
    const auto length = static_cast<std::size_t>(0.06 * sampleRate) + 4;
    return line_[0].prepare(length) && line_[1].prepare(length);
  }
  void reset() {
    for (auto& line : line_) line.reset();
    for (auto& lfo : lfo_) lfo.resetPhase();
  }
  void process(float& l, float& r, float rateHz, float depthMs, float delayMs, float feedbackPercent,
               float mixPercent) {
    if (rateHz != lastRate_) {
      for (auto& lfo : lfo_) lfo.setRateHz(rateHz);
      lastRate_ = rateHz;
    }
    float* channel[2] = {&l, &r};
    const float feedback = feedbackPercent * 0.01f, mix = mixPercent * 0.01f;
    for (int c = 0; c < 2; ++c) {
      const float ms = delayMs + depthMs * (0.5f + 0.5f * lfo_[c].next());
      const float delayed = line_[c].readCubic(std::max(1.0, double(ms) * 0.001 * sampleRate_));
      line_[c].write(*channel[c] + feedback * delayed);
      *channel[c] += mix * (delayed - *channel[c]);
    }
  }

 private:
  wsp::dsp::DelayLine line_[2];
  wsp::dsp::Lfo lfo_[2];
  double sampleRate_ = 48000.0;
  float lastRate_ = -1.0f;
};
)";

const std::string kVibrato = R"(// Vibrato: only the delayed signal, its delay swept by a sine LFO over `depth` ms: the
// pitch rises and falls at the rate.
class Vibrato {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    lfo_.prepare(sampleRate);
    const auto length = static_cast<std::size_t>(0.02 * sampleRate) + 4;
    return line_[0].prepare(length) && line_[1].prepare(length);
  }
  void reset() {
    for (auto& line : line_) line.reset();
    lfo_.resetPhase();
  }
  // The delay at the LFO's centre, which the host compensates (ABI-13).
  uint32_t latency(float depthMs) const { return uint32_t(centreMs(depthMs) * 0.001 * sampleRate_); }
  void process(float& l, float& r, float rateHz, float depthMs) {
    if (rateHz != lastRate_) lfo_.setRateHz(lastRate_ = rateHz);
    const double delay =
        std::max(1.0, (centreMs(depthMs) + 0.5 * depthMs * lfo_.next()) * 0.001 * sampleRate_);
    line_[0].write(l);
    line_[1].write(r);
    l = line_[0].readCubic(delay);
    r = line_[1].readCubic(delay);
  }

 private:
  static double centreMs(float depthMs) { return 0.5 + 0.5 * depthMs; }
  wsp::dsp::DelayLine line_[2];
  wsp::dsp::Lfo lfo_;
  double sampleRate_ = 48000.0;
  float lastRate_ = -1.0f;
};
)";

const std::string kPhaser = R"(// Phaser: four first-order allpass stages per channel whose corner an LFO sweeps from
// 200 Hz up by as many as four octaves (depth); mixed with the dry signal they cut moving
// notches; feedback deepens them. The stages' states flush denormals.
class Phaser {
 public:
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    for (int c = 0; c < 2; ++c) {
      lfo_[c].prepare(sampleRate);
      lfo_[c].setPhaseOffset(0.25 * c);
    }
    return true;
  }
  void reset() {
    for (auto& stages : state_)
      for (float& s : stages) s = 0.0f;
    last_[0] = last_[1] = 0.0f;
    for (auto& lfo : lfo_) lfo.resetPhase();
  }
  void process(float& l, float& r, float rateHz, float depthPercent, float feedbackPercent, float mixPercent) {
    if (rateHz != lastRate_) {
      for (auto& lfo : lfo_) lfo.setRateHz(rateHz);
      lastRate_ = rateHz;
    }
    float* channel[2] = {&l, &r};
    const float feedback = feedbackPercent * 0.01f, mix = mixPercent * 0.01f;
    for (int c = 0; c < 2; ++c) {
      const double octaves = 4.0 * depthPercent * 0.01 * (0.5 + 0.5 * lfo_[c].next());
      const double hz = std::min(200.0 * std::exp2(octaves), 0.45 * sampleRate_);
      const double t = wsp::dsp::tanPi(hz / sampleRate_);
      const float a = float((t - 1.0) / (t + 1.0));
      float x = *channel[c] + feedback * last_[c];
      for (float& s : state_[c]) {
        const float y = a * x + s;
        s = wsp::dsp::flushDenormal(x - a * y);
        x = y;
      }
      last_[c] = x;
      *channel[c] += mix * (x - *channel[c]);
    }
  }

 private:
  wsp::dsp::Lfo lfo_[2];
  float state_[2][4] = {};
  float last_[2] = {};
  double sampleRate_ = 48000.0;
  float lastRate_ = -1.0f;
};
)";

const std::string kTremolo = R"(// Tremolo: the gain follows an LFO between 1 (its top) and 1 - depth (its bottom).
class Tremolo {
 public:
  explicit Tremolo(wsp::dsp::LfoWaveform shape) { lfo_.setWaveform(shape); }
  bool prepare(double sampleRate) {
    lfo_.prepare(sampleRate);
    return true;
  }
  void reset() { lfo_.resetPhase(); }
  void process(float& l, float& r, float rateHz, float depthPercent) {
    if (rateHz != lastRate_) lfo_.setRateHz(lastRate_ = rateHz);
    const float gain = 1.0f - depthPercent * 0.01f * (0.5f - 0.5f * lfo_.next());
    l *= gain;
    r *= gain;
  }

 private:
  wsp::dsp::Lfo lfo_;
  float lastRate_ = -1.0f;
};
)";

const std::string kAutopan = R"(// Autopan: an LFO moves the signal between the speakers with a constant-power law
// (wsp::dsp::constantPowerPan), scaled so the centre is unity.
class Autopan {
 public:
  explicit Autopan(wsp::dsp::LfoWaveform shape) { lfo_.setWaveform(shape); }
  bool prepare(double sampleRate) {
    lfo_.prepare(sampleRate);
    return true;
  }
  void reset() { lfo_.resetPhase(); }
  void process(float& l, float& r, float rateHz, float depthPercent) {
    if (rateHz != lastRate_) lfo_.setRateHz(lastRate_ = rateHz);
    const auto gains = wsp::dsp::constantPowerPan(depthPercent * 0.01f * lfo_.next());
    constexpr float kCentre = 1.41421356f;  // 1 / cos(pi / 4)
    l *= kCentre * gains.left;
    r *= kCentre * gains.right;
  }

 private:
  wsp::dsp::Lfo lfo_;
  float lastRate_ = -1.0f;
};
)";

const std::string kStereoWidth = R"(// StereoWidth: scales the side signal (wsp::dsp::stereoWidth): 0 % mono, 100 % unchanged,
// 200 % twice as wide.
class StereoWidth {
 public:
  bool prepare(double) { return true; }
  void reset() {}
  void process(float& l, float& r, float widthPercent) {
    const auto out = wsp::dsp::stereoWidth(l, r, widthPercent * 0.01f);
    l = out.left;
    r = out.right;
  }
};
)";

const std::string kRingModulator = R"(// RingModulator: multiplies the signal by a sine carrier (wsp::dsp::Oscillator).
class RingModulator {
 public:
  bool prepare(double sampleRate) {
    carrier_.prepare(sampleRate);
    carrier_.setWaveform(wsp::dsp::OscillatorWaveform::Sine);
    return true;
  }
  void reset() { carrier_.resetPhase(); }
  void process(float& l, float& r, float frequencyHz, float mixPercent) {
    if (frequencyHz != lastHz_) carrier_.setFrequency(lastHz_ = frequencyHz);
    const float carrier = carrier_.next(), mix = mixPercent * 0.01f;
    l += mix * (l * carrier - l);
    r += mix * (r * carrier - r);
  }

 private:
  wsp::dsp::Oscillator carrier_;
  float lastHz_ = -1.0f;
};
)";

const std::string kSynth = R"(// Synth: eight voices, each a band-limited oscillator (wsp::dsp::Oscillator, PolyBLEP), a
// resonant low-pass (wsp::dsp::StateVariableFilter) and an ADSR envelope (wsp::dsp::Adsr). A new
// note takes a free voice, else the one that started first. The input is replaced by the voices.
class Synth {
 public:
  explicit Synth(wsp::dsp::OscillatorWaveform wave) : wave_(wave) {}
  bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    for (Voice& v : voices_) {
      v.oscillator.prepare(sampleRate);
      v.oscillator.setWaveform(wave_);
      v.envelope.prepare(sampleRate);
    }
    return true;
  }
  void reset() {
    for (Voice& v : voices_) {
      v.envelope.reset();
      v.filter.reset();
      v.oscillator.resetPhase();
      v.key = -1;
      v.started = 0;
      v.start = v.release = false;
    }
    clock_ = 0;
    lastCutoff_ = -1.0f;
  }
  // The SDK calls noteOn/noteOff at the event's frame, before process() renders that frame; the
  // envelope starts or releases in process(), once it has this sample's knob values.
  void noteOn(const wsp::sdk::Note& note) {
    Voice* voice = &voices_[0];
    for (Voice& v : voices_) {
      if (!v.busy()) {
        voice = &v;
        break;
      }
      if (v.started < voice->started) voice = &v;
    }
    voice->key = note.key;
    voice->velocity = note.velocity;
    voice->started = ++clock_;
    voice->oscillator.setFrequency(wsp::dsp::midiNoteToHz(float(note.key)));
    voice->oscillator.resetPhase();  // every note starts the same way: output is reproducible
    voice->start = true;
    voice->release = false;
  }
  void noteOff(const wsp::sdk::Note& note) {
    for (Voice& v : voices_)
      if (v.key == note.key && v.busy()) v.release = true;
  }
  void process(float& l, float& r, float attackMs, float decayMs, float sustainPercent, float releaseMs,
               float cutoffHz, float q, float levelDb) {
    if (attackMs != adsr_.attackMs || decayMs != adsr_.decayMs || releaseMs != adsr_.releaseMs ||
        sustainPercent * 0.01f != adsr_.sustainLevel) {
      adsr_ = {attackMs, decayMs, sustainPercent * 0.01f, releaseMs};
      for (Voice& v : voices_) v.envelope.setParameters(adsr_);
    }
    const bool retune = cutoffHz != lastCutoff_ || q != lastQ_;
    lastCutoff_ = cutoffHz;
    lastQ_ = q;
    float sum = 0.0f;
    for (Voice& v : voices_) {
      if (retune) v.filter.setCutoff(sampleRate_, cutoffHz, q);
      if (v.start) v.envelope.noteOn(), v.start = false;
      if (v.release) v.envelope.noteOff(), v.release = false, v.key = -1;
      if (!v.envelope.isActive()) continue;
      const float env = v.envelope.next();
      sum += v.velocity * env * v.filter.process(v.oscillator.next()).lowpass;
    }
    if (levelDb != lastLevelDb_) level_ = wsp::dsp::dbToGain(lastLevelDb_ = levelDb);
    l = r = level_ * sum;
  }

 private:
  struct Voice {
    wsp::dsp::Oscillator oscillator;
    wsp::dsp::StateVariableFilter filter;
    wsp::dsp::Adsr envelope;
    int key = -1;
    float velocity = 0.0f;
    uint64_t started = 0;
    bool start = false, release = false;  // a note event waiting for process()
    bool busy() const { return start || envelope.isActive(); }
  };
  Voice voices_[8];
  wsp::dsp::OscillatorWaveform wave_;
  wsp::dsp::AdsrParameters adsr_{-1.0, -1.0, -1.0f, -1.0};
  double sampleRate_ = 48000.0;
  uint64_t clock_ = 0;
  float lastCutoff_ = -1.0f, lastQ_ = -1.0f, lastLevelDb_ = 1000.0f, level_ = 1.0f;
};
)";

const std::map<std::string_view, BlockCode>& table() {
  static const std::map<std::string_view, BlockCode> t = {
      {"gain", {"Gain", {"math"}, kGain}},
      {"saturate", {"Saturator", {"math", "one_pole", "waveshaper"}, kSaturator}},
      {"bitcrush", {"Bitcrusher", {"math"}, kBitcrusher}},
      {"lowpass", {"LowPass", {"svf"}, svfFilter("LowPass", "lowpass", "a 12 dB/octave low-pass.")}},
      {"highpass", {"HighPass", {"svf"}, svfFilter("HighPass", "highpass", "a 12 dB/octave high-pass.")}},
      {"bandpass", {"BandPass", {"svf"}, svfFilter("BandPass", "bandpass", "a band-pass, 0 dB at its centre.")}},
      {"notch", {"Notch", {"svf"}, svfFilter("Notch", "notch", "a notch that removes one frequency.")}},
      {"lowshelf", {"LowShelf", {"biquad"}, biquadEq("LowShelf", "lowShelf", "a low shelf.", false)}},
      {"highshelf", {"HighShelf", {"biquad"}, biquadEq("HighShelf", "highShelf", "a high shelf.", false)}},
      {"peak", {"PeakEq", {"biquad"}, biquadEq("PeakEq", "peaking", "a peaking (bell) band.", true)}},
      {"compressor", {"Compressor", {"envelope_follower", "math"}, kCompressor}},
      {"limiter", {"Limiter", {"math"}, kLimiter}},
      {"gate", {"Gate", {"envelope_follower", "math"}, kGate}},
      {"delay", {"Delay", {"delay_line", "envelope_follower", "one_pole"}, kDelay}},
      {"reverb", {"Reverb", {"allpass_diffuser", "delay_line"}, kReverb}},
      {"chorus", {"ModulatedDelay", {"delay_line", "lfo"}, kModulatedDelay}},
      {"flanger", {"ModulatedDelay", {"delay_line", "lfo"}, kModulatedDelay}},
      {"phaser", {"Phaser", {"lfo", "math"}, kPhaser}},
      {"tremolo", {"Tremolo", {"lfo"}, kTremolo}},
      {"autopan", {"Autopan", {"lfo", "pan"}, kAutopan}},
      {"vibrato", {"Vibrato", {"delay_line", "lfo"}, kVibrato}},
      {"width", {"StereoWidth", {"pan"}, kStereoWidth}},
      {"ringmod", {"RingModulator", {"oscillator"}, kRingModulator}},
      {"synth", {"Synth", {"adsr", "oscillator", "svf"}, kSynth}},
  };
  return t;
}

std::string option(const Block& block, const char* name) {
  const auto it = block.options.find(name);
  return it == block.options.end() ? std::string() : it->second;
}

std::string lfoShape(const std::string& shape) {
  if (shape == "triangle") return "{wsp::dsp::LfoWaveform::Triangle}";
  if (shape == "square") return "{wsp::dsp::LfoWaveform::Square}";
  return "{wsp::dsp::LfoWaveform::Sine}";
}

}  // namespace

const BlockCode& blockCode(std::string_view kind) {
  const auto it = table().find(kind);
  if (it == table().end()) throw std::invalid_argument("no code for block kind " + std::string(kind));
  return it->second;
}

std::string constructorArguments(const Block& block) {
  if (block.kind == "saturate") {
    const std::string c = option(block, "character");
    if (c == "tube") return "{wsp::dsp::ShaperType::Asymmetric, 0.2f}";
    if (c == "hard") return "{wsp::dsp::ShaperType::HardClip, 0.0f}";
    if (c == "fuzz") return "{wsp::dsp::ShaperType::Asymmetric, 0.6f}";
    if (c == "fold") return "{wsp::dsp::ShaperType::Foldback, 0.0f}";
    return "{wsp::dsp::ShaperType::Tanh, 0.0f}";
  }
  if (block.kind == "delay") return option(block, "pingpong") == "on" ? "{true}" : "{false}";
  if (block.kind == "tremolo" || block.kind == "autopan") return lfoShape(option(block, "shape"));
  if (block.kind == "synth") {
    const std::string w = option(block, "wave");
    if (w == "square") return "{wsp::dsp::OscillatorWaveform::Pulse}";
    if (w == "triangle") return "{wsp::dsp::OscillatorWaveform::Triangle}";
    if (w == "sine") return "{wsp::dsp::OscillatorWaveform::Sine}";
    return "{wsp::dsp::OscillatorWaveform::Saw}";
  }
  return {};
}

}  // namespace wstudio::forge::detail
