#include "wstudio/forge/faust_toolchain.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "faust_program.hpp"
#include "wstudio/forge/faust_description.hpp"
#include "wstudio/forge/faust_guards.hpp"
#include "wstudio/forge/toolchain.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::forge {

namespace {

std::string librariesHash() {
  namespace fs = std::filesystem;
  std::vector<fs::path> libraries;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(std::string(kFaustLibraryDir), error)) {
    if (entry.path().extension() == ".lib") libraries.push_back(entry.path());
  }
  std::sort(libraries.begin(), libraries.end());
  std::string all;
  for (const fs::path& path : libraries) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    all += path.filename().string() + " " + host::sha256Hex(bytes) + "\n";
  }
  return host::sha256Hex(all);
}

}  // namespace

std::vector<std::string> faustCommandLine() {
  // -cn/-scn/-nvi: the class and its (empty) base as the architecture expects them; -ftz 2:
  // recursive signals flush denormals (ABI-12); -json: the UI description the parameter table is
  // written from; outputs into the folder the C++ compile reads its source from.
  return {std::string(generated::kFaust),
          "-lang", "cpp",
          "-a", std::string(kJailFaustArch),
          "-cn", "FaustDsp",
          "-scn", "FaustDspBase",
          "-nvi",
          "-ftz", "2",
          "-json",
          "-O", std::string(kJailSourceDir),
          "-o", std::string(kCppSourceName),
          std::string(kFaustSourceName)};
}

std::vector<std::string> faustEffectCommandLine() {
  // No architecture: Faust writes the bare class (its intrinsics named after it, so they cannot
  // meet the main class's), which the architecture includes after its own.
  return {std::string(generated::kFaust),
          "-lang", "cpp",
          "-pn", "effect",
          "-cn", "FaustEffect",
          "-scn", "FaustDspBase",
          "-nvi",
          "-ftz", "2",
          "-json",
          "-O", std::string(kJailEffectDir),
          "-o", std::string(kEffectCppName),
          std::string(kFaustSourceName)};
}

const std::string& faustIdentity() {
  static const std::string identity = [] {
    std::string text = "forge-faust-2\n";
    for (const std::string& arg : faustCommandLine()) text += arg + "\n";
    for (const std::string& arg : faustEffectCommandLine()) text += "effect " + arg + "\n";
    text += programVersion(generated::kFaust);
    text += "arch " + host::sha256Hex(std::string(faustArchitecture())) + "\n";
    text += "libraries " + librariesHash() + "\n";
    return host::sha256Hex(text);
  }();
  return identity;
}

}  // namespace wstudio::forge
