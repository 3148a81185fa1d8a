// What the Faust build tests share: a program built and validated as the service does it, and an
// instance of the module loaded as an upload is.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "wstudio/forge/build_validation.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::forge::test {

inline constexpr double kFaustTestRate = 48000.0;
inline constexpr uint32_t kFaustTestBlock = 256;

// A private folder under the test scratch directory.
std::filesystem::path scratch(const char* name);

struct Built {
  std::string wasm;
  BuildValidation validation;
};
// Compiled by compileFaust and validated by validateBuild; the test fails with the reason if not.
Built buildFaust(const std::string& source);

// One activated instance of the built module (translated and compiled in the jail; the module
// cache the validation filled answers).
std::unique_ptr<host::PluginInstance> instantiate(const std::string& wasm);

}  // namespace wstudio::forge::test
