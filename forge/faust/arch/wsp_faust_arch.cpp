// WASM Studio's Faust architecture: the class Faust's C++ backend writes for a plugin.dsp, wrapped
// into a plugin of the WSP ABI on the SDK (forge/README.md, "Faust"). The Forge runs
//   faust -lang cpp -a wsp_faust_arch.cpp -cn FaustDsp -scn FaustDspBase -nvi ... plugin.dsp
// in its compile jail; Faust replaces the two markers below with its intrinsics and its class.
// The plugin's info and parameter table come from faust_description.hpp, which the jail's
// compiler program writes from Faust's JSON description of the same program (the UI metadata:
// ranges, defaults, steps, [unit:..], [scale:..]); both list the active widgets in the order
// buildUserInterface announces them, which activate() checks label by label.
#include <array>
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
// How Faust's channels meet the plugin's: see FaustPlugin.
enum class Mapping { Direct, DualMono, MonoIn, MonoOut };
}  // namespace wsp_faust

#include "faust_description.hpp"

<<includeIntrinsic>>

<<includeclass>>

namespace wsp_faust {

using namespace wsp::sdk;

// How Faust's channels meet the plugin's (Description::kMapping, chosen by the description's
// writer): a mono effect runs twice, one copy per stereo channel; a mono-in effect hears the mix
// of both inputs; a mono-out effect's output goes to both channels; otherwise channels are as
// Faust declares them.
class FaustPlugin : public Plugin, public Description {
 public:
  static constexpr uint32_t kCopies = kMapping == Mapping::DualMono ? 2 : 1;
  static constexpr uint32_t kParamCount = static_cast<uint32_t>(params.size());

  // [main] Faust's init: its static tables, the sample rate, cleared state.
  bool activate(double sampleRate, uint32_t /*maxFrames*/) {
    for (uint32_t c = 0; c < kCopies; ++c) {
      dsp_[c].init(static_cast<int>(sampleRate + 0.5));
      UI ui;
      dsp_[c].buildUserInterface(&ui);
      // The description must fit the class widget by widget, or no parameter could be trusted.
      if (ui.overflowed || ui.count != kParamCount) return false;
      for (uint32_t i = 0; i < kParamCount; ++i) {
        if (std::string_view(ui.labels[i]) != kFaustLabels[i]) return false;
        zones_[c][i] = ui.zones[i];
      }
    }
    return true;
  }

  void reset() {
    for (uint32_t c = 0; c < kCopies; ++c) dsp_[c].instanceClear();
  }

  // A Faust program does not say how long it rings: its tail is unknown, so infinite.
  uint32_t tail() const { return UINT32_MAX; }

  // Faust reads its controls once per compute(): while any parameter glides (the SDK's smoothing
  // of float parameters, ABI-16) the block is computed a frame at a time with the glide's values,
  // otherwise in one piece.
  void process(const Block& block) {
    std::span<ParamValue> values = paramValues();
    for (uint32_t done = 0; done < block.frames();) {
      bool gliding = false;
      for (const ParamValue& value : values) gliding = gliding || value.isSmoothing();
      const uint32_t frames = gliding ? 1 : block.frames() - done;
      for (uint32_t i = 0; i < kParamCount; ++i) {
        const FAUSTFLOAT v = values[i].isSmoothing() ? values[i].skip(frames) : FAUSTFLOAT(values[i].value());
        for (uint32_t c = 0; c < kCopies; ++c) *zones_[c][i] = v;
      }
      render(block, done, frames);
      done += frames;
    }
  }

 private:
  void render(const Block& block, uint32_t offset, uint32_t frames) {
    FAUSTFLOAT* in[kFaustInputs];
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

  FaustDsp dsp_[kCopies];
  FAUSTFLOAT* zones_[kCopies][kParamCount > 0 ? kParamCount : 1] = {};
};

}  // namespace wsp_faust

WSP_PLUGIN(wsp_faust::FaustPlugin, faust_plugin);
