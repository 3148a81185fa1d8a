// Reverb: algorithmic stereo reverb. Pre-delay, an input diffuser (four Schroeder allpasses per
// channel), an 8-line feedback delay network (fdn.hpp) whose per-line shelving filters set the
// decay time (RT60) at low/mid and high frequencies, slow line modulation against metallic
// ringing, then low cut / high cut and width on the wet signal.
//
// Timing, documented for hosts and tests: the diffuser passes part of its input straight
// through (an allpass's -g term), and the network's output taps read what is written into the
// lines, so the first wet sample arrives exactly at the pre-delay (rounded to whole samples when
// the pre-delay is a whole number of samples; a fractional pre-delay is read with cubic
// interpolation, which may start one sample earlier). Latency is 0: the dry path is undelayed.
#include <cmath>
#include <cstdint>

#include <wsp/dsp.hpp>
#include <wsp/sdk.hpp>

#include "fdn.hpp"

namespace wsp_reverb {

using namespace wsp::sdk;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kPreDelay,
  kSize,
  kDecay,
  kDamping,
  kDiffusion,
  kLowCut,
  kHighCut,
  kWidth,
  kMix,
  kModulation,
};

inline constexpr double kMaxPreDelayMs = 250.0;
// Input diffuser delays in ms, left and right slightly different (decorrelation).
inline constexpr double kDiffuserMs[2][4] = {{4.771, 3.595, 12.73, 9.307},
                                             {4.513, 3.813, 11.87, 9.931}};

class Reverb : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.reverb",
      .name = "Reverb",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "reverb",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Algorithmic stereo reverb: pre-delay, diffusion, 8-line feedback delay "
                     "network with frequency-dependent decay, modulation, wet filters and width.",
  };

  static constexpr Param params[] = {
      // Pre-delay and size move delay lines: slower glides keep the pitch bend gentle.
      floatParam(kPreDelay, "predelay", "Pre-Delay", "ms", 0.0, kMaxPreDelayMs, 10.0).smoothing(150.0),
      floatParam(kSize, "size", "Size", "%", 25.0, 200.0, 100.0).smoothing(300.0),
      floatParam(kDecay, "decay", "Decay", "s", 0.2, 30.0, 2.5, Scale::Log),
      floatParam(kDamping, "damping", "Damping", "%", 0.0, 100.0, 40.0),
      floatParam(kDiffusion, "diffusion", "Diffusion", "%", 0.0, 100.0, 75.0),
      floatParam(kLowCut, "low_cut", "Low Cut", "Hz", 20.0, 1000.0, 60.0, Scale::Log),
      floatParam(kHighCut, "high_cut", "High Cut", "Hz", 1000.0, 20000.0, 12000.0, Scale::Log),
      floatParam(kWidth, "width", "Width", "%", 0.0, 150.0, 100.0),
      floatParam(kMix, "mix", "Mix", "%", 0.0, 100.0, 30.0),
      floatParam(kModulation, "modulation", "Modulation", "%", 0.0, 100.0, 30.0),
  };

  // False: out of memory (wsp_activate returns WSP_ERR_OUT_OF_MEMORY).
  bool activate(double sampleRate, uint32_t /*maxFrames*/) {
    const auto preMax = static_cast<std::size_t>(std::ceil(dsp::msToSamples(kMaxPreDelayMs, sampleRate))) + 4;
    for (int c = 0; c < 2; ++c) {
      if (!preDelay_[c].prepare(preMax)) return false;
      for (int k = 0; k < 4; ++k) {
        const auto d = static_cast<std::size_t>(std::lround(dsp::msToSamples(kDiffuserMs[c][k], sampleRate)));
        if (!diffuser_[c][k].prepare(d)) return false;
        diffuser_[c][k].setDelay(d);
      }
    }
    if (!fdn_.prepare(sampleRate)) return false;
    modulationPerPercent_ = static_cast<float>(dsp::msToSamples(kMaxModulationMs, sampleRate) / 100.0);
    lowCutHz_ = highCutHz_ = diffusion_ = -1.0f;
    return true;
  }

  void reset() {
    for (int c = 0; c < 2; ++c) {
      preDelay_[c].reset();
      for (auto& ap : diffuser_[c]) ap.reset();
      lowCut_[c].reset();
      highCut_[c].reset();
    }
    fdn_.reset();
    configure(kChunk);
  }

  uint32_t tail() const {
    const double sr = sampleRate();
    const double rt60 = std::fmax(param(kDecay).value(), double(param(kDecay).current()));
    const double pre = std::fmax(param(kPreDelay).value(), double(param(kPreDelay).current()));
    const double size = std::fmax(param(kSize).value(), double(param(kSize).current())) * 0.01;
    // The envelope falls 90 dB below its maximum about 1.35 RT60 after the field starts (the
    // maximum comes early, while the diffused input still adds to the field): 1.45 RT60, plus
    // pre-delay, the diffuser (31 ms) and two passes of the longest line for the build-up.
    const double frames = 1.45 * rt60 * sr + 2.0 * kBaseLengths48k[kLines - 1] * (sr / 48000.0) * size +
                          dsp::msToSamples(pre + 31.0, sr);
    return static_cast<uint32_t>(std::ceil(frames));
  }

  void process(const Block& block) {
    ParamValue& preDelay = param(kPreDelay);
    ParamValue& width = param(kWidth);
    ParamValue& mix = param(kMix);
    const float* inL = block.input(0);
    const float* inR = block.input(1);
    float* outL = block.output(0);
    float* outR = block.output(1);
    const uint32_t frames = block.frames();
    const float samplesPerMs = static_cast<float>(sampleRate() * 0.001);

    uint32_t done = 0;
    while (done < frames) {
      const uint32_t n = frames - done < kChunk ? frames - done : kChunk;
      configure(n);
      for (uint32_t i = done; i < done + n; ++i) {
        // Pre-delay: write, then read d + 1 back (d = 0 is the current sample).
        preDelay_[0].write(inL[i]);
        preDelay_[1].write(inR[i]);
        const float d = preDelay.next() * samplesPerMs + 1.0f;
        float l = preDelay_[0].readCubic(d);
        float r = preDelay_[1].readCubic(d);
        for (int k = 0; k < 4; ++k) {
          l = diffuser_[0][k].process(l);
          r = diffuser_[1][k].process(r);
        }
        float wetL, wetR;
        fdn_.process(l, r, wetL, wetR);
        wetL = lowCut_[0].process(highCut_[0].process(wetL * kOutputGain).lowpass).highpass;
        wetR = lowCut_[1].process(highCut_[1].process(wetR * kOutputGain).lowpass).highpass;
        const dsp::StereoSample wide = dsp::stereoWidth(wetL, wetR, width.next() * 0.01f);
        const float wet = mix.next() * 0.01f;
        const float dry = 1.0f - wet;
        outL[i] = dry * inL[i] + wet * wide.left;
        outR[i] = dry * inR[i] + wet * wide.right;
      }
      done += n;
    }
    fdn_.renormalize();
  }

 private:
  static constexpr uint32_t kChunk = 16;
  // The taps sum four lines per side: 1/4 makes the direct diffused sound unity gain.
  static constexpr float kOutputGain = 0.25f;

  // Coefficients follow the parameters once per chunk of up to 16 samples; nothing is
  // recomputed while they hold still (every cache compares values, so a reset or a state load,
  // which snap parameters without a glide, are picked up too).
  void configure(uint32_t n) {
    const double sr = sampleRate();
    const float size = param(kSize).skip(n) * 0.01f;
    const float decay = param(kDecay).skip(n);
    const float damping = param(kDamping).skip(n) * 0.01f;
    const float modulation = param(kModulation).skip(n) * modulationPerPercent_;
    fdn_.configure(size, decay, 1.0 - 0.92 * damping, modulation);
    const float diffusion = param(kDiffusion).skip(n);
    if (diffusion != diffusion_) {
      diffusion_ = diffusion;
      // g from 0.2 (sparse, the allpass delays audible as early echoes) to 0.75 (dense).
      const float g = 0.2f + 0.55f * diffusion * 0.01f;
      for (int c = 0; c < 2; ++c)
        for (auto& ap : diffuser_[c]) ap.setGain(g);
    }
    const float lowCut = param(kLowCut).skip(n);
    const float highCut = param(kHighCut).skip(n);
    if (lowCut != lowCutHz_ || highCut != highCutHz_) {
      lowCutHz_ = lowCut;
      highCutHz_ = highCut;
      for (int c = 0; c < 2; ++c) {
        lowCut_[c].setCutoff(sr, lowCut, 0.7071067811865476);
        highCut_[c].setCutoff(sr, highCut, 0.7071067811865476);
      }
    }
  }

  dsp::DelayLine preDelay_[2];
  dsp::SchroederAllpass diffuser_[2][4];
  Fdn fdn_;
  dsp::StateVariableFilter lowCut_[2];
  dsp::StateVariableFilter highCut_[2];
  float modulationPerPercent_ = 0.0f;
  float diffusion_ = -1.0f;
  float lowCutHz_ = -1.0f;
  float highCutHz_ = -1.0f;
};

}  // namespace wsp_reverb

WSP_PLUGIN(wsp_reverb::Reverb, reverb);
