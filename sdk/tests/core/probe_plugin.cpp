// A small instrument written with the SDK for the tests: it turns every hook call into a signal
// (channel 0: last note, +key on / -key off; channel 1: last controller, bend or tempo value) so
// tests can see at which frame the SDK delivered each event. It also exercises what the utility
// does not: int parameters, JSON escaping, extra state bytes, latency and tail hooks.
#include <cstring>
#include <span>
#include <vector>

#include <wsp/sdk.hpp>

namespace sdk_probe {

using namespace wsp::sdk;

enum ParamId : uint32_t { kSteps = 3, kLevel = 10, kOddName = 7 };

class Probe : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "test.sdk.probe",
      .name = "SDK \"Probe\"",
      .vendor = "WASM Studio\\Tests",
      .version = "0.1.0",
      .category = "other",
      .kind = Kind::Instrument,
      .inputs = 0,
      .outputs = 2,
      .midi = true,
      .description = "Line one\nline two\ttabbed \x01 control, caf\xc3\xa9.",
  };

  static constexpr Param params[] = {
      intParam(kSteps, "steps", "Steps", "st", -12, 12, 0),
      floatParam(kLevel, "level", "Level", "dB", -60.0, 0.0, -6.0, Scale::Db).smoothing(0.0),
      floatParam(kOddName, "odd", "Odd \"name\"", "\xc2\xb5s", 0.001, 1e-3 * 1000.5, 0.1,
                 Scale::Log),
  };

  void noteOn(const Note& note) {
    note_ = float(note.key);
    ++notes_;
  }
  void noteOff(const Note& note) { note_ = -float(note.key); }
  void midi(const Midi& m) {
    if (m.isControlChange()) control_ = m.controlValue();
    if (m.isPitchBend()) control_ = m.pitchBend();
  }
  void transport(const Transport& t) { control_ = float(t.tempoBpm); }

  void process(const Block& block) {
    for (uint32_t i = 0; i < block.frames(); ++i) {
      block.output(0)[i] = note_;
      block.output(1)[i] = control_;
    }
  }

  uint32_t latency() const { return 64; }
  uint32_t tail() const { return UINT32_MAX; }

  void saveExtraState(std::vector<uint8_t>& out) const {
    out.resize(sizeof notes_);
    std::memcpy(out.data(), &notes_, sizeof notes_);
  }
  bool loadExtraState(std::span<const uint8_t> bytes) {
    if (bytes.size() != sizeof notes_) return false;
    std::memcpy(&notes_, bytes.data(), sizeof notes_);
    return true;
  }

 private:
  float note_ = 0.0f;
  float control_ = 0.0f;
  uint32_t notes_ = 0;
};

}  // namespace sdk_probe

WSP_PLUGIN(sdk_probe::Probe, sdk_probe);
