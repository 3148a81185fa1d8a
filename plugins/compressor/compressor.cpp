// Compressor: feed-forward, stereo-linked, soft knee, peak or RMS detection, optional sidechain
// high-pass, makeup (manual and auto) and dry/wet mix.
//
// Sidechain: (optional 12 dB/oct high-pass) -> linked level max(|L|, |R|) -> peak (instantaneous)
// or RMS (10 ms mean square) -> static curve in dB (gain_computer.hpp) -> ballistics on the gain
// reduction: the "smooth decoupled" detector of Giannoulis et al. (release acts on a peak-hold of
// the reduction, attack smooths that): attack and release are one-pole time constants (63 % of a
// step), and a steady tone settles on the static curve with ripple far below 0.1 dB.
// Output: x * (1 + mix (g - 1)), g = 10^((makeup - reduction) / 20): dry and wet are in phase
// (no lookahead), so the mix is one gain per frame.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <wsp/dsp/biquad.hpp>
#include <wsp/dsp/envelope_follower.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/sdk.hpp>

#include "gain_computer.hpp"

namespace wsp_compressor {

using namespace wsp::sdk;
using wsp::dsp::Biquad;
using wsp::dsp::BiquadCoefficients;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kThreshold, kRatio, kKnee, kAttack, kRelease, kMakeup, kAutoMakeup, kDetector, kSidechainHpf,
  kSidechainHpfFreq, kMix,
};

class Compressor : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.compressor",
      .name = "Compressor",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "dynamics",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Feed-forward stereo-linked compressor with soft knee, peak/RMS detection, "
                     "sidechain high-pass, auto makeup and dry/wet mix.",
  };

  static constexpr Param params[] = {
      floatParam(kThreshold, "threshold", "Threshold", "dB", -60.0, 0.0, -18.0),
      floatParam(kRatio, "ratio", "Ratio", ":1", 1.0, 20.0, 4.0, Scale::Log),
      floatParam(kKnee, "knee", "Knee", "dB", 0.0, 24.0, 6.0),
      floatParam(kAttack, "attack", "Attack", "ms", 0.1, 300.0, 10.0, Scale::Log),
      floatParam(kRelease, "release", "Release", "ms", 5.0, 3000.0, 150.0, Scale::Log),
      floatParam(kMakeup, "makeup", "Makeup", "dB", -12.0, 24.0, 0.0),
      boolParam(kAutoMakeup, "auto_makeup", "Auto Makeup", false),
      choiceParam(kDetector, "detector", "Detector", "Peak|RMS", 0),
      boolParam(kSidechainHpf, "sc_hpf", "Sidechain HPF", false),
      floatParam(kSidechainHpfFreq, "sc_hpf_freq", "Sidechain HPF Freq", "Hz", 20.0, 1000.0, 100.0,
                 Scale::Log),
      floatParam(kMix, "mix", "Mix", "%", 0.0, 100.0, 100.0),
  };

  void activate(double sampleRate, uint32_t /*maxFrames*/) {
    rms_.prepare(sampleRate);
    rms_.setDetector(wsp::dsp::EnvelopeDetector::Rms);
    rms_.setAttackMs(kRmsMs);
    rms_.setReleaseMs(kRmsMs);
  }

  void reset() {
    for (Biquad& f : sidechainHpf_) f.reset();
    rms_.reset();
    held_ = smoothed_ = 0.0;
    attackMs_ = releaseMs_ = hpfHz_ = -1.0f;  // forces coefficient updates
    updateSlowCoefficients();
  }

  void process(const Block& block) {
    const uint32_t frames = block.frames();
    uint32_t done = 0;
    while (done < frames) {
      const bool gliding = anyGliding();
      const uint32_t n = gliding ? std::min(kChunk, frames - done) : frames - done;
      if (gliding) {
        renderChunk<true>(block, done, n);
      } else {
        renderChunk<false>(block, done, n);
      }
      updateSlowCoefficients();
      done += n;
    }
  }

 private:
  static constexpr uint32_t kChunk = 32;
  static constexpr double kRmsMs = 10.0;
  static constexpr float kDbPerLog2 = 6.02059991f;        // 20 log10(2)
  static constexpr float kLog2PerDb = 0.166096405f;       // log2(10) / 20
  static constexpr double kSilentReduction = 1e-6;        // dB: below this, no reduction at all

  bool anyGliding() {
    return param(kThreshold).isSmoothing() || param(kRatio).isSmoothing() ||
           param(kKnee).isSmoothing() || param(kMakeup).isSmoothing() ||
           param(kMix).isSmoothing() || param(kAttack).isSmoothing() ||
           param(kRelease).isSmoothing() || param(kSidechainHpfFreq).isSmoothing();
  }

  // Time constants and the sidechain filter: once per chunk, recomputed only on change.
  void updateSlowCoefficients() {
    const float attack = param(kAttack).current(), release = param(kRelease).current();
    if (attack != attackMs_) {
      attackMs_ = attack;
      attackCoeff_ = wsp::dsp::timeConstantCoefficient(attack, sampleRate());
    }
    if (release != releaseMs_) {
      releaseMs_ = release;
      releaseCoeff_ = wsp::dsp::timeConstantCoefficient(release, sampleRate());
    }
    const float hz = param(kSidechainHpfFreq).current();
    if (hz != hpfHz_) {
      hpfHz_ = hz;
      const auto c = BiquadCoefficients::highpass(sampleRate(), hz, 0.70710678);
      for (Biquad& f : sidechainHpf_) f.setCoefficients(c);
    }
  }

  static GainComputer curve(float threshold, float ratio, float knee) {
    return {threshold, 1.0f - 1.0f / ratio, knee};
  }

  template <bool Gliding>
  void renderChunk(const Block& block, uint32_t at, uint32_t n) {
    ParamValue& threshold = param(kThreshold);
    ParamValue& ratio = param(kRatio);
    ParamValue& knee = param(kKnee);
    ParamValue& makeup = param(kMakeup);
    ParamValue& mix = param(kMix);
    const bool autoMakeup = param(kAutoMakeup).on();
    const bool rmsMode = param(kDetector).index() == 1;
    const bool hpf = param(kSidechainHpf).on();

    // Below this level nothing in this chunk reduces gain (while gliding every value lies between
    // the current one and the target): skips the log for quiet passages.
    const float lowestThreshold = std::min(threshold.current(), float(threshold.value()));
    const float widestKnee = std::max(knee.current(), float(knee.value()));
    const float kneeStartLevel = std::exp2((lowestThreshold - 0.5f * widestKnee) * kLog2PerDb);

    GainComputer gc = curve(threshold.current(), ratio.current(), knee.current());
    float makeupDb = makeup.current() + (autoMakeup ? gc.reductionDb(0.0f) : 0.0f);
    float makeupGain = std::exp2(makeupDb * kLog2PerDb);
    float wet = mix.current() * 0.01f;

    const float* inL = block.input(0);
    const float* inR = block.input(1);
    float* outL = block.output(0);
    float* outR = block.output(1);
    const double aA = attackCoeff_, aR = releaseCoeff_;
    for (uint32_t k = at; k < at + n; ++k) {
      if constexpr (Gliding) {
        gc = curve(threshold.next(), ratio.next(), knee.next());
        makeupDb = makeup.next() + (autoMakeup ? gc.reductionDb(0.0f) : 0.0f);
        makeupGain = std::exp2(makeupDb * kLog2PerDb);
        wet = mix.next() * 0.01f;
      }
      float sl = inL[k], sr = inR[k];
      if (hpf) {
        sl = sidechainHpf_[0].process(sl);
        sr = sidechainHpf_[1].process(sr);
      }
      float level = std::max(std::fabs(sl), std::fabs(sr));
      if (rmsMode) level = rms_.process(level);
      const double target =
          level > kneeStartLevel ? double(gc.reductionDb(kDbPerLog2 * std::log2(level))) : 0.0;
      // Smooth decoupled ballistics: release on the peak-held reduction, attack after it.
      held_ = std::max(target, target + aR * (held_ - target));
      smoothed_ = held_ + aA * (smoothed_ - held_);
      if (smoothed_ < kSilentReduction && held_ < kSilentReduction) smoothed_ = held_ = 0.0;
      const float g = smoothed_ == 0.0
                          ? makeupGain
                          : std::exp2((makeupDb - float(smoothed_)) * kLog2PerDb);
      const float gain = 1.0f + wet * (g - 1.0f);
      outL[k] = inL[k] * gain;
      outR[k] = inR[k] * gain;
    }
    if constexpr (!Gliding) {
      // Keep the smoothers' bookkeeping in step (they are not gliding: no-op).
      threshold.skip(n), ratio.skip(n), knee.skip(n), makeup.skip(n), mix.skip(n);
    }
    param(kAttack).skip(n), param(kRelease).skip(n), param(kSidechainHpfFreq).skip(n);
  }

  Biquad sidechainHpf_[2];
  wsp::dsp::EnvelopeFollower rms_;
  double held_ = 0.0;      // peak-held gain reduction, dB (release stage)
  double smoothed_ = 0.0;  // applied gain reduction, dB (attack stage)
  double attackCoeff_ = 0.0, releaseCoeff_ = 0.0;
  float attackMs_ = -1.0f, releaseMs_ = -1.0f, hpfHz_ = -1.0f;
};

}  // namespace wsp_compressor

WSP_PLUGIN(wsp_compressor::Compressor, compressor);
