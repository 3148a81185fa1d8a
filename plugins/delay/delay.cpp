// Delay: stereo echo with free or tempo-synced times, linked or separate L/R, feedback up to 110 %
// through a soft limiter (musical self-oscillation that never blows up), low-cut and high-cut
// filters in the feedback path (every repeat darker and thinner), ping-pong, mix, and a little tape
// wow. Delay-time changes glide: the read position follows the target through a critically
// damped two-pole smoother and is read with cubic interpolation, so sweeps sound like tape
// speeding up or slowing down, never like clicks.
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include <wsp/dsp.hpp>
#include <wsp/sdk.hpp>

#include <wsp/dsp/quadrature_lfo.hpp>
#include "delay_math.hpp"

namespace wsp_delay {

using namespace wsp::sdk;
namespace dsp = wsp::dsp;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kTimeL,
  kTimeR,
  kLink,
  kSync,
  kDivisionL,
  kDivisionR,
  kFeedback,
  kMode,
  kLowCut,
  kHighCut,
  kMix,
  kWowDepth,
  kWowRate,
};

class Delay : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.delay",
      .name = "Delay",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "delay",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Stereo / ping-pong delay with tempo sync, filtered feedback up to 110 % "
                     "through a soft limiter, click-free time glides and tape wow.",
  };

  static constexpr Param params[] = {
      floatParam(kTimeL, "time_l", "Time L", "ms", 1.0, kMaxDelayMs, 375.0, Scale::Log),
      floatParam(kTimeR, "time_r", "Time R", "ms", 1.0, kMaxDelayMs, 500.0, Scale::Log),
      boolParam(kLink, "link", "Link L/R", true),
      boolParam(kSync, "sync", "Tempo Sync", false),
      choiceParam(kDivisionL, "division_l", "Division L", kDivisionNames, 11),  // 1/4
      choiceParam(kDivisionR, "division_r", "Division R", kDivisionNames, 10),  // 1/8D
      floatParam(kFeedback, "feedback", "Feedback", "%", 0.0, 110.0, 35.0),
      choiceParam(kMode, "mode", "Mode", "Stereo|Ping-Pong", 0),
      floatParam(kLowCut, "low_cut", "Low Cut", "Hz", 20.0, 2000.0, 80.0, Scale::Log),
      floatParam(kHighCut, "high_cut", "High Cut", "Hz", 500.0, 20000.0, 9000.0, Scale::Log),
      floatParam(kMix, "mix", "Mix", "%", 0.0, 100.0, 30.0),
      floatParam(kWowDepth, "wow_depth", "Wow Depth", "%", 0.0, 100.0, 0.0),
      floatParam(kWowRate, "wow_rate", "Wow Rate", "Hz", 0.1, 5.0, 0.7, Scale::Log),
  };

  // False: out of memory (wsp_activate returns WSP_ERR_OUT_OF_MEMORY).
  bool activate(double sampleRate, uint32_t /*maxFrames*/) {
    const auto maxSamples =
        static_cast<std::size_t>(std::ceil(dsp::msToSamples(kMaxDelayMs + kWowMaxMs, sampleRate))) + 4;
    for (auto& line : lines_)
      if (!line.prepare(maxSamples)) return false;
    glideCoefficient_ = 1.0 - std::exp(-1.0 / (kGlideSeconds * sampleRate));
    wowAmplitudePerPercent_ = dsp::msToSamples(kWowMaxMs, sampleRate) / 100.0;
    lowCutHz_ = highCutHz_ = -1.0f;  // the sample rate changed: recompute on the next call
    updateFilters(param(kLowCut).current(), param(kHighCut).current());
    return true;
  }

  void reset() {
    for (auto& line : lines_) line.reset();
    for (auto& f : lowCut_) f.reset();
    for (auto& f : highCut_) f.reset();
    wow_.resetPhase(0.0);
    snapGlide();
    updateFilters(param(kLowCut).current(), param(kHighCut).current());
  }

  // No extra bytes; the hook only tells us a state was loaded, so that the next block starts at
  // the loaded delay times instead of gliding there from the old ones (ABI-15).
  void saveExtraState(std::vector<uint8_t>& /*out*/) const {}
  bool loadExtraState(std::span<const uint8_t> bytes) {
    if (!bytes.empty()) return false;
    snapPending_ = true;
    return true;
  }

  void transport(const Transport& t) {
    if (t.tempoBpm >= 1.0 && t.tempoBpm <= 2000.0) tempoBpm_ = t.tempoBpm;
  }

  uint32_t tail() const {
    const double fb = param(kFeedback).value() * 0.01;
    if (fb >= 1.0) return UINT32_MAX;
    double longest = 0.0;
    for (int c = 0; c < 2; ++c) {
      longest = std::fmax(longest, std::fmax(glide2_[c], targetSamples(c, param(timeParam(c)).value())));
    }
    longest += 2.0 * wowAmplitudePerPercent_ *
               std::fmax(param(kWowDepth).value(), double(param(kWowDepth).current()));
    return tailSamples(fb, longest, sampleRate());
  }

  void process(const Block& block) {
    ParamValue& wowDepth = param(kWowDepth);
    ParamValue& wowRate = param(kWowRate);
    ParamValue& timeL = param(kTimeL);
    ParamValue& timeR = param(timeParam(1));
    const bool pingPong = param(kMode).index() == 1;

    const float* inL = block.input(0);
    const float* inR = block.input(1);
    float* outL = block.output(0);
    float* outR = block.output(1);
    const uint32_t frames = block.frames();

    double target[2] = {targetSamples(0, timeL.current()), targetSamples(1, timeR.current())};
    if (snapPending_) snapGlide();
    if (target[0] != glide2_[0] || target[1] != glide2_[1]) gliding_ = true;

    uint32_t done = 0;
    while (done < frames) {
      // Filter cutoffs and wow rate change per 16-sample chunk while they glide (cheap, and a
      // step of a 20 ms glide in 16 samples is far below audibility); everything else per
      // sample.
      const bool slowGliding = param(kLowCut).isSmoothing() || param(kHighCut).isSmoothing() ||
                               wowRate.isSmoothing();
      const uint32_t chunk = slowGliding ? kGlideChunk : kChunk;
      const uint32_t n = frames - done < chunk ? frames - done : chunk;
      updateFilters(param(kLowCut).skip(n), param(kHighCut).skip(n));
      wow_.setIncrement(wowRate.skip(n) / sampleRate());
      const bool timeMoving = timeL.isSmoothing() || timeR.isSmoothing();
      const bool wowOn = wowDepth.isSmoothing() || wowDepth.current() > 0.0f;
      // Both read positions fixed for the chunk and at least a chunk behind the write head:
      // the chunk's echoes can be read before any of it is written.
      const bool fixedTimes = !timeMoving && !gliding_ && !wowOn &&
                              std::fmin(glide2_[0], glide2_[1]) >= double(n + 1);
      const Io io{inL + done, inR + done, outL + done, outR + done, n, pingPong};
      if (fixedTimes) {
        runFixed(io);
      } else {
        runModulated(io, target);
      }
      done += n;
    }
    wow_.renormalize();
  }

 private:
  static constexpr uint32_t kChunk = 64;       // frames per chunk (stack buffers)
  static constexpr uint32_t kGlideChunk = 16;  // frames per filter / wow-rate update, gliding

  struct Io {
    const float* inL;
    const float* inR;
    float* outL;
    float* outR;
    uint32_t frames;
    bool pingPong;
  };

  // Steady delay times: the chunk's echoes are read in one block call per channel (the same
  // interpolation per sample, over contiguous memory), the feedback recursion runs for both
  // channels in one loop on local copies of the filters (state in registers), the new input
  // is written back a block at a time and the dry/wet mix is vectorised.
  void runFixed(const Io& io) {
    ParamValue& feedback = param(kFeedback);
    ParamValue& mix = param(kMix);
    const uint32_t n = io.frames;
    // The echoes are read into the output buffers (inputs and outputs never alias, ABI-9),
    // which the mix below overwrites frame by frame after reading them: fewer stack lines per
    // call (sdk/README.md, "Fast in a session").
    float* const yL = io.outL;
    float* const yR = io.outR;
    float xL[kChunk], xR[kChunk];
    lines_[0].readCubicBlock(glide2_[0], yL, n);
    lines_[1].readCubicBlock(glide2_[1], yR, n);
    dsp::StateVariableFilter low[2] = {lowCut_[0], lowCut_[1]};
    dsp::StateVariableFilter high[2] = {highCut_[0], highCut_[1]};
    for (uint32_t i = 0; i < n; ++i) {
      const float fb = feedback.next() * 0.01f;
      const float backL = softLimit(fb * low[0].process(high[0].process(yL[i]).lowpass).highpass);
      const float backR = softLimit(fb * low[1].process(high[1].process(yR[i]).lowpass).highpass);
      if (io.pingPong) {
        xL[i] = 0.5f * (io.inL[i] + io.inR[i]) + backR;
        xR[i] = backL;
      } else {
        xL[i] = io.inL[i] + backL;
        xR[i] = io.inR[i] + backR;
      }
    }
    for (int c = 0; c < 2; ++c) lowCut_[c] = low[c], highCut_[c] = high[c];
    lines_[0].write(xL, n);
    lines_[1].write(xR, n);
    if (mix.isSmoothing()) {
      for (uint32_t i = 0; i < n; ++i) mixFrame(io, i, mix.next() * 0.01f, yL[i], yR[i]);
    } else {
      const float wet = mix.current() * 0.01f;
      for (uint32_t i = 0; i < n; ++i) mixFrame(io, i, wet, yL[i], yR[i]);
    }
  }

  static void mixFrame(const Io& io, uint32_t i, float wet, float yL, float yR) {
    const float dry = 1.0f - wet;
    io.outL[i] = dry * io.inL[i] + wet * yL;
    io.outR[i] = dry * io.inR[i] + wet * yR;
  }

  // Gliding or modulated delay times (or delays shorter than a chunk): sample by sample.
  void runModulated(const Io& io, double* target) {
    ParamValue& feedback = param(kFeedback);
    ParamValue& mix = param(kMix);
    ParamValue& wowDepth = param(kWowDepth);
    ParamValue& timeL = param(kTimeL);
    ParamValue& timeR = param(timeParam(1));
    const bool timeMoving = timeL.isSmoothing() || timeR.isSmoothing();
    const bool wowOn = wowDepth.isSmoothing() || wowDepth.current() > 0.0f;
    for (uint32_t i = 0; i < io.frames; ++i) {
      if (timeMoving) {
        target[0] = targetSamples(0, timeL.next());
        target[1] = linked() ? target[0] : targetSamples(1, timeR.next());
        gliding_ = true;
      }
      if (gliding_) advanceGlide(target);
      double dL = glide2_[0];
      double dR = glide2_[1];
      if (wowOn) {
        const double amount = wowDepth.next() * wowAmplitudePerPercent_;
        // Wow lengthens the delay only (1 + sin) so short delays are never pushed below 1.
        dL += amount * (1.0 + wow_.sin());
        dR += amount * (1.0 + wow_.cos());
        wow_.advance();
      }
      // Double reads: up to 5 s (240000 samples at 48 kHz) a float delay keeps only ~5 bits
      // of fraction, so long glides would step (DelayLine::readCubic(double)).
      const float yL = lines_[0].readCubic(dL);
      const float yR = lines_[1].readCubic(dR);
      const float fb = feedback.next() * 0.01f;
      // Only the repeats are filtered: the first echo is the input itself, each repeat one
      // filter pass darker and thinner than the one before.
      const float backL = softLimit(fb * filter(0, yL));
      const float backR = softLimit(fb * filter(1, yR));
      float xL, xR;
      if (io.pingPong) {
        xL = 0.5f * (io.inL[i] + io.inR[i]) + backR;
        xR = backL;
      } else {
        xL = io.inL[i] + backL;
        xR = io.inR[i] + backR;
      }
      lines_[0].write(xL);
      lines_[1].write(xR);
      mixFrame(io, i, mix.next() * 0.01f, yL, yR);
    }
  }
  static constexpr double kGlideSeconds = 0.035;  // each of the two poles
  static constexpr double kWowMaxMs = 2.5;        // peak extra delay at 100 % wow

  bool linked() const { return param(kLink).on(); }
  uint32_t timeParam(int channel) const { return channel == 0 || linked() ? kTimeL : kTimeR; }

  // The delay in samples channel c aims at, from the (smoothed) time in ms or the division.
  double targetSamples(int c, float timeMs) const {
    const double sr = sampleRate();
    double ms = timeMs;
    if (param(kSync).on()) {
      const uint32_t division = param(c == 0 || linked() ? kDivisionL : kDivisionR).index();
      ms = syncedMs(division, tempoBpm_);
    }
    return dsp::clamp(dsp::msToSamples(ms, sr), 1.0, dsp::msToSamples(kMaxDelayMs, sr));
  }

  void snapGlide() {
    for (int c = 0; c < 2; ++c) glide1_[c] = glide2_[c] = targetSamples(c, param(timeParam(c)).current());
    gliding_ = false;
    snapPending_ = false;
  }

  void advanceGlide(const double* target) {
    bool arrived = true;
    for (int c = 0; c < 2; ++c) {
      glide1_[c] += glideCoefficient_ * (target[c] - glide1_[c]);
      glide2_[c] += glideCoefficient_ * (glide1_[c] - glide2_[c]);
      if (std::fabs(glide1_[c] - target[c]) < 1e-4 && std::fabs(glide2_[c] - target[c]) < 1e-4) {
        glide1_[c] = glide2_[c] = target[c];
      } else {
        arrived = false;
      }
    }
    gliding_ = !arrived;
  }

  float filter(int c, float x) { return lowCut_[c].process(highCut_[c].process(x).lowpass).highpass; }

  // Recomputes the loop filters only when a cutoff moved (a glide, a state load, a reset).
  void updateFilters(float lowCutHz, float highCutHz) {
    if (lowCutHz == lowCutHz_ && highCutHz == highCutHz_) return;
    lowCutHz_ = lowCutHz;
    highCutHz_ = highCutHz;
    const double sr = sampleRate();
    for (int c = 0; c < 2; ++c) {
      lowCut_[c].setCutoff(sr, lowCutHz, 0.7071067811865476);
      highCut_[c].setCutoff(sr, highCutHz, 0.7071067811865476);
    }
  }

  dsp::DelayLine lines_[2];
  dsp::StateVariableFilter lowCut_[2];
  dsp::StateVariableFilter highCut_[2];
  wsp::dsp::QuadratureLfo wow_;
  double glide1_[2] = {1.0, 1.0};
  double glide2_[2] = {1.0, 1.0};
  bool gliding_ = false;
  bool snapPending_ = false;
  float lowCutHz_ = -1.0f;
  float highCutHz_ = -1.0f;
  double glideCoefficient_ = 0.001;
  double wowAmplitudePerPercent_ = 0.0;
  double tempoBpm_ = 120.0;
};

}  // namespace wsp_delay

WSP_PLUGIN(wsp_delay::Delay, delay);
