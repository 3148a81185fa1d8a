// Chorus / Flanger: modulated fractional delay lines with cubic interpolation.
//  - Chorus: 1..4 voices per channel, LFO phases spread evenly over the cycle and base delays
//    spread +-11 % around the set delay, summed at 1/voices.
//  - Flanger: one voice per channel sweeping 5 %..195 % of the base delay, with positive or
//    negative feedback through a soft limiter (resonant peaks that never blow up).
// The LFO is a sine (complex rotation, no per-sample sin()) or a triangle, free-running in Hz or
// synced to the host tempo (one cycle per note division, phase locked to the song position when
// playback starts). The right channel's LFO runs `spread` x 90 degrees ahead of the left one.
//
// Delay of voice v at sample n (after reset, free-running, phase starting at 0):
//   d_v(n) = base_v + amplitude * lfo(rate * n / sampleRate + v / voices + channelOffset)
//   amplitude = depth * base * (0.5 chorus | 0.95 flanger)
// Mix is a linear crossfade (so 50 % makes the classic comb: notches at odd multiples of
// 1 / (2 delay)); at 0 % the output is the input, bit for bit.
#include <cmath>
#include <cstdint>

#include <wsp/dsp.hpp>
#include <wsp/sdk.hpp>

#include <wsp/dsp/quadrature_lfo.hpp>

namespace wsp_chorus {

using namespace wsp::sdk;
namespace dsp = wsp::dsp;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kMode,
  kRate,
  kDepth,
  kDelay,
  kFeedback,
  kVoices,
  kSpread,
  kMix,
  kSync,
  kDivision,
  kShape,
};

// LFO cycle lengths for tempo sync, in quarter notes, shortest first.
inline constexpr const char* kDivisionNames =
    "1/16|1/8T|1/8|1/4T|1/8D|1/4|1/2T|1/4D|1/2|1/1T|1/2D|1/1|2 bars|4 bars|8 bars";
inline constexpr double kDivisionBeats[] = {0.25, 1.0 / 3.0, 0.5, 2.0 / 3.0, 0.75, 1.0, 4.0 / 3.0, 1.5,
                                            2.0,  8.0 / 3.0, 3.0, 4.0,       8.0,  16.0, 32.0};
inline constexpr uint32_t kDivisionCount = sizeof(kDivisionBeats) / sizeof(kDivisionBeats[0]);

inline constexpr int kMaxVoices = 4;
inline constexpr double kMaxBaseMs = 30.0;
inline constexpr float kVoiceSpread = 0.075f;  // base delay step between neighbouring voices

// Feedback limiter: linear below the knee, tanh above with matching slope, bounded by 1.
inline float softLimit(float x) noexcept {
  constexpr float knee = 0.6f, range = 1.0f - knee;
  const float a = std::fabs(x);
  if (a <= knee) return x;
  const float y = knee + range * dsp::fastTanh((a - knee) / range);
  return x < 0.0f ? -y : y;
}

class Chorus : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.chorus",
      .name = "Chorus",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "modulation",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Stereo chorus (1-4 voices) and flanger (positive/negative feedback) with "
                     "tempo-synced sine or triangle LFO.",
  };

  static constexpr Param params[] = {
      choiceParam(kMode, "mode", "Mode", "Chorus|Flanger", 0),
      floatParam(kRate, "rate", "Rate", "Hz", 0.01, 10.0, 0.6, Scale::Log),
      floatParam(kDepth, "depth", "Depth", "%", 0.0, 100.0, 40.0),
      floatParam(kDelay, "delay", "Delay", "ms", 0.1, kMaxBaseMs, 12.0, Scale::Log).smoothing(50.0),
      floatParam(kFeedback, "feedback", "Feedback", "%", -95.0, 95.0, 0.0),
      intParam(kVoices, "voices", "Voices", "", 1, kMaxVoices, 2),
      floatParam(kSpread, "spread", "Stereo Spread", "%", 0.0, 100.0, 100.0),
      floatParam(kMix, "mix", "Mix", "%", 0.0, 100.0, 50.0),
      boolParam(kSync, "sync", "Tempo Sync", false),
      choiceParam(kDivision, "division", "Division", kDivisionNames, 11),
      choiceParam(kShape, "shape", "LFO Shape", "Sine|Triangle", 0),
  };

  // False: out of memory (wsp_activate returns WSP_ERR_OUT_OF_MEMORY).
  bool activate(double sampleRate, uint32_t /*maxFrames*/) {
    // Longest read: the slowest voice's base (1 + 1.5 steps) swung up by 95 %.
    const double longest = kMaxBaseMs * (1.0 + 1.5 * kVoiceSpread) * 1.95;
    const auto maxDelay = static_cast<std::size_t>(std::ceil(dsp::msToSamples(longest, sampleRate))) + 4;
    for (auto& line : lines_)
      if (!line.prepare(maxDelay)) return false;
    samplesPerMs_ = static_cast<float>(sampleRate * 0.001);
    offsetsVoices_ = -1;
    return true;
  }

  void reset() {
    for (auto& line : lines_) line.reset();
    lfo_.resetPhase(0.0);
  }

  // Ring-out: the longest read, repeated until the feedback has fallen 90 dB.
  uint32_t tail() const {
    const double base = std::fmax(param(kDelay).value(), double(param(kDelay).current()));
    const double longest = dsp::msToSamples(base * (1.0 + 1.5 * kVoiceSpread) * 1.95, sampleRate());
    const double fb = std::fabs(std::fmax(std::fabs(param(kFeedback).value()),
                                          std::fabs(double(param(kFeedback).current())))) * 0.01;
    const double repeats = 1.0 + (fb > 1e-6 ? std::ceil(-4.5 / std::log10(fb)) : 0.0);
    return static_cast<uint32_t>(std::ceil(repeats * longest)) + 1;
  }

  void transport(const Transport& t) {
    if (t.tempoBpm >= 1.0 && t.tempoBpm <= 2000.0) tempoBpm_ = t.tempoBpm;
    // Lock the phase to the bar when playback starts (not on every event: a host that loops or
    // seeks would otherwise make the delay jump).
    if (t.playing && !playing_ && param(kSync).on()) lfo_.resetPhase(t.positionBeats / beatsPerCycle());
    playing_ = t.playing;
  }

  void process(const Block& block) {
    const bool flanger = param(kMode).index() == 1;
    const int voices = flanger ? 1 : param(kVoices).asInt();
    const bool triangle = param(kShape).index() == 1;
    const float voiceGain = 1.0f / static_cast<float>(voices);
    const float swing = flanger ? 0.95f : 0.5f;
    ParamValue& depth = param(kDepth);
    ParamValue& delay = param(kDelay);
    ParamValue& feedback = param(kFeedback);
    ParamValue& mix = param(kMix);

    const float* in[2] = {block.input(0), block.input(1)};
    float* out[2] = {block.output(0), block.output(1)};
    const uint32_t frames = block.frames();

    uint32_t done = 0;
    while (done < frames) {
      // Rate: per 16-sample chunk (it steers the LFO's speed, never its phase). Spread moves the
      // right channel's phase, so while it glides the chunk is one sample long (a phase step
      // would be a step in the delay).
      const uint32_t chunk = param(kSpread).isSmoothing() ? 1u : kChunk;
      const uint32_t n = frames - done < chunk ? frames - done : chunk;
      const double hz = param(kSync).on() ? tempoBpm_ / 60.0 / beatsPerCycle() : param(kRate).skip(n);
      lfo_.setIncrement(hz / sampleRate());
      updateOffsets(voices, param(kSpread).skip(n) * 0.01f);

      for (uint32_t i = done; i < done + n; ++i) {
        const float base = delay.next() * samplesPerMs_;
        const float amplitude = depth.next() * 0.01f * swing * base;
        const float fb = feedback.next() * 0.01f;
        const float wetGain = mix.next() * 0.01f;
        for (int c = 0; c < 2; ++c) {
          float wet = 0.0f;
          for (int v = 0; v < voices; ++v) {
            const double shape = triangle ? lfo_.triangle(offset_[c][v])
                                          : lfo_.sinShifted(offsetCos_[c][v], offsetSin_[c][v]);
            const float d = base * voiceBase_[v] + amplitude * static_cast<float>(shape);
            wet += lines_[c].readCubic(d);
          }
          wet *= voiceGain;
          lines_[c].write(in[c][i] + softLimit(fb * wet));
          out[c][i] = wetGain == 0.0f ? in[c][i] : (1.0f - wetGain) * in[c][i] + wetGain * wet;
        }
        lfo_.advance();
      }
      done += n;
    }
    lfo_.renormalize();
  }

 private:
  static constexpr uint32_t kChunk = 16;

  double beatsPerCycle() const {
    const uint32_t d = param(kDivision).index();
    return kDivisionBeats[d < kDivisionCount ? d : kDivisionCount - 1];
  }

  // Voice v of channel c: LFO phase offset v / voices (+ spread / 4 on the right) and base delay
  // factor 1 + step * (v - (voices - 1) / 2). Recomputed only when voices or spread change.
  void updateOffsets(int voices, float spread) {
    if (voices == offsetsVoices_ && spread == offsetsSpread_) return;
    const int first = voices == offsetsVoices_ ? 1 : 0;  // spread alone moves the right channel only
    offsetsVoices_ = voices;
    offsetsSpread_ = spread;
    for (int v = 0; v < voices; ++v) {
      voiceBase_[v] = 1.0f + kVoiceSpread * (static_cast<float>(v) - 0.5f * static_cast<float>(voices - 1));
      for (int c = first; c < 2; ++c) {
        const double o = static_cast<double>(v) / voices + (c == 1 ? 0.25 * spread : 0.0);
        offset_[c][v] = o;
        offsetCos_[c][v] = std::cos(dsp::kTwoPi * o);
        offsetSin_[c][v] = std::sin(dsp::kTwoPi * o);
      }
    }
  }

  dsp::DelayLine lines_[2];
  wsp::dsp::QuadratureLfo lfo_;
  double offset_[2][kMaxVoices] = {};
  double offsetCos_[2][kMaxVoices] = {};
  double offsetSin_[2][kMaxVoices] = {};
  float voiceBase_[kMaxVoices] = {1.0f, 1.0f, 1.0f, 1.0f};
  int offsetsVoices_ = -1;
  float offsetsSpread_ = -1.0f;
  float samplesPerMs_ = 48.0f;
  double tempoBpm_ = 120.0;
  bool playing_ = false;
};

}  // namespace wsp_chorus

WSP_PLUGIN(wsp_chorus::Chorus, chorus);
