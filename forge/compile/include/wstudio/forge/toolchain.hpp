// The Forge's one way to compile C++: clang-19 for wasm32-wasi with exactly the flags of the
// factory plugins (cmake/wasm32-wasi-flags.cmake), only the SDK and the wasm32-wasi standard
// library on the include path, and a few guards of its own (FC-2, forge/README.md). Nothing of
// the command line comes from the user.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wstudio::forge {

// Inside the compile jail (its private /tmp): where the SDK, the user's source and the module go.
inline constexpr std::string_view kJailSdkDir = "/tmp/forge/sdk/";
inline constexpr std::string_view kJailSourceDir = "/tmp/forge/src/";
inline constexpr std::string_view kJailOutput = "/tmp/forge/out/plugin.wasm";
// The name the user's source has, in the jail and in every diagnostic.
inline constexpr std::string_view kCppSourceName = "plugin.cpp";

// The flags a factory plugin is compiled and linked with (build type, language, code generation),
// generated from the file the wasm build's toolchain reads.
std::vector<std::string> pluginCompileFlags();
std::vector<std::string> pluginLinkFlags();

// The whole command line, program first: the plugin flags, the include path and the guards.
std::vector<std::string> cppCommandLine();

// One SDK header as the compile jail gets it: its path under the include root ("wsp/sdk.hpp").
struct SdkFile {
  std::string_view path;
  std::string_view bytes;
};
std::span<const SdkFile> sdkFiles();
// sha256 of every SDK header's path and bytes.
const std::string& sdkHash();

// What a compile's result depends on besides the source: the command line, the compiler's
// version, the wasm32-wasi libraries, the SDK. Computed once (it runs `clang++ --version`).
const std::string& toolchainIdentity();

}  // namespace wstudio::forge
