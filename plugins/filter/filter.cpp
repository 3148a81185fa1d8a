// Filter: multimode resonant filter (LP/HP/BP/notch/peak, 12 or 24 dB/oct, cascaded TPT SVFs)
// with input drive, an LFO on the cutoff (free or tempo-synced to the host transport), an
// envelope follower on the cutoff, dry/wet mix and output gain.
//
// Cutoff modulation is computed per sample, in octaves:
//   cutoff(t) = cutoff * 2^(depth * lfo(t) + envAmount * level(t))
// and the SVFs take new coefficients every sample while anything moves them (the TPT SVF stays
// stable and click-free under audio-rate coefficient changes); otherwise they are set once.
#include <array>
#include <cmath>
#include <cstdint>
#include <wsp/dsp/envelope_follower.hpp>
#include <wsp/dsp/lfo.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/dsp/one_pole.hpp>
#include <wsp/dsp/svf.hpp>
#include <wsp/sdk.hpp>

#include "filter_params.hpp"
#include "filter_modes.hpp"

namespace wsp_filter {

using namespace wsp::sdk;


// Beats (quarter notes) per LFO cycle for each "lfo_sync" choice after "Free".
inline constexpr double kSyncBeats[] = {
    4.0,         2.0,         1.0,        0.5,         0.25,       0.125,       // 1/1 .. 1/32
    4.0 / 3.0,   2.0 / 3.0,   1.0 / 3.0,  0.5 / 3.0,                            // triplets
    3.0,         1.5,         0.75,       0.375,                                // dotted
};

class Filter : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.filter",
      .name = "Filter",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "filter",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Multimode resonant filter (12/24 dB/oct) with drive, tempo-syncable LFO "
                     "and envelope follower on the cutoff.",
  };

  static constexpr Param params[] = {
      choiceParam(kMode, "mode", "Mode",
                  "LP 12|LP 24|HP 12|HP 24|BP 12|BP 24|Notch 12|Notch 24|Peak 12|Peak 24", 1),
      floatParam(kCutoff, "cutoff", "Cutoff", "Hz", 20.0, 20000.0, 1000.0, Scale::Log),
      floatParam(kResonance, "resonance", "Resonance", "Q", 0.5, 25.0, 0.70710678, Scale::Log),
      floatParam(kDrive, "drive", "Drive", "dB", 0.0, 24.0, 0.0),
      floatParam(kLfoRate, "lfo_rate", "LFO Rate", "Hz", 0.01, 20.0, 1.0, Scale::Log),
      choiceParam(kLfoSync, "lfo_sync", "LFO Sync",
                  "Free|1/1|1/2|1/4|1/8|1/16|1/32|1/2 T|1/4 T|1/8 T|1/16 T|1/2 D|1/4 D|1/8 D|"
                  "1/16 D",
                  0),
      floatParam(kLfoDepth, "lfo_depth", "LFO Depth", "oct", 0.0, 4.0, 0.0),
      choiceParam(kLfoShape, "lfo_shape", "LFO Shape",
                  "Sine|Triangle|Saw Up|Saw Down|Square|Sample & Hold", 0),
      floatParam(kEnvAmount, "env_amount", "Envelope Amount", "oct", -4.0, 4.0, 0.0),
      floatParam(kEnvAttack, "env_attack", "Envelope Attack", "ms", 0.1, 500.0, 5.0, Scale::Log)
          .smoothing(0.0),
      floatParam(kEnvRelease, "env_release", "Envelope Release", "ms", 5.0, 5000.0, 150.0,
                 Scale::Log)
          .smoothing(0.0),
      floatParam(kMix, "mix", "Mix", "%", 0.0, 100.0, 100.0),
      floatParam(kOutput, "output", "Output", "dB", -24.0, 24.0, 0.0, Scale::Db),
  };

  void activate(double sampleRate, uint32_t /*maxFrames*/) {
    lfo_.prepare(sampleRate);
    // Rounds square and sample-and-hold steps over ~0.8 ms so that they move the cutoff without
    // a click; a 20 Hz sine loses 0.04 dB through it.
    lfoSmoother_.setCutoff(sampleRate, 200.0);
    follower_.prepare(sampleRate);
    follower_.setDetector(wsp::dsp::EnvelopeDetector::Peak);
    followerAttack_ = followerRelease_ = -1.0f;
    nyquistGuardHz_ = 0.49 * sampleRate;
  }

  void reset() {
    for (auto& stages : filters_)
      for (auto& svf : stages) svf.reset();
    lfo_.resetPhase(0.0);
    lfoSmoother_.reset();
    follower_.reset();
    configured_ = false;
  }

  void transport(const Transport& t) {
    if (std::isfinite(t.tempoBpm) && t.tempoBpm > 0.0) tempoBpm_ = t.tempoBpm;
    const uint32_t sync = param(kLfoSync).index();
    if (sync > 0 && t.playing && std::isfinite(t.positionBeats))
      lfo_.syncToSongPosition(t.positionBeats, kSyncBeats[sync - 1]);
  }

  // A resonant filter rings for about 13.8 time constants (-120 dB); the slowest pole has
  // time constant 2Q / (2 pi f) at the lowest cutoff the modulation can reach.
  uint32_t tail() const {
    const Mode mode = Mode(param(kMode).index());
    const StageQ q = stageQ(mode, param(kResonance).value());
    const double qMax = std::fmax(q.first, isFourPole(mode) ? q.second : q.first);
    const double octavesDown = param(kLfoDepth).value() + std::fabs(param(kEnvAmount).value()) * 4.0;
    const double lowest = std::fmax(param(kCutoff).value() * std::exp2(-octavesDown), 10.0);
    const double seconds = 13.8 * 2.0 * qMax / (wsp::dsp::kTwoPi * lowest) +
                           param(kEnvRelease).value() * 0.001 * 5.0;
    return uint32_t(std::lround(std::fmin(seconds, 60.0) * sampleRate()));
  }

  void process(const Block& block) {
    updateSlowSettings();
    switch (Mode(param(kMode).index())) {
      case Mode::Lp12: run<Mode::Lp12>(block); break;
      case Mode::Lp24: run<Mode::Lp24>(block); break;
      case Mode::Hp12: run<Mode::Hp12>(block); break;
      case Mode::Hp24: run<Mode::Hp24>(block); break;
      case Mode::Bp12: run<Mode::Bp12>(block); break;
      case Mode::Bp24: run<Mode::Bp24>(block); break;
      case Mode::Notch12: run<Mode::Notch12>(block); break;
      case Mode::Notch24: run<Mode::Notch24>(block); break;
      case Mode::Peak12: run<Mode::Peak12>(block); break;
      case Mode::Peak24: run<Mode::Peak24>(block); break;
    }
  }

 private:
  static constexpr float kDbToNepers = 0.11512925f;  // ln(10) / 20
  // The follower's level (1 = a 0 dBFS peak) is limited so that hot input cannot push the
  // cutoff modulation past 4 x envAmount octaves.
  static constexpr float kMaxEnvelopeLevel = 4.0f;

  // Settings that change at most once per sub-block: LFO shape and rate, follower times.
  void updateSlowSettings() {
    lfo_.setWaveform(wsp::dsp::LfoWaveform(param(kLfoShape).index()));
    const uint32_t sync = param(kLfoSync).index();
    synced_ = sync > 0;
    if (synced_) lfo_.setRateTempo(tempoBpm_, kSyncBeats[sync - 1]);
    else lfo_.setRateHz(param(kLfoRate).current());
    const float attack = float(param(kEnvAttack).value());
    const float release = float(param(kEnvRelease).value());
    if (attack != followerAttack_) follower_.setAttackMs(followerAttack_ = attack);
    if (release != followerRelease_) follower_.setReleaseMs(followerRelease_ = release);
  }

  using Stages = std::array<wsp::dsp::StateVariableFilter, 2>;  // one channel's cascade

  void setCoefficients(Stages& left, Stages& right, Mode mode, double hz, double q) {
    const StageQ sq = stageQ(mode, q);
    const double f = wsp::dsp::clamp(hz, 1.0, nyquistGuardHz_);
    for (Stages* stages : {&left, &right}) {
      (*stages)[0].setCutoff(sampleRate(), f, sq.first);
      if (isFourPole(mode)) (*stages)[1].setCutoff(sampleRate(), f, sq.second);
    }
  }

  template <Mode M>
  void run(const Block& block) {
    ParamValue& cutoff = param(kCutoff);
    ParamValue& resonance = param(kResonance);
    ParamValue& drive = param(kDrive);
    ParamValue& rate = param(kLfoRate);
    ParamValue& depth = param(kLfoDepth);
    ParamValue& envAmount = param(kEnvAmount);
    ParamValue& mix = param(kMix);
    ParamValue& output = param(kOutput);
    const uint32_t frames = block.frames();
    const uint32_t channels = block.outputCount();

    // Modulation off and no glide: one coefficient set for the whole sub-block.
    const bool modulated = depth.value() != 0.0 || depth.isSmoothing() ||
                           envAmount.value() != 0.0 || envAmount.isSmoothing() ||
                           cutoff.isSmoothing() || resonance.isSmoothing();
    if (!modulated && (!configured_ || configuredMode_ != M)) {
      setCoefficients(filters_[0], filters_[1], M, cutoff.current(), resonance.current());
      configured_ = true;
      configuredMode_ = M;
    }
    if (!modulated) {
      // The LFO is not heard: advance its phase without evaluating it.
      const double hz = rate.skip(frames);
      const double lfoHz = synced_ ? wsp::dsp::Lfo::tempoToHz(
                                         tempoBpm_, kSyncBeats[param(kLfoSync).index() - 1])
                                   : hz;
      lfo_.setRateHz(lfoHz);
      lfo_.resetPhase(lfo_.phase() + double(frames) * lfoHz / sampleRate());
    }

    float driveGain = 1.0f, driveWet = 0.0f;
    auto updateDrive = [&](float db) {
      driveGain = std::exp(db * kDbToNepers);
      // Crossfades the saturator in over the first 6 dB, so that 0 dB is exactly linear and the
      // drive control has no step anywhere.
      driveWet = wsp::dsp::clamp(db * (1.0f / 6.0f), 0.0f, 1.0f);
    };
    updateDrive(drive.current());
    float wet = 0.01f * mix.current();
    float gain = std::exp(output.current() * kDbToNepers);

    // The recursive state works on local copies, written back after the loop (the output
    // stores could alias the members). One named copy per channel, with the channel "loop"
    // written out: indexed by a run-time channel, the .wasm computed every state address per
    // access and ran an inner loop, with its fuel tick, per sample (both built without SLP,
    // see cmake/wasm32-wasi.cmake: 2.42 -> 1.75 us per block through the sandbox, same output).
    Stages left = filters_[0], right = filters_[1];
    wsp::dsp::EnvelopeFollower follower = follower_;
    wsp::dsp::OnePoleLowpass lfoSmoother = lfoSmoother_;
    const float* inL = block.input(0);
    const float* inR = channels > 1 ? block.input(1) : nullptr;
    float* outL = block.output(0);
    float* outR = channels > 1 ? block.output(1) : nullptr;
    auto channel = [&](Stages& stages, float dry) {
      float x = dry;
      if (driveWet > 0.0f) x += driveWet * (wsp::dsp::fastTanh(driveGain * x) - x);
      float y = select<M>(stages[0].process(x));
      if constexpr (isFourPole(M)) y = select<M>(stages[1].process(y));
      return gain * (dry + wet * (y - dry));
    };
    for (uint32_t i = 0; i < frames; ++i) {
      if (drive.isSmoothing()) updateDrive(drive.next());
      if (mix.isSmoothing()) wet = 0.01f * mix.next();
      if (output.isSmoothing()) gain = std::exp(output.next() * kDbToNepers);

      const float dryL = inL[i], dryR = inR != nullptr ? inR[i] : 0.0f;
      // fmax/fmin as selects: in wasm std::fmax/fmin are calls into musl (clang may not use
      // f32.max, whose NaN rule differs), per sample. Same results: both operands are >= 0 or
      // NaN, and a NaN operand yields the other one, as fmax/fmin do.
      const float absL = std::fabs(dryL), absR = std::fabs(dryR);
      const float level = follower.process(absR > absL || absL != absL ? absR : absL);
      if (modulated) {
        if (rate.isSmoothing()) {
          const float hz = rate.next();
          if (!synced_) lfo_.setRateHz(hz);
        }
        const float lfo = lfoSmoother.process(lfo_.next());
        const float octaves = depth.next() * lfo +
                              envAmount.next() * (level < kMaxEnvelopeLevel ? level : kMaxEnvelopeLevel);
        setCoefficients(left, right, M, cutoff.next() * float(wsp::dsp::fastExp2(octaves)),
                        resonance.next());
        configured_ = false;  // the next unmodulated sub-block sets the resting coefficients
      }
      outL[i] = channel(left, dryL);
      if (outR != nullptr) outR[i] = channel(right, dryR);
    }
    filters_[0] = left;
    filters_[1] = right;
    follower_ = follower;
    lfoSmoother_ = lfoSmoother;
  }

  std::array<Stages, 2> filters_;  // [channel][stage]
  wsp::dsp::Lfo lfo_{0x5EED1F0u};
  wsp::dsp::OnePoleLowpass lfoSmoother_;
  wsp::dsp::EnvelopeFollower follower_;
  float followerAttack_ = -1.0f;
  float followerRelease_ = -1.0f;
  double tempoBpm_ = 120.0;
  double nyquistGuardHz_ = 23520.0;
  bool synced_ = false;
  bool configured_ = false;
  Mode configuredMode_ = Mode::Lp12;
};

}  // namespace wsp_filter

WSP_PLUGIN(wsp_filter::Filter, filter);
