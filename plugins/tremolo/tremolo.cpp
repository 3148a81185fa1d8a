// Tremolo / Autopan: amplitude or constant-power pan modulation by an LFO (sine, triangle,
// soft-edged square), free-running in Hz or locked to the host's tempo and song position.
//
// Tremolo: gain = 1 - depth (1 - lfo) / 2 per channel (unity at the LFO's top, 1 - depth at its
// bottom), the right channel's LFO shifted by the stereo phase. Autopan: pan = depth * lfo with
// the constant-power law of shapes.hpp (L^2 + R^2 = 2, centre = unity).
// Sync: one LFO cycle per note division; the phase is (song position in beats) / (beats per
// cycle), so cycles start on the beat grid; TRANSPORT events set tempo and position, which then
// advance with the tempo between events.
// Cost: the sine is a rotating phasor (exact, re-seeded every chunk), the pan law a polynomial;
// no transcendental call per sample unless the stereo phase itself is gliding.
// Switching mode, shape, sync or division, and transport jumps, would step the gain: a 5 ms
// declicker glides the gain from where it was to the new curve.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include <wsp/dsp/math.hpp>
#include <wsp/sdk.hpp>

#include "shapes.hpp"

namespace wsp_tremolo {

using namespace wsp::sdk;
using wsp::dsp::kTwoPi;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t { kMode, kRate, kSync, kDivision, kDepth, kShape, kStereoPhase };

enum class Mode : uint32_t { Tremolo, Autopan };
enum class Shape : uint32_t { Sine, Triangle, Square };

// Note divisions and their length in quarter notes (beats per LFO cycle).
constexpr std::string_view kDivisionNames =
    "4 bars|2 bars|1/1|1/2|1/2 dotted|1/2 triplet|1/4|1/4 dotted|1/4 triplet|1/8|1/8 dotted|"
    "1/8 triplet|1/16|1/16 dotted|1/16 triplet|1/32";
constexpr double kDivisionBeats[] = {16.0, 8.0, 4.0,   2.0,  3.0,   4.0 / 3.0, 1.0,       1.5,
                                     2.0 / 3.0, 0.5, 0.75, 1.0 / 3.0, 0.25, 0.375, 1.0 / 6.0, 0.125};
constexpr uint32_t kQuarter = 6;

class Tremolo : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.tremolo",
      .name = "Tremolo",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "modulation",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Tremolo and constant-power autopan with sine, triangle and soft square "
                     "LFO, free or tempo-synced to the song position.",
  };

  static constexpr Param params[] = {
      choiceParam(kMode, "mode", "Mode", "Tremolo|Autopan", 0),
      floatParam(kRate, "rate", "Rate", "Hz", 0.05, 20.0, 4.0, Scale::Log),
      boolParam(kSync, "sync", "Sync", false),
      choiceParam(kDivision, "division", "Division", kDivisionNames, kQuarter),
      floatParam(kDepth, "depth", "Depth", "%", 0.0, 100.0, 50.0),
      choiceParam(kShape, "shape", "Shape", "Sine|Triangle|Square", 0),
      floatParam(kStereoPhase, "stereo_phase", "Stereo Phase", "deg", 0.0, 180.0, 0.0),
  };

  void activate(double sampleRate, uint32_t /*maxFrames*/) {
    declickSamples_ = std::max(1, int(std::lround(kDeclickMs * 0.001 * sampleRate)));
  }

  void reset() {
    freePhase_ = 0.0;
    beatPosition_ = 0.0;
    tempoBpm_ = 120.0;
    haveLast_ = false;
    declickLeft_ = 0;
    switches_ = currentSwitches();
    cachedIncrement_ = -1.0;
    updateOffset(param(kStereoPhase).current());
  }

  void transport(const Transport& t) {
    if (t.tempoBpm > 0.0 && t.tempoBpm < 10000.0) tempoBpm_ = t.tempoBpm;
    if (std::isfinite(t.positionBeats)) beatPosition_ = t.positionBeats;
    if (param(kSync).on()) armDeclick_ = true;
  }

  void process(const Block& block) {
    const uint32_t frames = block.frames();
    const Switches now = currentSwitches();
    if (!(now == switches_)) armDeclick_ = true;
    switches_ = now;

    uint32_t done = 0;
    while (done < frames) {
      const uint32_t n = param(kRate).isSmoothing() ? std::min(kChunk, frames - done) : frames - done;
      renderChunk(block, done, n);
      done += n;
    }
  }

 private:
  static constexpr uint32_t kChunk = 32;       // rate update interval while it glides
  static constexpr double kDeclickMs = 5.0;
  static constexpr double kSquareEdgeSec = 0.004;  // soft square: each edge takes ~4 ms

  struct Switches {
    uint32_t mode, shape, division;
    bool sync;
    bool operator==(const Switches&) const = default;
  };
  Switches currentSwitches() {
    return {param(kMode).index(), param(kShape).index(), param(kDivision).index(),
            param(kSync).on()};
  }

  void updateOffset(float degrees) {
    offsetCycles_ = double(degrees) / 360.0;
    offsetCos_ = std::cos(kTwoPi * offsetCycles_);
    offsetSin_ = std::sin(kTwoPi * offsetCycles_);
  }

  void renderChunk(const Block& block, uint32_t at, uint32_t n) {
    const double sr = sampleRate();
    const bool sync = switches_.sync;
    const double beatsPerSample = tempoBpm_ / 60.0 / sr;
    double phase0, increment;
    if (sync) {
      const double beatsPerCycle = kDivisionBeats[std::min<uint32_t>(switches_.division, 15)];
      const double cycles = beatPosition_ / beatsPerCycle;
      phase0 = cycles - std::floor(cycles);
      increment = beatsPerSample / beatsPerCycle;
      param(kRate).skip(n);
    } else {
      phase0 = freePhase_;
      increment = double(param(kRate).current()) / sr;
      param(kRate).skip(n);
    }
    if (increment != cachedIncrement_) {
      cachedIncrement_ = increment;
      stepCos_ = std::cos(kTwoPi * increment);
      stepSin_ = std::sin(kTwoPi * increment);
      // Soft square: edges of kSquareEdgeSec, but never steeper than a triangle allows.
      steepness_ = float(std::max(1.0, 1.0 / (2.0 * kSquareEdgeSec * increment * sr)));
    }

    const Mode mode = Mode(switches_.mode);
    const Shape shape = Shape(switches_.shape);
    ParamValue& depth = param(kDepth);
    ParamValue& stereo = param(kStereoPhase);
    const bool stereoGliding = stereo.isSmoothing();

    double c = std::cos(kTwoPi * phase0), s = std::sin(kTwoPi * phase0);  // phasor at phase0
    double phase = phase0;
    const float* inL = block.input(0) + at;
    const float* inR = block.input(1) + at;
    float* outL = block.output(0) + at;
    float* outR = block.output(1) + at;
    for (uint32_t k = 0; k < n; ++k) {
      const float d = depth.next() * 0.01f;
      if (stereoGliding) updateOffset(stereo.next());
      float lfoL, lfoR = 0.0f;
      switch (shape) {
        case Shape::Sine:
          lfoL = float(s);
          lfoR = float(s * offsetCos_ + c * offsetSin_);
          break;
        case Shape::Triangle:
          lfoL = triangle(phase);
          lfoR = triangle(wrap(phase + offsetCycles_));
          break;
        case Shape::Square:
        default:
          lfoL = softSquare(phase, steepness_);
          lfoR = softSquare(wrap(phase + offsetCycles_), steepness_);
          break;
      }
      float gL, gR;
      if (mode == Mode::Autopan) {
        const PanGains pan = autopanGains(d * lfoL);
        gL = pan.left;
        gR = pan.right;
      } else {
        gL = 1.0f - d * 0.5f * (1.0f - lfoL);
        gR = 1.0f - d * 0.5f * (1.0f - lfoR);
      }
      applyDeclick(gL, gR);
      outL[k] = inL[k] * gL;
      outR[k] = inR[k] * gR;

      // Advance the phasor and the phase.
      const double nc = c * stepCos_ - s * stepSin_;
      s = s * stepCos_ + c * stepSin_;
      c = nc;
      phase += increment;
      if (phase >= 1.0) phase -= 1.0;
    }
    const double end = phase0 + double(n) * increment;
    freePhase_ = end - std::floor(end);  // also while synced: switching sync off stays continuous
    beatPosition_ += double(n) * beatsPerSample;
  }

  static double wrap(double p) { return p >= 1.0 ? p - 1.0 : p; }

  // Glides from the last output gains to the new curve after a discontinuity.
  void applyDeclick(float& gL, float& gR) {
    if (armDeclick_) {
      armDeclick_ = false;
      if (haveLast_) {
        declickL_ = lastL_ - gL;
        declickR_ = lastR_ - gR;
        declickLeft_ = declickSamples_;
      }
    }
    if (declickLeft_ > 0) {
      const float t = float(--declickLeft_) / float(declickSamples_);
      const float w = t * t * (3.0f - 2.0f * t);
      gL += declickL_ * w;
      gR += declickR_ * w;
    }
    lastL_ = gL;
    lastR_ = gR;
    haveLast_ = true;
  }

  double freePhase_ = 0.0;
  double beatPosition_ = 0.0;
  double tempoBpm_ = 120.0;
  double cachedIncrement_ = -1.0;
  double stepCos_ = 1.0, stepSin_ = 0.0;
  float steepness_ = 1.0f;
  double offsetCycles_ = 0.0, offsetCos_ = 1.0, offsetSin_ = 0.0;
  Switches switches_{};
  bool armDeclick_ = false;
  bool haveLast_ = false;
  float lastL_ = 1.0f, lastR_ = 1.0f;
  float declickL_ = 0.0f, declickR_ = 0.0f;
  int declickLeft_ = 0;
  int declickSamples_ = 1;
};

}  // namespace wsp_tremolo

WSP_PLUGIN(wsp_tremolo::Tremolo, tremolo);
