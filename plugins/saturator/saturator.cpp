// Saturator: 4x oversampled waveshaping distortion with four characters, a tilt tone control,
// output gain, a phase-coherent dry/wet mix and optional auto gain.
//
// Signal path per channel (base rate unless noted):
//   x -> * drive -> [4x up -> shaper -> 4x down] -> (Tube: DC blocker) -> tilt EQ -> * auto gain
//     -> mix with the dry signal delayed by the oversampler latency -> * output
// The oversampler delays by exactly kLatency base-rate samples at any sample rate; the dry path is
// delayed by the same amount so that mixing is phase-coherent, and kLatency is reported (ABI-13).
#include <cmath>
#include <cstdint>
#include <wsp/dsp/block_delay.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/dsp/one_pole.hpp>
#include <wsp/dsp/oversampler.hpp>
#include <wsp/dsp/waveshaper.hpp>
#include <wsp/sdk.hpp>

#include "shapers.hpp"

namespace saturator {

using namespace wsp::sdk;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t { kDrive, kType, kTone, kOutput, kMix, kAutoGain };

class Saturator : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.saturator",
      .name = "Saturator",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "distortion",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "4x oversampled saturation: tape (tanh), tube (asymmetric), hard clip and "
                     "foldback, with tilt tone, phase-coherent mix and auto gain.",
  };

  static constexpr Param params[] = {
      floatParam(kDrive, "drive", "Drive", "dB", 0.0, 48.0, 12.0),
      choiceParam(kType, "type", "Type", "Tape|Tube|Hard Clip|Foldback", 0),
      floatParam(kTone, "tone", "Tone", "%", -100.0, 100.0, 0.0),
      floatParam(kOutput, "output", "Output", "dB", -24.0, 24.0, 0.0, Scale::Db),
      floatParam(kMix, "mix", "Mix", "%", 0.0, 100.0, 100.0),
      boolParam(kAutoGain, "auto_gain", "Auto Gain", false),
  };

  static constexpr uint32_t kLatency =
      static_cast<uint32_t>(wsp::dsp::Oversampler<4>::latencySamples());

  void activate(double sampleRate, uint32_t /*maxFrames*/) {
    for (Channel& ch : channels_) ch.dcBlocker.prepare(sampleRate, 10.0);
    // The DC blocker (10 Hz, Tube only) decays by 2 pi 10 Hz * 0.2 s = 12.6 nepers (-109 dB) in
    // 0.2 s.
    dcTailSamples_ = static_cast<uint32_t>(std::lround(0.2 * sampleRate));
  }

  void reset() {
    tiltGain_ = -1.0f;  // forces the tilt filters to be configured on the next sample
    tiltAsleep_ = false;
    for (Channel& ch : channels_) {
      ch.dry.reset();
      ch.oversampler.reset();
      ch.tilt.reset();
      ch.dcBlocker.reset();
    }
  }

  uint32_t latency() const { return kLatency; }
  uint32_t tail() const {
    return kLatency + (param(kType).index() == uint32_t(ShapeType::Tube) ? dcTailSamples_ : 0u);
  }

  void process(const Block& block) {
    switch (ShapeType(param(kType).index())) {
      case ShapeType::Tape: run<ShapeType::Tape>(block); break;
      case ShapeType::Tube: run<ShapeType::Tube>(block); break;
      case ShapeType::HardClip: run<ShapeType::HardClip>(block); break;
      case ShapeType::Foldback: run<ShapeType::Foldback>(block); break;
    }
  }

 private:
  static constexpr double kTiltPivotHz = 1000.0;
  // Tone at +-100 % tilts by +-6 dB at the extremes (a 12 dB spread), pivoting at 1 kHz.
  static constexpr float kTiltDbAtFull = 6.0f;
  // Auto gain holds a sine of this peak level (-12 dBFS) at the same output level at any drive.
  static constexpr float kAutoGainReference = 0.25f;

  // Frames per gain / oversampler piece: a 128-frame block (the engine's and the browser's
  // quantum) in one piece, so each halfband stage runs once per channel and call.
  static constexpr uint32_t kPiece = 128;
  static constexpr uint32_t kChannels = 2;

  struct Channel {
    wsp::dsp::BlockDelay<kLatency, kPiece> dry;  // the dry path, in step with the oversampler
    wsp::dsp::Oversampler<4> oversampler;
    wsp::dsp::OnePoleLowpass tilt;
    wsp::dsp::DcBlocker dcBlocker;
  };

  // Everything derived from the float parameters; recomputed per sample only while one glides.
  struct Gains {
    float drive = 1.0f;
    float wet = 1.0f;       // auto gain
    float tiltHigh = 1.0f;  // y = tiltHigh * x + tiltLowMinusHigh * lowpass(x)
    float tiltLowMinusHigh = 0.0f;
    float mix = 1.0f;
    float output = 1.0f;
  };

  Gains gains(float driveDb, float tonePercent, float outputDb, float mixPercent) {
    constexpr float kDbToNepers = 0.11512925f;  // ln(10) / 20
    Gains g;
    g.drive = std::exp(driveDb * kDbToNepers);
    // tanh(ref) / tanh(drive * ref): exactly 1 at 0 dB drive; the output of a -12 dBFS sine stays
    // near -12 dBFS as the drive rises.
    g.wet = param(kAutoGain).on() ? wsp::dsp::fastTanh(kAutoGainReference) /
                                        wsp::dsp::fastTanh(g.drive * kAutoGainReference)
                                  : 1.0f;
    const float tiltDb = kTiltDbAtFull * 0.01f * tonePercent;
    g.tiltHigh = std::exp(tiltDb * kDbToNepers);
    g.tiltLowMinusHigh = 1.0f / g.tiltHigh - g.tiltHigh;
    g.mix = 0.01f * mixPercent;
    g.output = std::exp(outputDb * kDbToNepers);
    return g;
  }

  // First-order shelf H(s) = (h s + wc / h) / (s + wc): its gain is exactly 1 at wc / h, so a
  // crossover at pivot * h keeps the pivot at 0 dB whatever the tilt. Reconfigured only when the
  // tilt moved.
  void setTilt(wsp::dsp::OnePoleLowpass (&tilt)[kChannels], float tiltHigh) {
    if (tiltHigh == tiltGain_) return;
    tiltGain_ = tiltHigh;
    for (wsp::dsp::OnePoleLowpass& f : tilt) f.setCutoff(sampleRate(), kTiltPivotHz * tiltHigh);
  }

  // Block-wise, in pieces of up to kPiece frames: (1) the gains of each frame, per sample only
  // while a parameter glides; (2) each channel through the oversampler in one call
  // (Oversampler::processBlock: whole-piece FIR stages and one vectorised shaper loop); (3) the
  // recursive filters (DC blocker, tilt lowpass) with both channels in one loop, on local
  // copies whose state stays in registers: two independent recursions overlap, where one
  // channel after the other, with the state stored and reloaded every sample, left the CPU
  // waiting on one chain of dependent operations; (4) tilt, mix and output gain, vectorised.
  // Every sample sees the same operations in the same order whatever the block sizes, so the
  // output does not depend on how the host splits the signal.
  template <ShapeType Type>
  void run(const Block& block) {
    ParamValue& drive = param(kDrive);
    ParamValue& tone = param(kTone);
    ParamValue& output = param(kOutput);
    ParamValue& mix = param(kMix);
    const uint32_t frames = block.frames();
    for (uint32_t done = 0; done < frames;) {
      const uint32_t n = frames - done < kPiece ? frames - done : kPiece;
      if (drive.isSmoothing() || tone.isSmoothing() || output.isSmoothing() || mix.isSmoothing()) {
        Gains g[kPiece];
        for (uint32_t i = 0; i < n; ++i) g[i] = gains(drive.next(), tone.next(), output.next(), mix.next());
        runPiece<Type, true>(block, done, n, g);
      } else {
        const Gains g = gains(drive.current(), tone.current(), output.current(), mix.current());
        runPiece<Type, false>(block, done, n, &g);
      }
      done += n;
    }
  }

  // Frames [at, at + n) of the block; g holds the gains of every frame while gliding, else the
  // one set that holds for all (the loops then read constants and vectorise).
  template <ShapeType Type, bool Gliding>
  void runPiece(const Block& block, uint32_t at, uint32_t n, const Gains* g) {
    const Gains steady = g[0];
    const auto gainsAt = [&](uint32_t i) -> const Gains& { return Gliding ? g[i] : steady; };
    // A local copy, captured by value: the shaper loop then reads no member the compiler must
    // assume its stores may change, and vectorises.
    const TubeCurve tube = tube_;
    // The wet signal is built in the output buffers (inputs and outputs never alias, ABI-9)
    // rather than in stack arrays: fewer stack lines per call (sdk/README.md, "Fast in a
    // session").
    float* const wet[kChannels] = {block.output(0) + at, block.output(1) + at};
    for (uint32_t c = 0; c < kChannels; ++c) {
      const float* in = block.input(c) + at;
      for (uint32_t i = 0; i < n; ++i) wet[c][i] = gainsAt(i).drive * in[i];
      channels_[c].oversampler.processBlock(wet[c], wet[c], n,
                                            [tube](float s) { return shape<Type>(s, tube); });
    }

    // The recursive filters, both channels in one loop on local copies (see run). At tone 0 the
    // tilt is the identity (tiltHigh exactly 1, tiltLowMinusHigh exactly 0) and its lowpass,
    // whose output would be multiplied by 0, sleeps: a serial recursion per channel, about a
    // tenth of the plugin's time in a session. At the first frame whose tone is not 0 it wakes
    // with its state set to the signal it then sees (a lowpass at the 1 kHz pivot or above
    // follows its input within a few samples, while a glide's tiltLowMinusHigh is still near 0).
    // Asleep or awake is decided frame by frame, so the output does not depend on block sizes.
    wsp::dsp::DcBlocker dc[kChannels] = {channels_[0].dcBlocker, channels_[1].dcBlocker};
    wsp::dsp::OnePoleLowpass tilt[kChannels] = {channels_[0].tilt, channels_[1].tilt};
    if constexpr (!Gliding) setTilt(tilt, steady.tiltHigh);
    if (!Gliding && steady.tiltLowMinusHigh == 0.0f) {
      tiltAsleep_ = true;
      if constexpr (Type == ShapeType::Tube) {
        for (uint32_t i = 0; i < n; ++i)
          for (uint32_t c = 0; c < kChannels; ++c) wet[c][i] = dc[c].process(wet[c][i]);
      }
    } else {
      bool asleep = tiltAsleep_;
      for (uint32_t i = 0; i < n; ++i) {
        const Gains& gi = gainsAt(i);
        if constexpr (Gliding) setTilt(tilt, gi.tiltHigh);
        const bool identity = Gliding && gi.tiltLowMinusHigh == 0.0f;
        for (uint32_t c = 0; c < kChannels; ++c) {
          float w = wet[c][i];
          if constexpr (Type == ShapeType::Tube) w = dc[c].process(w);
          if (identity) {
            wet[c][i] = w;
            continue;
          }
          if (asleep) tilt[c].reset(w);
          wet[c][i] = gi.tiltHigh * w + gi.tiltLowMinusHigh * tilt[c].process(w);
        }
        asleep = identity;
      }
      tiltAsleep_ = asleep;
    }
    for (uint32_t c = 0; c < kChannels; ++c) {
      channels_[c].dcBlocker = dc[c];
      channels_[c].tilt = tilt[c];
    }

    for (uint32_t c = 0; c < kChannels; ++c) {
      // The dry path replaces this piece's input, which the wet path has read already.
      float* const dry = block.scratchInput(c) + at;
      float* out = wet[c];
      channels_[c].dry.process(dry, dry, n);
      for (uint32_t i = 0; i < n; ++i) {
        const Gains& gi = gainsAt(i);
        // mix 0 gives the delayed dry signal exactly: dry + 0 * (...) == dry.
        out[i] = gi.output * (dry[i] + gi.mix * (gi.wet * out[i] - dry[i]));
      }
    }
  }

  Channel channels_[2];
  float tiltGain_ = -1.0f;  // the tilt both channels' `tilt` filters are set for
  bool tiltAsleep_ = false;  // tone 0: the `tilt` lowpasses are not run (runPiece)
  TubeCurve tube_ = tubeCurve();
  uint32_t dcTailSamples_ = 0;
};

}  // namespace saturator

WSP_PLUGIN(saturator::Saturator, saturator);
