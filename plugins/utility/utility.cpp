// Utility: gain, constant-power pan, mid/side width, channel mode and polarity in one matrix.
// The first factory plugin, and the reference example of the SDK.
#include <wsp/sdk.hpp>

#include "stereo_matrix.hpp"

namespace wsp_utility {

using namespace wsp::sdk;

// Stable forever: sessions store values by these ids.
enum ParamId : uint32_t { kGain, kPan, kWidth, kInvertLeft, kInvertRight, kChannels };

class Utility : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.utility",
      .name = "Utility",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "utility",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "Gain, constant-power pan, stereo width, channel mode and polarity invert.",
  };

  static constexpr Param params[] = {
      floatParam(kGain, "gain", "Gain", "dB", -80.0, 24.0, 0.0, Scale::Db),
      floatParam(kPan, "pan", "Pan", "%", -100.0, 100.0, 0.0),
      floatParam(kWidth, "width", "Width", "%", 0.0, 200.0, 100.0),
      boolParam(kInvertLeft, "invert_left", "Invert Left", false),
      boolParam(kInvertRight, "invert_right", "Invert Right", false),
      choiceParam(kChannels, "channels", "Channels", "Stereo|Mono|Swap|Left|Right", 0),
  };

  void process(const Block& block) {
    // Switches act at once (sample-accurately, between sub-blocks); only the continuous
    // parameters glide.
    const StereoMatrix routing =
        channelModeMatrix(ChannelMode(param(kChannels).index()))
            .then(polarityMatrix(param(kInvertLeft).on(), param(kInvertRight).on()));
    ParamValue& gain = param(kGain);
    ParamValue& pan = param(kPan);
    ParamValue& width = param(kWidth);

    const float* inL = block.input(0);
    const float* inR = block.input(1);
    float* outL = block.output(0);
    float* outR = block.output(1);
    const uint32_t frames = block.frames();

    if (!gain.isSmoothing() && !pan.isSmoothing() && !width.isSmoothing()) {
      const StereoMatrix m = routing.then(shaping(gain.current(), pan.current(), width.current()));
      for (uint32_t i = 0; i < frames; ++i) apply(m, inL[i], inR[i], outL[i], outR[i]);
      return;
    }
    for (uint32_t i = 0; i < frames; ++i) {
      const StereoMatrix m = routing.then(shaping(gain.next(), pan.next(), width.next()));
      apply(m, inL[i], inR[i], outL[i], outR[i]);
    }
  }

 private:
  static StereoMatrix shaping(float gainDb, float panPercent, float widthPercent) {
    return widthMatrix(widthPercent * 0.01f).then(panGainMatrix(panPercent * 0.01f, gainDb));
  }

  static void apply(const StereoMatrix& m, float left, float right, float& outL, float& outR) {
    outL = m.ll * left + m.lr * right;
    outR = m.rl * left + m.rr * right;
  }
};

}  // namespace wsp_utility

WSP_PLUGIN(wsp_utility::Utility, utility);
