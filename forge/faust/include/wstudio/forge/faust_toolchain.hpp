// Faust's one way to run in the Forge (FC-2 for Faust): Debian's faust with a fixed command line
// and the Forge's architecture, in the compile jail; its C++ then goes through the C++ compile's
// own fixed command line (toolchain.hpp). Nothing of either comes from the user.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wstudio::forge {

// Inside the compile jail: the architecture, the user's program (alone in its folder, which is
// also Faust's working folder) and Faust's outputs, which land where the C++ compile reads its source.
inline constexpr std::string_view kJailFaustArch = "/tmp/forge/faust/wsp_faust_arch.cpp";
inline constexpr std::string_view kJailDspDir = "/tmp/forge/dsp/";
inline constexpr std::string_view kFaustJsonName = "plugin.dsp.json";
inline constexpr std::string_view kFaustDescriptionName = "faust_description.hpp";
// Faust's poly convention: a program without inputs may define `effect`, applied once to the mix
// of its voices. It is compiled by a second run (-pn effect) into its own folder; its C++, once
// the output guard passed it, is the header the architecture includes beside the description.
inline constexpr std::string_view kJailEffectDir = "/tmp/forge/effect/";
inline constexpr std::string_view kEffectCppName = "effect.cpp";
inline constexpr std::string_view kFaustEffectName = "faust_effect.hpp";

// The architecture file's bytes (forge/faust/arch/wsp_faust_arch.cpp, embedded).
std::string_view faustArchitecture();

// The whole command line, program first; run in kJailDspDir.
std::vector<std::string> faustCommandLine();
// The second run for `effect`, when the program defines it (definesEffect): its class FaustEffect
// and its JSON description in kJailEffectDir; run in kJailDspDir.
std::vector<std::string> faustEffectCommandLine();

// What a Faust build's result depends on besides the source and the C++ toolchain: Faust's
// command lines and version, the architecture, and every library in /usr/share/faust.
const std::string& faustIdentity();

}  // namespace wstudio::forge
