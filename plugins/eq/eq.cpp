// EQ: four-band parametric equaliser (low shelf/bell, bell, bell, high shelf/bell) with low cut
// and high cut (12/24/36/48 dB/oct Butterworth) and output gain.
//
// Signal path per channel: low cut -> bands 1..4 -> high cut -> output gain, all biquads in
// transposed direct form II (wsp::dsp::Biquad). While any parameter glides, the coefficients are
// redesigned every kChunk samples and the filters ramp linearly between the designs, so sweeps
// are click-free; switches (on/off, type, slope) crossfade from the old sections over kFadeMs.
// Identity sections (bands at 0 dB, cuts off) are skipped once their state has rung out.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include <wsp/dsp/biquad.hpp>
#include <wsp/dsp/biquad_series.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/sdk.hpp>

#include "eq_design.hpp"

namespace wsp_eq {

using namespace wsp::sdk;
using wsp::dsp::Biquad;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t {
  kOutput,
  kLowCutOn, kLowCutFreq, kLowCutSlope,
  kHighCutOn, kHighCutFreq, kHighCutSlope,
  kBand1On, kBand1Type, kBand1Freq, kBand1Gain, kBand1Q,
  kBand2On, kBand2Freq, kBand2Gain, kBand2Q,
  kBand3On, kBand3Freq, kBand3Gain, kBand3Q,
  kBand4On, kBand4Type, kBand4Freq, kBand4Gain, kBand4Q,
};

constexpr std::string_view kSlopes = "12 dB/oct|24 dB/oct|36 dB/oct|48 dB/oct";

class Eq : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.eq",
      .name = "EQ",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "eq",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Four-band parametric EQ (shelf/bell bands) with 12..48 dB/oct low and high "
                     "cut.",
  };

  static constexpr Param params[] = {
      floatParam(kOutput, "output", "Output", "dB", -24.0, 24.0, 0.0),
      boolParam(kLowCutOn, "lowcut_on", "Low Cut", false),
      floatParam(kLowCutFreq, "lowcut_freq", "Low Cut Freq", "Hz", 10.0, 2000.0, 30.0, Scale::Log),
      choiceParam(kLowCutSlope, "lowcut_slope", "Low Cut Slope", kSlopes, 1),
      boolParam(kHighCutOn, "highcut_on", "High Cut", false),
      floatParam(kHighCutFreq, "highcut_freq", "High Cut Freq", "Hz", 500.0, 22000.0, 15000.0,
                 Scale::Log),
      choiceParam(kHighCutSlope, "highcut_slope", "High Cut Slope", kSlopes, 1),
      boolParam(kBand1On, "band1_on", "Band 1", true),
      choiceParam(kBand1Type, "band1_type", "Band 1 Type", "Low Shelf|Bell", 0),
      floatParam(kBand1Freq, "band1_freq", "Band 1 Freq", "Hz", 20.0, 20000.0, 100.0, Scale::Log),
      floatParam(kBand1Gain, "band1_gain", "Band 1 Gain", "dB", -24.0, 24.0, 0.0),
      floatParam(kBand1Q, "band1_q", "Band 1 Q", "", 0.1, 18.0, 0.7071, Scale::Log),
      boolParam(kBand2On, "band2_on", "Band 2", true),
      floatParam(kBand2Freq, "band2_freq", "Band 2 Freq", "Hz", 20.0, 20000.0, 500.0, Scale::Log),
      floatParam(kBand2Gain, "band2_gain", "Band 2 Gain", "dB", -24.0, 24.0, 0.0),
      floatParam(kBand2Q, "band2_q", "Band 2 Q", "", 0.1, 18.0, 1.0, Scale::Log),
      boolParam(kBand3On, "band3_on", "Band 3", true),
      floatParam(kBand3Freq, "band3_freq", "Band 3 Freq", "Hz", 20.0, 20000.0, 2500.0, Scale::Log),
      floatParam(kBand3Gain, "band3_gain", "Band 3 Gain", "dB", -24.0, 24.0, 0.0),
      floatParam(kBand3Q, "band3_q", "Band 3 Q", "", 0.1, 18.0, 1.0, Scale::Log),
      boolParam(kBand4On, "band4_on", "Band 4", true),
      choiceParam(kBand4Type, "band4_type", "Band 4 Type", "High Shelf|Bell", 0),
      floatParam(kBand4Freq, "band4_freq", "Band 4 Freq", "Hz", 20.0, 20000.0, 8000.0, Scale::Log),
      floatParam(kBand4Gain, "band4_gain", "Band 4 Gain", "dB", -24.0, 24.0, 0.0),
      floatParam(kBand4Q, "band4_q", "Band 4 Q", "", 0.1, 18.0, 0.7071, Scale::Log),
  };

  void activate(double sampleRate, uint32_t /*maxFrames*/) {
    fadeSamples_ = std::max(1, int(std::lround(kFadeMs * 0.001 * sampleRate)));
  }

  // Filters start silent with the current settings in place (no ramp, no crossfade).
  void reset() {
    for (Group& g : groups_) {
      for (Stage& s : g.stages) {
        for (Biquad& f : s.filter) f.reset();
        s.mode = Stage::Mode::Dormant;
      }
      g.valid = false;
      g.fadeRemaining = 0;
    }
    updateDesigns(0, /*immediate=*/true);
    outputGain_ = wsp::dsp::dbToGain(param(kOutput).current());
  }

  void process(const Block& block) {
    const uint32_t frames = block.frames();
    float* out[2] = {block.output(0), block.output(1)};
    for (uint32_t c = 0; c < 2; ++c) std::copy_n(block.input(c), frames, out[c]);

    uint32_t done = 0;
    while (done < frames) {
      const uint32_t n = anySmoothing() ? std::min(kChunk, frames - done) : frames - done;
      updateDesigns(n, /*immediate=*/false);
      if (!runSteady(out, done, n)) {
        for (Group& g : groups_) runGroup(g, out, done, n);
      }
      applyOutputGain(out, done, n);
      done += n;
    }
  }

  uint32_t tail() const {
    double seconds = 0.0;
    const auto& self = *this;
    for (int b = 0; b < 4; ++b) {
      const BandIds& ids = kBands[b];
      if (self.param(ids.on).on() && self.param(ids.gain).value() != 0.0)
        seconds += ringSeconds(self.param(ids.freq).value(), self.param(ids.q).value(),
                               self.param(ids.gain).value());
    }
    const auto cutSeconds = [&](uint32_t on, uint32_t freq, uint32_t slope) {
      if (!self.param(on).on()) return 0.0;
      const int order = 2 * (int(self.param(slope).index()) + 1);
      double s = 0.0;
      for (int i = 0; i < order / 2; ++i)
        s += ringSeconds(self.param(freq).value(), butterworthQ(order, i), 0.0);
      return s;
    };
    seconds += cutSeconds(kLowCutOn, kLowCutFreq, kLowCutSlope);
    seconds += cutSeconds(kHighCutOn, kHighCutFreq, kHighCutSlope);
    return uint32_t(std::min(seconds * sampleRate(), 60.0 * sampleRate())) + 1;
  }

 private:
  static constexpr uint32_t kChunk = 16;  // coefficient update interval while gliding
  static constexpr double kFadeMs = 5.0;  // crossfade time of switches

  struct BandIds {
    uint32_t on, type, freq, gain, q;
    BiquadType primary;  // type index 0 (index 1 is always a bell)
  };
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr BandIds kBands[4] = {
      {kBand1On, kBand1Type, kBand1Freq, kBand1Gain, kBand1Q, BiquadType::LowShelf},
      {kBand2On, kNone, kBand2Freq, kBand2Gain, kBand2Q, BiquadType::Peaking},
      {kBand3On, kNone, kBand3Freq, kBand3Gain, kBand3Q, BiquadType::Peaking},
      {kBand4On, kBand4Type, kBand4Freq, kBand4Gain, kBand4Q, BiquadType::HighShelf},
  };

  // One biquad section, both channels.
  struct Stage {
    // Active: non-identity target or ramping. Draining: identity, but its state may still ring;
    // it runs until a whole chunk passes unchanged. Dormant: skipped.
    enum class Mode { Active, Draining, Dormant };
    Biquad filter[2];
    Mode mode = Mode::Dormant;
  };

  // Sections designed together from the same parameters (a cut filter, or one band). A switch
  // (on/off, type, slope) crossfades from a frozen copy of the previous sections (`old`) to the
  // new ones over kFadeMs; parameter glides ramp the coefficients instead.
  // The small fields come first, in one cache line: every call reads them for each group, and for
  // a dormant group (a band at 0 dB, a cut switched off: the defaults) nothing else. A session
  // calls hundreds of instances per block, so each line a call touches is usually a cache miss.
  struct Group {
    int count = 1;
    int fadeRemaining = 0;
    bool valid = false;
    bool dormant = true;  // every stage dormant and no crossfade: runGroup has nothing to do
    float key[5] = {};    // the parameter values of the last design
    std::array<Stage, kMaxCutSections> stages{};
    std::array<Stage, kMaxCutSections> old{};
  };

  // Groups in signal order: low cut, bands 1..4, high cut.
  static constexpr std::size_t kLowCut = 0, kFirstBand = 1, kHighCut = 5;

  bool anySmoothing() {
    for (const ParamValue& v : paramValues())
      if (v.isSmoothing()) return true;
    return false;
  }

  // Advances every parameter by n samples (only floats glide; for the others it is a no-op) and
  // redesigns the groups whose values changed.
  void updateDesigns(uint32_t n, bool immediate) {
    for (ParamValue& v : paramValues()) v.skip(n);
    const double sr = sampleRate();

    const auto updateCut = [&](Group& g, BiquadType type, uint32_t on, uint32_t freq,
                               uint32_t slope) {
      g.count = int(kMaxCutSections);
      const float key[5] = {param(on).on() ? 1.0f : 0.0f, float(param(slope).index()),
                            param(freq).current(), 0.0f, 0.0f};
      BiquadCoefficients c[kMaxCutSections];
      const Change change = compare(g, key, immediate);
      if (change == Change::None) return;
      designCut(type, key[0] != 0.0f, int(key[1]), sr, key[2], c);
      apply(g, c, change, n);
    };
    updateCut(groups_[kLowCut], BiquadType::Highpass, kLowCutOn, kLowCutFreq, kLowCutSlope);
    updateCut(groups_[kHighCut], BiquadType::Lowpass, kHighCutOn, kHighCutFreq, kHighCutSlope);

    for (int b = 0; b < 4; ++b) {
      const BandIds& ids = kBands[b];
      Group& g = groups_[kFirstBand + b];
      const float typeIndex = ids.type == kNone ? 0.0f : float(param(ids.type).index());
      const float key[5] = {param(ids.on).on() ? 1.0f : 0.0f, typeIndex, param(ids.freq).current(),
                            param(ids.gain).current(), param(ids.q).current()};
      const Change change = compare(g, key, immediate);
      if (change == Change::None) continue;
      const BiquadType type = typeIndex == 0.0f ? ids.primary : BiquadType::Peaking;
      const BiquadCoefficients c[1] = {
          designBand(type, key[0] != 0.0f, sr, key[2], key[4], key[3])};
      apply(g, c, change, n);
    }
  }

  enum class Change { None, Immediate, Glide, Switch };

  // What changed since the last design: nothing, a continuous value (glide) or a switch (one of
  // the first two key values: on/off and type/slope).
  static Change compare(Group& g, const float (&key)[5], bool immediate) {
    Change change = g.valid ? Change::None : Change::Immediate;
    for (int i = 0; i < 5; ++i) {
      if (key[i] == g.key[i]) continue;
      if (change == Change::None) change = Change::Glide;
      if (i < 2 && change == Change::Glide) change = Change::Switch;
    }
    if (immediate && change != Change::None) change = Change::Immediate;
    for (int i = 0; i < 5; ++i) g.key[i] = key[i];
    g.valid = true;
    return change;
  }

  template <std::size_t N>
  void apply(Group& g, const BiquadCoefficients (&c)[N], Change change, uint32_t n) {
    g.dormant = false;  // runGroup finds out again
    if (change == Change::Switch) {
      g.old = g.stages;  // frozen: keeps its coefficients and state, fades out
      g.fadeRemaining = fadeSamples_;
    }
    for (std::size_t i = 0; i < N; ++i) {
      Stage& s = g.stages[i];
      const bool identity = isIdentity(c[i]);
      if (change == Change::Glide) {
        if (identity && s.mode == Stage::Mode::Dormant) continue;  // already there
        for (Biquad& f : s.filter) f.rampTo(c[i], int(n));
        s.mode = identity ? Stage::Mode::Draining : Stage::Mode::Active;
        continue;
      }
      // Immediate or Switch: the new sections start at once (a switch fades them in).
      for (Biquad& f : s.filter) f.setCoefficients(c[i]);
      if (identity) {
        for (Biquad& f : s.filter) f.reset();
        s.mode = Stage::Mode::Dormant;
      } else {
        s.mode = Stage::Mode::Active;
      }
    }
  }

  // The common case: no crossfade, and every section that runs is active with steady
  // coefficients. Then the sections run in series four at a time as SIMD lanes
  // (wsp::dsp::BiquadSeries: the same bits as runGroup, several times faster). Returns false,
  // having done nothing, when anything is fading, ramping or draining: runGroup's case.
  bool runSteady(float* const* out, uint32_t at, uint32_t n) {
    static constexpr int kMaxSteady = 2 * int(kMaxCutSections) + 4;  // both cuts, four bands
    Biquad* left[kMaxSteady];
    Biquad* right[kMaxSteady];
    int count = 0;
    for (Group& g : groups_) {
      if (g.dormant) continue;
      if (g.fadeRemaining > 0) return false;
      for (int i = 0; i < g.count; ++i) {
        Stage& s = g.stages[i];
        if (s.mode == Stage::Mode::Dormant) continue;
        if (s.mode != Stage::Mode::Active || s.filter[0].isRamping() || s.filter[1].isRamping()) return false;
        left[count] = &s.filter[0];
        right[count] = &s.filter[1];
        ++count;
      }
    }
    for (int first = 0; first < count; first += wsp::dsp::BiquadSeries::kMaxSections) {
      const int sections = std::min(count - first, wsp::dsp::BiquadSeries::kMaxSections);
      wsp::dsp::BiquadSeries::processStereo(left + first, right + first, sections, out[0] + at,
                                            out[1] + at, n);
    }
    for (Group& g : groups_) g.dormant = g.dormant || allDormant(g);
    return true;
  }

  static bool allDormant(const Group& g) {
    for (int i = 0; i < g.count; ++i)
      if (g.stages[i].mode != Stage::Mode::Dormant) return false;
    return true;
  }

  void runGroup(Group& g, float* const* out, uint32_t at, uint32_t n) {
    if (g.dormant) return;
    const int count = g.count;
    while (g.fadeRemaining > 0 && n > 0) {
      // Crossfade: old path into scratch, new path in place, mixed along a smoothstep
      // (3t^2 - 2t^3: no slope step at either end, so no corner in the output).
      const uint32_t m = std::min<uint32_t>({n, kScratch, uint32_t(g.fadeRemaining)});
      float* scratch[2] = {scratch_[0], scratch_[1]};
      for (uint32_t c = 0; c < 2; ++c) std::copy_n(out[c] + at, m, scratch[c]);
      for (int i = 0; i < count; ++i) runStage(g.old[i], scratch, 0, m);
      for (int i = 0; i < count; ++i) runStage(g.stages[i], out, at, m);
      const float inv = 1.0f / float(fadeSamples_);
      const int done = fadeSamples_ - g.fadeRemaining;
      for (uint32_t c = 0; c < 2; ++c) {
        float* x = out[c] + at;
        for (uint32_t i = 0; i < m; ++i) {
          const float t = float(done + int(i) + 1) * inv;
          const float w = t * t * (3.0f - 2.0f * t);
          x[i] = scratch[c][i] + w * (x[i] - scratch[c][i]);
        }
      }
      g.fadeRemaining -= int(m);
      at += m;
      n -= m;
    }
    bool dormant = g.fadeRemaining == 0;
    for (int i = 0; i < count; ++i) {
      runStage(g.stages[i], out, at, n);
      dormant = dormant && g.stages[i].mode == Stage::Mode::Dormant;
    }
    g.dormant = dormant;
  }

  void runStage(Stage& s, float* const* out, uint32_t at, uint32_t n) {
    if (s.mode == Stage::Mode::Dormant || n == 0) return;
    if (s.mode == Stage::Mode::Active) {
      for (uint32_t c = 0; c < 2; ++c) {
        Biquad& f = s.filter[c];
        float* x = out[c] + at;
        for (uint32_t i = 0; i < n; ++i) x[i] = f.process(x[i]);
      }
      return;
    }
    // Draining: the coefficients are (or are ramping to) identity; once a whole chunk passes
    // through unchanged the state has rung out (below float resolution) and the stage sleeps.
    bool unchanged = !s.filter[0].isRamping() && n >= 2;
    for (uint32_t c = 0; c < 2; ++c) {
      Biquad& f = s.filter[c];
      float* x = out[c] + at;
      for (uint32_t i = 0; i < n; ++i) {
        const float y = f.process(x[i]);
        unchanged = unchanged && y == x[i];
        x[i] = y;
      }
    }
    if (unchanged) {
      for (Biquad& f : s.filter) f.reset();
      s.mode = Stage::Mode::Dormant;
    }
  }

  void applyOutputGain(float* const* out, uint32_t at, uint32_t n) {
    const float target = wsp::dsp::dbToGain(param(kOutput).current());
    if (target == outputGain_) {
      if (target == 1.0f) return;
      for (uint32_t c = 0; c < 2; ++c)
        for (uint32_t i = 0; i < n; ++i) out[c][at + i] *= target;
      return;
    }
    // Linear interpolation across the chunk to the value the smoother reached at its end.
    const float step = (target - outputGain_) / float(n);
    for (uint32_t c = 0; c < 2; ++c)
      for (uint32_t i = 0; i < n; ++i) out[c][at + i] *= outputGain_ + step * float(i + 1);
    outputGain_ = target;
  }

  static constexpr uint32_t kScratch = 64;
  std::array<Group, 6> groups_{};
  float scratch_[2][kScratch] = {};
  int fadeSamples_ = 1;
  float outputGain_ = 1.0f;
};

}  // namespace wsp_eq

WSP_PLUGIN(wsp_eq::Eq, eq);
