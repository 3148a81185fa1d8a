// The source a new Forge plugin starts from: a complete, working effect on the SDK (a gain with a
// drive stage), short enough to read at a glance, showing the parts every plugin has.
export const PLUGIN_TEMPLATE = `// A plugin for WASM Studio, written against its SDK (wsp/sdk.hpp, wsp/dsp/...).
// Build it with Ctrl+Enter; compiler errors show at their line.
#include <wsp/sdk.hpp>
#include <wsp/dsp/math.hpp>

#include <cmath>

namespace my_plugin {

using namespace wsp::sdk;

// Parameter ids are stable forever: sessions store values by them.
enum ParamId : uint32_t { kDrive, kOutput };

class MyPlugin : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "user.my-plugin",
      .name = "My Plugin",
      .vendor = "Me",
      .version = "1.0.0",
      .category = "distortion",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "A soft drive with an output level.",
  };

  static constexpr Param params[] = {
      floatParam(kDrive, "drive", "Drive", "dB", 0.0, 24.0, 6.0, Scale::Db),
      floatParam(kOutput, "output", "Output", "dB", -24.0, 6.0, -3.0, Scale::Db),
  };

  void process(const Block& block) {
    ParamValue& drive = param(kDrive);
    ParamValue& output = param(kOutput);
    for (uint32_t i = 0; i < block.frames(); ++i) {
      // next() glides towards a new value, so a moved knob does not click.
      const float in = wsp::dsp::dbToGain(drive.next());
      const float out = wsp::dsp::dbToGain(output.next());
      for (uint32_t c = 0; c < 2; ++c) {
        block.output(c)[i] = std::tanh(block.input(c)[i] * in) * out;
      }
    }
  }
};

}  // namespace my_plugin

WSP_PLUGIN(my_plugin::MyPlugin, my_plugin);
`;
