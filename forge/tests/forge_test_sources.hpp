// Sources the Forge's tests compile: a good plugin, one with an error, and the attacks.
#pragma once

#include <string>

namespace wstudio::forge::test {

// A complete plugin against the SDK: a smoothed gain.
inline const std::string kGainPlugin = R"(#include <cmath>
#include <wsp/sdk.hpp>

namespace forge_test {

using namespace wsp::sdk;

enum ParamId : uint32_t { kGain };

class Gain : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "test.forge.gain",
      .name = "Forge Gain",
      .vendor = "Forge tests",
      .version = "1.0.0",
      .category = "utility",
      .kind = Kind::Effect,
      .inputs = 2,
      .outputs = 2,
      .midi = false,
      .description = "A gain built by the Forge's tests.",
  };
  static constexpr Param params[] = {
      floatParam(kGain, "gain", "Gain", "dB", -60.0, 12.0, 0.0, Scale::Db),
  };

  void process(const Block& block) {
    ParamValue& gain = param(kGain);
    for (uint32_t i = 0; i < block.frames(); ++i) {
      const float g = std::pow(10.0f, gain.next() / 20.0f);
      block.output(0)[i] = block.input(0)[i] * g;
      block.output(1)[i] = block.input(1)[i] * g;
    }
  }
};

}  // namespace forge_test

WSP_PLUGIN(forge_test::Gain, forge_gain);
)";

// The same plugin, a distinct source (so a cache does not answer it): `tag` goes in a comment.
inline std::string gainPluginTagged(const std::string& tag) { return "// " + tag + "\n" + kGainPlugin; }

// An undeclared identifier at line 4, column 10.
inline const std::string kErrorAtLine4 = "#include <wsp/sdk.hpp>\n"
                                         "\n"
                                         "int twice(int x) {\n"
                                         "  return undeclared_thing * x;\n"
                                         "}\n";

// Burns CPU without meeting clang's own limits: 20,000 separate constant evaluations, each just
// under the step limit (each Spin<N>::value is evaluated on its own).
inline const std::string kCpuBurner = R"(#include <utility>
constexpr unsigned long spin(unsigned long seed) {
  unsigned long x = seed;
  for (long i = 0; i < 200000; ++i) x = x * 6364136223846793005u + 1u;
  return x;
}
template <long N> struct Spin { static constexpr unsigned long value = spin(N); };
template <long... I> unsigned long sum(std::integer_sequence<long, I...>) {
  static const unsigned long table[] = {Spin<I>::value...};
  unsigned long s = 0;
  for (unsigned long v : table) s += v;
  return s;
}
unsigned long total() { return sum(std::make_integer_sequence<long, 20000>{}); }
)";

}  // namespace wstudio::forge::test
