// WASM Studio's Faust architecture: the class Faust's C++ backend writes for a plugin.dsp, wrapped
// into a plugin of the WSP ABI on the SDK (forge/README.md, "Faust"). The Forge runs
//   faust -lang cpp -a wsp_faust_arch.cpp -cn FaustDsp -scn FaustDspBase -nvi ... plugin.dsp
// in its compile jail; Faust replaces the two markers below with its intrinsics and its class.
// A program without inputs that defines Faust's poly `effect` also has it compiled (faust -pn
// effect -cn FaustEffect ...) into faust_effect.hpp, applied after the voices (AfterVoices).
// The plugin's info, kind and parameter table come from faust_description.hpp, which the jail's
// compiler program writes from Faust's JSON description of the same program (the UI metadata:
// ranges, defaults, steps, [unit:..], [scale:..]; inputs, a gate control and
// declare options "[nvoices:N]" for the kind); both list the active widgets in the order
// buildUserInterface announces them, which activate() checks label by label.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <wsp/sdk.hpp>

#define FAUSTFLOAT float

// The little of Faust's dsp, UI and Meta interfaces the generated class uses. Faust's own headers
// are not on the include path (FC-3): only the SDK and the standard library are.
struct FaustDspBase {};
struct Soundfile;

// Collects the zone (the float the class reads) of every active widget, in announcement order.
class UI {
 public:
  static constexpr uint32_t kMaxZones = 256;

  void openTabBox(const char*) {}
  void openHorizontalBox(const char*) {}
  void openVerticalBox(const char*) {}
  void closeBox() {}
  void addButton(const char* label, FAUSTFLOAT* zone) { add(label, zone); }
  void addCheckButton(const char* label, FAUSTFLOAT* zone) { add(label, zone); }
  void addVerticalSlider(const char* label, FAUSTFLOAT* zone, FAUSTFLOAT, FAUSTFLOAT, FAUSTFLOAT, FAUSTFLOAT) {
    add(label, zone);
  }
  void addHorizontalSlider(const char* label, FAUSTFLOAT* zone, FAUSTFLOAT, FAUSTFLOAT, FAUSTFLOAT, FAUSTFLOAT) {
    add(label, zone);
  }
  void addNumEntry(const char* label, FAUSTFLOAT* zone, FAUSTFLOAT, FAUSTFLOAT, FAUSTFLOAT, FAUSTFLOAT) {
    add(label, zone);
  }
  // Passive widgets (meters) are not parameters; sound files are refused before C++ exists.
  void addHorizontalBargraph(const char*, FAUSTFLOAT*, FAUSTFLOAT, FAUSTFLOAT) {}
  void addVerticalBargraph(const char*, FAUSTFLOAT*, FAUSTFLOAT, FAUSTFLOAT) {}
  void addSoundfile(const char*, const char*, Soundfile**) { overflowed = true; }
  void declare(FAUSTFLOAT*, const char*, const char*) {}

  FAUSTFLOAT* zones[kMaxZones] = {};
  const char* labels[kMaxZones] = {};
  uint32_t count = 0;
  bool overflowed = false;

 private:
  void add(const char* label, FAUSTFLOAT* zone) {
    if (count == kMaxZones) {
      overflowed = true;
      return;
    }
    labels[count] = label;
    zones[count++] = zone;
  }
};

struct Meta {
  void declare(const char*, const char*) {}
};

namespace wsp_faust {
// How Faust's channels meet the plugin's: see EffectPlugin and ChunkBuffer.
enum class Mapping { Direct, DualMono, MonoIn, MonoOut };
// What the program is (forge/README.md, "Faust"): an effect (it has inputs), a generator (no
// inputs, no gate control) or an instrument (no inputs, a gate control).
enum class Kind { Effect, Generator, Instrument };
// What a widget is to the plugin: a parameter, or one of an instrument's note controls.
enum class Role : uint8_t { Param, Gate, Freq, Key, Gain, Velocity };
}  // namespace wsp_faust

#include "faust_description.hpp"

<<includeIntrinsic>>

<<includeclass>>

// Faust's poly convention: a program without inputs may define `effect`, which the Forge compiled
// as the class FaustEffect (faust -pn effect) and applies once to the mix of the voices.
#ifdef WSP_FAUST_EFFECT
#include "faust_effect.hpp"
#endif

namespace wsp_faust {

using namespace wsp::sdk;

// The description's facts that choose types and sizes below.
constexpr uint32_t kFaustOutputs = Description::kFaustOutputs;
constexpr Mapping kMapping = Description::kMapping;
constexpr Kind kKind = Description::kKind;
constexpr uint32_t kVoices = Description::kVoices;

constexpr uint32_t atLeastOne(size_t n) { return n > 0 ? static_cast<uint32_t>(n) : 1; }

// The controls of one FaustDsp, found by its buildUserInterface and checked against the
// description widget by widget (or no parameter could be trusted): the parameters in the
// table's order, and an instrument's note controls (gate, freq, key, gain, vel, velocity), which
// the notes play and the user does not see.
struct Controls {
  static constexpr uint32_t kParamCount = Description::kVoiceParams;
  static constexpr uint32_t kZoneCount = static_cast<uint32_t>(Description::kFaustLabels.size());

  bool bind(FaustDsp& dsp) {
    UI ui;
    dsp.buildUserInterface(&ui);
    if (ui.overflowed || ui.count != kZoneCount) return false;
    uint32_t p = 0;
    noteCount = 0;
    for (uint32_t i = 0; i < kZoneCount; ++i) {
      if (std::string_view(ui.labels[i]) != Description::kFaustLabels[i]) return false;
      if (Description::kZoneRoles[i] == Role::Param) {
        params[p++] = ui.zones[i];
      } else {
        notes[noteCount] = ui.zones[i];
        noteRoles[noteCount++] = Description::kZoneRoles[i];
      }
    }
    return p == kParamCount;
  }

  // Faust's poly conventions (its poly-dsp.h): freq in Hz, key the MIDI key, gain the velocity
  // 0..1, vel and velocity 0..127, gate 1 while the note is held.
  void play(uint16_t key, float velocity) {
    const float hz = 440.0f * std::exp2((static_cast<float>(key) - 69.0f) / 12.0f);
    for (uint32_t i = 0; i < noteCount; ++i) {
      switch (noteRoles[i]) {
        case Role::Freq: *notes[i] = hz; break;
        case Role::Key: *notes[i] = static_cast<float>(key); break;
        case Role::Gain: *notes[i] = velocity; break;
        case Role::Velocity: *notes[i] = velocity * 127.0f; break;
        case Role::Gate: *notes[i] = 1.0f; break;
        case Role::Param: break;
      }
    }
  }
  void gate(float value) {
    for (uint32_t i = 0; i < noteCount; ++i)
      if (noteRoles[i] == Role::Gate) *notes[i] = value;
  }

  FAUSTFLOAT* params[atLeastOne(kParamCount)] = {};
  FAUSTFLOAT* notes[atLeastOne(kZoneCount)] = {};
  Role noteRoles[atLeastOne(kZoneCount)] = {};
  uint32_t noteCount = 0;
};

constexpr uint32_t kChunk = 128;

// What follows the voices of a program without inputs: with Faust's poly `effect`, the effect
// computing the voices' mix into the plugin's outputs (its controls the table's last parameters,
// checked label by label as the voices'; one output goes to both channels); without, the mix
// itself (a mono program on both channels). Fixed in size: nothing is allocated once made.
struct AfterVoices {
  static constexpr uint32_t kFirstParam = Description::kVoiceParams;
  static constexpr uint32_t kParamCount = static_cast<uint32_t>(Description::params.size()) - kFirstParam;
  using Mix = float[kFaustOutputs][kChunk];

#ifdef WSP_FAUST_EFFECT
  static constexpr bool kApplies = true;
  static_assert(Description::kEffectInputs == kFaustOutputs);
  static constexpr uint32_t kEffectOutputs = Description::kEffectOutputs;

  bool activate(int sampleRate) {
    effect.init(sampleRate);
    UI ui;
    effect.buildUserInterface(&ui);
    if (ui.overflowed || ui.count != kParamCount) return false;
    for (uint32_t i = 0; i < kParamCount; ++i) {
      if (std::string_view(ui.labels[i]) != Description::kEffectLabels[i]) return false;
      zones[i] = ui.zones[i];
    }
    return true;
  }
  void clear() { effect.instanceClear(); }
  void set(uint32_t i, FAUSTFLOAT value) { *zones[i] = value; }
  void apply(Mix& mix, const Block& block, uint32_t offset, uint32_t frames) {
    FAUSTFLOAT* in[kFaustOutputs];
    FAUSTFLOAT* out[kEffectOutputs];
    for (uint32_t c = 0; c < kFaustOutputs; ++c) in[c] = mix[c];
    for (uint32_t c = 0; c < kEffectOutputs; ++c) out[c] = block.output(c) + offset;
    effect.compute(static_cast<int>(frames), in, out);
    if constexpr (kEffectOutputs == 1) std::copy_n(block.output(0) + offset, frames, block.output(1) + offset);
  }

  FaustEffect effect;
  FAUSTFLOAT* zones[atLeastOne(kParamCount)] = {};
#else
  static constexpr bool kApplies = false;
  bool activate(int) { return true; }
  void clear() {}
  void set(uint32_t, FAUSTFLOAT) {}
  void apply(Mix& mix, const Block& block, uint32_t offset, uint32_t frames) {
    for (uint32_t c = 0; c < block.outputCount(); ++c)
      std::copy_n(mix[kMapping == Mapping::MonoOut ? 0 : c], frames, block.output(c) + offset);
  }
#endif
};

// What every kind shares: kInstances copies of Faust's class, their controls, and the
// parameters' values pushed into them (and into the effect after the voices, if any). Faust reads
// its controls once per compute(): while any parameter glides (the SDK's smoothing of float
// parameters, ABI-16) the block is computed a frame at a time with the glide's values, otherwise
// in pieces of at most `most` frames.
template <uint32_t kInstances>
class FaustBase : public Plugin, public Description {
 public:
  static constexpr uint32_t kParamCount = Controls::kParamCount;

  // [main] Faust's init: its static tables, the sample rate, cleared state.
  bool activate(double sampleRate, uint32_t /*maxFrames*/) {
    for (uint32_t c = 0; c < kInstances; ++c) {
      dsp_[c].init(static_cast<int>(sampleRate + 0.5));
      if (!controls_[c].bind(dsp_[c])) return false;
    }
    return after_.activate(static_cast<int>(sampleRate + 0.5));
  }

 protected:
  void clearAll() {
    for (uint32_t c = 0; c < kInstances; ++c) dsp_[c].instanceClear();
    after_.clear();
  }

  template <class Render>
  void run(const Block& block, uint32_t most, Render&& render) {
    std::span<ParamValue> values = paramValues();
    for (uint32_t done = 0; done < block.frames();) {
      bool gliding = false;
      for (const ParamValue& value : values) gliding = gliding || value.isSmoothing();
      const uint32_t frames = gliding ? 1 : std::min(most, block.frames() - done);
      for (uint32_t i = 0; i < kParamCount; ++i) {
        const FAUSTFLOAT v = values[i].isSmoothing() ? values[i].skip(frames) : FAUSTFLOAT(values[i].value());
        for (uint32_t c = 0; c < kInstances; ++c) *controls_[c].params[i] = v;
      }
      for (uint32_t i = 0; i < AfterVoices::kParamCount; ++i) {
        ParamValue& value = values[AfterVoices::kFirstParam + i];
        after_.set(i, value.isSmoothing() ? value.skip(frames) : FAUSTFLOAT(value.value()));
      }
      render(done, frames);
      done += frames;
    }
  }

  FaustDsp dsp_[kInstances];
  Controls controls_[kInstances];
  AfterVoices after_;
};

// An effect. How Faust's channels meet the plugin's (Description::kMapping, chosen by the
// description's writer): a mono effect runs twice, one copy per stereo channel; a mono-in effect
// hears the mix of both inputs; a mono-out effect's output goes to both channels; otherwise
// channels are as Faust declares them.
class EffectPlugin : public FaustBase<kMapping == Mapping::DualMono ? 2 : 1> {
 public:
  void reset() { clearAll(); }

  // A Faust program does not say how long it rings: its tail is unknown, so infinite.
  uint32_t tail() const { return UINT32_MAX; }

  void process(const Block& block) {
    run(block, block.frames(), [&](uint32_t offset, uint32_t frames) { render(block, offset, frames); });
  }

 private:
  void render(const Block& block, uint32_t offset, uint32_t frames) {
    FAUSTFLOAT* in[atLeastOne(kFaustInputs)];
    FAUSTFLOAT* out[kFaustOutputs];
    const int count = static_cast<int>(frames);
    if constexpr (kMapping == Mapping::DualMono) {
      for (uint32_t c = 0; c < 2; ++c) {
        in[0] = block.scratchInput(c) + offset;
        out[0] = block.output(c) + offset;
        dsp_[c].compute(count, in, out);
      }
    } else if constexpr (kMapping == Mapping::MonoIn) {
      float* mix = block.scratchInput(0) + offset;
      const float* right = block.input(1) + offset;
      for (uint32_t i = 0; i < frames; ++i) mix[i] = 0.5f * (mix[i] + right[i]);
      in[0] = mix;
      for (uint32_t c = 0; c < kFaustOutputs; ++c) out[c] = block.output(c) + offset;
      dsp_[0].compute(count, in, out);
    } else if constexpr (kMapping == Mapping::MonoOut) {
      for (uint32_t c = 0; c < kFaustInputs; ++c) in[c] = block.scratchInput(c) + offset;
      out[0] = block.output(0) + offset;
      dsp_[0].compute(count, in, out);
      float* right = block.output(1) + offset;
      for (uint32_t i = 0; i < frames; ++i) right[i] = out[0][i];
    } else {
      for (uint32_t c = 0; c < kFaustInputs; ++c) in[c] = block.scratchInput(c) + offset;
      for (uint32_t c = 0; c < kFaustOutputs; ++c) out[c] = block.output(c) + offset;
      dsp_[0].compute(count, in, out);
    }
  }
};

// What a program without inputs computes into before it is faded or mixed.
struct ChunkBuffer {
  void compute(FaustDsp& dsp, uint32_t frames, uint32_t from = 0) {
    FAUSTFLOAT* in[1] = {nullptr};
    FAUSTFLOAT* out[kFaustOutputs];
    for (uint32_t c = 0; c < kFaustOutputs; ++c) out[c] = channels[c] + from;
    dsp.compute(static_cast<int>(frames - from), in, out);
  }
  float peak(uint32_t frames) const {
    float most = 0.0f;
    for (uint32_t c = 0; c < kFaustOutputs; ++c)
      for (uint32_t i = 0; i < frames; ++i) most = std::fmax(most, std::fabs(channels[c][i]));
    return most;
  }
  float channels[kFaustOutputs][kChunk] = {};
};

// Which keys are held, by channel: notes off that were never on change nothing.
class HeldKeys {
 public:
  bool press(const Note& n) { return flip(n, true); }
  bool release(const Note& n) { return flip(n, false); }
  void clear() {
    for (auto& word : bits_) word = 0;
    count_ = 0;
  }
  uint32_t count() const { return count_; }

 private:
  bool flip(const Note& n, bool down) {
    const uint32_t bit = (n.channel & 15u) * 128u + (n.key & 127u);
    const uint64_t mask = uint64_t{1} << (bit % 64);
    uint64_t& word = bits_[bit / 64];
    if (((word & mask) != 0) == down) return false;
    word ^= mask;
    count_ = down ? count_ + 1 : count_ - 1;
    return true;
  }
  uint64_t bits_[16 * 128 / 64] = {};
  uint32_t count_ = 0;
};

// A generator (no inputs, no gate control): it sounds while any note is held, faded in and out
// over kFadeSeconds so that notes start and end without a click. Its pitch is its own controls';
// while silent it is not computed (its oscillators pause).
class GeneratorPlugin : public FaustBase<1> {
 public:
  static constexpr double kFadeSeconds = 0.005;

  bool activate(double sampleRate, uint32_t maxFrames) {
    fadeStep_ = static_cast<float>(1.0 / std::fmax(1.0, kFadeSeconds * sampleRate));
    fadeFrames_ = static_cast<uint32_t>(std::ceil(kFadeSeconds * sampleRate)) + 1;
    return FaustBase::activate(sampleRate, maxFrames);
  }
  void reset() {
    clearAll();
    held_.clear();
    level_ = 0.0f;
  }
  // An effect after it rings for as long as it will (unknown); the fade alone is its tail otherwise.
  uint32_t tail() const { return AfterVoices::kApplies ? UINT32_MAX : fadeFrames_; }

  void noteOn(const Note& n) { held_.press(n); }
  void noteOff(const Note& n) { held_.release(n); }
  void midi(const Midi& m) {
    if (m.isControlChange() && (m.controller() == 120 || m.controller() == 123)) held_.clear();
  }

  void process(const Block& block) {
    run(block, kChunk, [&](uint32_t offset, uint32_t frames) {
      const float target = held_.count() > 0 ? 1.0f : 0.0f;
      if (level_ == 0.0f && target == 0.0f) {
        for (auto& channel : mix_) std::fill_n(channel, frames, 0.0f);
      } else {
        buffer_.compute(dsp_[0], frames);
        float level = level_;
        for (uint32_t c = 0; c < kFaustOutputs; ++c) {
          const float* from = buffer_.channels[c];
          level = level_;
          for (uint32_t i = 0; i < frames; ++i) {
            level = target > level ? std::fmin(target, level + fadeStep_) : std::fmax(target, level - fadeStep_);
            mix_[c][i] = from[i] * level;
          }
        }
        level_ = level;
      }
      after_.apply(mix_, block, offset, frames);
    });
  }

 private:
  ChunkBuffer buffer_;
  AfterVoices::Mix mix_ = {};
  HeldKeys held_;
  float level_ = 0.0f, fadeStep_ = 1.0f;
  uint32_t fadeFrames_ = 1;
};

// An instrument (no inputs, a gate control): kVoices copies of the program, each a voice that a
// note plays through the note controls. A note takes a free voice, else the oldest released one,
// else the oldest held one (stolen); a voice that takes over a sounding note drops its gate for
// one frame so its envelope starts again. With one voice the last note held sounds (last-note
// priority): releasing it goes back to the previous held key without a new attack. A released
// voice computes until it has been silent for kSilentFrames, then is free. Everything is fixed in
// size: notes allocate nothing.
class InstrumentPlugin : public FaustBase<kVoices> {
 public:
  static constexpr float kSilentLevel = 1e-5f;  // -100 dBFS
  static constexpr uint32_t kSilentFrames = 2048;
  static constexpr uint32_t kMostHeld = 128;  // the keys one voice remembers for last-note priority

  void reset() {
    clearAll();
    for (Voice& v : voices_) v = Voice{};
    for (Controls& c : controls_) c.gate(0.0f);
    heldCount_ = 0;
    age_ = 0;
  }
  uint32_t tail() const { return UINT32_MAX; }  // a Faust envelope does not say its release

  void noteOn(const Note& n) {
    if constexpr (kVoices == 1) hold(n);
    for (uint32_t i = 0; i < kVoices; ++i) {
      if (voices_[i].gated && voices_[i].key == n.key && voices_[i].channel == n.channel) return start(i, n);
    }
    start(pickVoice(), n);
  }

  void noteOff(const Note& n) {
    if constexpr (kVoices == 1) {
      const bool wasLast = heldCount_ > 0 && held_[heldCount_ - 1].key == n.key && held_[heldCount_ - 1].channel == n.channel;
      unhold(n);
      if (wasLast && heldCount_ > 0 && voices_[0].gated) {
        // Back to the previous key still held, without a new attack.
        const Note& previous = held_[heldCount_ - 1];
        settle(0);
        voices_[0].key = previous.key;
        voices_[0].channel = previous.channel;
        controls_[0].play(previous.key, previous.velocity);
        return;
      }
    }
    for (uint32_t i = 0; i < kVoices; ++i) {
      Voice& v = voices_[i];
      if (!v.gated || v.key != n.key || v.channel != n.channel) continue;
      settle(i);
      controls_[i].gate(0.0f);
      v.gated = false;
      v.silentFor = 0;
    }
  }

  void midi(const Midi& m) {
    if (!m.isControlChange() || (m.controller() != 120 && m.controller() != 123)) return;
    heldCount_ = 0;
    for (uint32_t i = 0; i < kVoices; ++i) {
      if (!voices_[i].gated) continue;
      settle(i);
      controls_[i].gate(0.0f);
      voices_[i].gated = false;
      voices_[i].silentFor = 0;
    }
  }

  void process(const Block& block) {
    run(block, kChunk, [&](uint32_t offset, uint32_t frames) {
      for (auto& channel : mix_) std::fill_n(channel, frames, 0.0f);
      for (uint32_t i = 0; i < kVoices; ++i) {
        Voice& v = voices_[i];
        if (!v.active) continue;
        uint32_t from = 0;
        if (v.retrigger) {
          // One frame with the gate down, then the new note.
          buffer_.compute(dsp_[i], 1);
          controls_[i].play(v.key, v.velocity);
          v.retrigger = false;
          from = 1;
        }
        buffer_.compute(dsp_[i], frames, from);
        for (uint32_t c = 0; c < kFaustOutputs; ++c) {
          const float* voice = buffer_.channels[c];
          for (uint32_t f = 0; f < frames; ++f) mix_[c][f] += voice[f];
        }
        if (!v.gated) {
          v.silentFor = buffer_.peak(frames) < kSilentLevel ? v.silentFor + frames : 0;
          if (v.silentFor >= kSilentFrames) v.active = false;
        }
      }
      after_.apply(mix_, block, offset, frames);
    });
  }

 private:
  struct Voice {
    bool active = false;     // computed (held, or released and still sounding)
    bool gated = false;      // its note is held
    bool retrigger = false;  // it takes over a sounding note at the next frame it renders
    uint16_t key = 0, channel = 0;
    float velocity = 0.0f;
    uint64_t age = 0;  // when its note started
    uint32_t silentFor = 0;
  };

  uint32_t pickVoice() const {
    uint32_t released = kVoices, held = kVoices;
    for (uint32_t i = 0; i < kVoices; ++i) {
      const Voice& v = voices_[i];
      if (!v.active) return i;
      if (!v.gated && (released == kVoices || v.age < voices_[released].age)) released = i;
      if (v.gated && (held == kVoices || v.age < voices_[held].age)) held = i;
    }
    return released != kVoices ? released : held;
  }

  void start(uint32_t i, const Note& n) {
    Voice& v = voices_[i];
    const bool sounding = v.active;
    settle(i);
    v.key = n.key;
    v.channel = n.channel;
    v.velocity = n.velocity;
    v.age = ++age_;
    v.silentFor = 0;
    v.gated = true;
    v.active = true;
    if (sounding) {
      controls_[i].gate(0.0f);
      v.retrigger = true;
    } else {
      controls_[i].play(n.key, n.velocity);
    }
  }

  // A note change before the voice rendered its pending retrigger: the pending note starts now.
  void settle(uint32_t i) {
    if (!voices_[i].retrigger) return;
    controls_[i].play(voices_[i].key, voices_[i].velocity);
    voices_[i].retrigger = false;
  }

  void hold(const Note& n) {
    unhold(n);
    if (heldCount_ == kMostHeld) {
      for (uint32_t i = 1; i < kMostHeld; ++i) held_[i - 1] = held_[i];
      --heldCount_;
    }
    held_[heldCount_++] = n;
  }
  void unhold(const Note& n) {
    uint32_t kept = 0;
    for (uint32_t i = 0; i < heldCount_; ++i)
      if (held_[i].key != n.key || held_[i].channel != n.channel) held_[kept++] = held_[i];
    heldCount_ = kept;
  }

  Voice voices_[kVoices];
  ChunkBuffer buffer_;
  AfterVoices::Mix mix_ = {};
  Note held_[kMostHeld];
  uint32_t heldCount_ = 0;
  uint64_t age_ = 0;
};

using FaustPlugin = std::conditional_t<kKind == Kind::Effect, EffectPlugin,
                                       std::conditional_t<kKind == Kind::Generator, GeneratorPlugin, InstrumentPlugin>>;

}  // namespace wsp_faust

WSP_PLUGIN(wsp_faust::FaustPlugin, faust_plugin);
