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
// `withPrelude` adds `-include-pch` of the SDK's precompiled prelude (below), which changes what
// clang reads first, never how it generates code.
std::vector<std::string> cppCommandLine(bool withPrelude = false);

// The SDK's prelude (FC-14, forge/README.md): the standard headers the SDK includes, then every
// SDK header, precompiled once per service (clang's precompiled header) so a build does not parse
// them again: parsing them is most of a compile. Its files in the compile jail:
inline constexpr std::string_view kJailPreludeDir = "/tmp/forge/prelude/";
inline constexpr std::string_view kPreludeHeaderName = "prelude.hpp";
inline constexpr std::string_view kPreludePchName = "prelude.pch";
std::string_view preludeHeader();
// The command line that precompiles the prelude: the same flags, the header in, the .pch out.
std::vector<std::string> preludeCommandLine();
// Whether a source may be compiled with the prelude in front: its leading lines (blank lines and
// comments aside) are `#include <...>` lines only, of SDK headers and of standard headers the SDK
// itself includes, and <wsp/sdk.hpp> is among them. Then the prelude only puts in front what the
// source includes anyway (plus SDK headers it did not name, all in namespace wsp); anything else
// (a #define first, another header, an include by quotes) compiles without it.
bool fitsPrelude(std::string_view source);
// The modification time the compile jail gives every file it writes for clang (the SDK headers,
// the prelude): a precompiled header records its inputs' times and sizes, and each jail writes
// them anew.
inline constexpr int64_t kJailFileTime = 1'000'000'000;

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

// What `<program> --version` prints (at most 4 KiB; "unknown" when it cannot run), for cache
// identities. Run outside the jail: it reads no input.
std::string programVersion(std::string_view program);

}  // namespace wstudio::forge
