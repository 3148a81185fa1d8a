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
      const uint32_t n = std::min(gliding ? kChunk : kPiece, frames - done);
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
  static constexpr uint32_t kChunk = 32;  // frames per coefficient update while gliding
  static constexpr uint32_t kPiece = 64;  // frames per pass otherwise (stack buffers)
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

  // In passes over the chunk, so that everything but the two recursions (sidechain filters and
  // ballistics) runs in loops that vectorise: (1) sidechain level; (2) static curve in dB, with
  // float log2 (fastLog2f, branch-free); (3) ballistics, the one serial part, on local copies
  // of the state; (4) gain = 2^((makeup - reduction) / 6.02) (fastExp2f) applied to both
  // channels. Per sample the operations are the same whatever the chunk boundaries, so the
  // output does not depend on the host's block sizes.
  template <bool Gliding>
  void renderChunk(const Block& block, uint32_t at, uint32_t n) {
    ParamValue& threshold = param(kThreshold);
    ParamValue& ratio = param(kRatio);
    ParamValue& knee = param(kKnee);
    ParamValue& makeup = param(kMakeup);
    ParamValue& mix = param(kMix);
    const bool autoMakeup = param(kAutoMakeup).on();
    const float* inL = block.input(0) + at;
    const float* inR = block.input(1) + at;
    float* outL = block.output(0) + at;
    float* outR = block.output(1) + at;

    // One scratch array, rewritten in place by each pass (level, then target reduction, then
    // smoothed reduction): the left output, which the last pass overwrites frame by frame after
    // reading it, rather than a stack array (sdk/README.md, "Fast in a session").
    float* const work = outL;

    // (1) Linked level, through the optional sidechain high-pass and RMS detector.
    float* const level = work;
    if (param(kSidechainHpf).on()) {
      Biquad hpf[2] = {sidechainHpf_[0], sidechainHpf_[1]};
      for (uint32_t k = 0; k < n; ++k)
        level[k] = std::max(std::fabs(hpf[0].process(inL[k])), std::fabs(hpf[1].process(inR[k])));
      sidechainHpf_[0] = hpf[0], sidechainHpf_[1] = hpf[1];
    } else {
      for (uint32_t k = 0; k < n; ++k) level[k] = std::max(std::fabs(inL[k]), std::fabs(inR[k]));
    }
    if (param(kDetector).index() == 1) {
      for (uint32_t k = 0; k < n; ++k) level[k] = rms_.process(level[k]);
    }

    // (2) Target reduction (dB) from the static curve; makeup and mix per sample while gliding.
    float* const target = work;  // target[k] replaces level[k]
    float makeupDb[Gliding ? kPiece : 1], wet[Gliding ? kPiece : 1];
    const auto makeupOf = [&](const GainComputer& gc, float db) {
      return db + (autoMakeup ? gc.reductionDb(0.0f) : 0.0f);
    };
    if constexpr (Gliding) {
      for (uint32_t k = 0; k < n; ++k) {
        const GainComputer gc = curve(threshold.next(), ratio.next(), knee.next());
        makeupDb[k] = makeupOf(gc, makeup.next());
        wet[k] = mix.next() * 0.01f;
        target[k] = gc.reductionDb(kDbPerLog2 * wsp::dsp::fastLog2f(level[k]));
      }
    } else {
      const GainComputer gc = curve(threshold.current(), ratio.current(), knee.current());
      makeupDb[0] = makeupOf(gc, makeup.current());
      wet[0] = mix.current() * 0.01f;
      for (uint32_t k = 0; k < n; ++k)
        target[k] = gc.reductionDb(kDbPerLog2 * wsp::dsp::fastLog2f(level[k]));
      // Keep the smoothers' bookkeeping in step (they are not gliding: no-op).
      threshold.skip(n), ratio.skip(n), knee.skip(n), makeup.skip(n), mix.skip(n);
    }

    // (3) Smooth decoupled ballistics: release on the peak-held reduction, attack after it.
    // Written as a h + (1 - a) t: one multiply-add per stage on the recursion's path.
    const double aA = attackCoeff_, aR = releaseCoeff_;
    const double bA = 1.0 - aA, bR = 1.0 - aR;
    double held = held_, smoothed = smoothed_;
    float* const reduction = work;  // reduction[k] replaces target[k]
    for (uint32_t k = 0; k < n; ++k) {
      const double t = target[k];
      held = std::max(t, aR * held + bR * t);
      smoothed = aA * smoothed + bA * held;
      if (smoothed < kSilentReduction && held < kSilentReduction) smoothed = held = 0.0;
      reduction[k] = float(smoothed);
    }
    held_ = held, smoothed_ = smoothed;

    // (4) Gain: 1 + mix (g - 1); with no reduction and no makeup g is exactly 1.
    for (uint32_t k = 0; k < n; ++k) {
      const float m = makeupDb[Gliding ? k : 0], w = wet[Gliding ? k : 0];
      const float g = wsp::dsp::fastExp2f((m - reduction[k]) * kLog2PerDb);
      const float gain = 1.0f + w * (g - 1.0f);
      outL[k] = inL[k] * gain;
      outR[k] = inR[k] * gain;
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
