#include "wstudio/forge/toolchain.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "forge_flags.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::forge {

namespace {

// The wasm32-wasi C and C++ libraries Debian installs for clang (the wasi-libc and libc++ packages).
constexpr std::array<const char*, 3> kWasiLibraries = {
    "/usr/lib/wasm32-wasi/libc.a", "/usr/lib/wasm32-wasi/libc++.a", "/usr/lib/wasm32-wasi/libc++abi.a"};
constexpr const char* kWasiInclude = "/usr/include/wasm32-wasi";
constexpr const char* kWasiCxxInclude = "/usr/include/wasm32-wasi/c++/v1";

template <size_t N>
void append(std::vector<std::string>& out, const std::string_view (&flags)[N]) {
  for (std::string_view flag : flags) out.emplace_back(flag);
}

std::string fileHash(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::string("missing ") + path;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return host::sha256Hex(bytes);
}

}  // namespace

std::vector<std::string> pluginCompileFlags() {
  std::vector<std::string> flags;
  append(flags, generated::kBuildTypeFlags);
  append(flags, generated::kCxxFlags);
  append(flags, generated::kCompileOptions);
  return flags;
}

std::vector<std::string> pluginLinkFlags() {
  std::vector<std::string> flags;
  append(flags, generated::kLinkOptions);
  return flags;
}

namespace {

// Everything up to the source: the compiler, the target, the include path, the plugin flags and
// the guards. Shared by the plugin's compile and the prelude's, which must agree for clang to
// accept the precompiled prelude.
std::vector<std::string> compilerAndCompileFlags() {
  std::vector<std::string> argv = {std::string(generated::kClangxx), "--target=wasm32-wasi"};
  // FC-3: the include path is the SDK and the wasm32-wasi standard library, nothing of the host
  // (clang would add /usr/local/include and /usr/include for this target).
  const std::string resourceInclude = std::string(generated::kClangResourceDir) + "/include";
  argv.insert(argv.end(), {"-nostdinc", "-isystem", kWasiCxxInclude, "-isystem", resourceInclude,
                           "-isystem", kWasiInclude, "-I", std::string(kJailSdkDir)});
  for (std::string& flag : pluginCompileFlags()) argv.push_back(std::move(flag));
  // FC-2: guards. No inline assembly (`.incbin` reads any file the compiler can see), #embed is
  // an error in C++ (a C23 feature clang offers as an extension), no crash reproducers written,
  // diagnostics as plain lines the service parses.
  argv.insert(argv.end(), {"-fno-gnu-inline-asm", "-Werror=c23-extensions", "-fno-crash-diagnostics",
                           "-fno-color-diagnostics", "-fno-caret-diagnostics", "-fno-diagnostics-fixit-info",
                           "-fdiagnostics-format=clang", "-fmessage-length=0", "-ferror-limit=50", "-Wall",
                           "-Wextra"});
  return argv;
}

// The standard headers the SDK's own headers include: a source may name them before the SDK and
// still be compiled with the prelude, which holds them all already.
constexpr std::array<std::string_view, 17> kSdkStandardHeaders = {
    "algorithm", "array", "bit",    "cmath", "concepts", "cstddef", "cstdint", "cstdlib",    "cstring",
    "limits",    "new",   "numbers", "span", "stdint.h", "string_view", "type_traits", "vector"};

bool sdkHeader(std::string_view name) {
  for (const SdkFile& file : sdkFiles()) {
    if (file.path == name) return true;
  }
  return false;
}

std::string_view trimmed(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

}  // namespace

std::vector<std::string> cppCommandLine(bool withPrelude) {
  std::vector<std::string> argv = compilerAndCompileFlags();
  if (withPrelude) {
    argv.insert(argv.end(), {"-include-pch", std::string(kJailPreludeDir) + std::string(kPreludePchName)});
  }
  for (std::string& flag : pluginLinkFlags()) argv.push_back(std::move(flag));
  argv.insert(argv.end(), {"-o", std::string(kJailOutput), std::string(kJailSourceDir) + std::string(kCppSourceName)});
  return argv;
}

std::string_view preludeHeader() {
  return "// The Forge's SDK prelude: precompiled once, put in front of a source that includes only these.\n"
         "#include <algorithm>\n#include <array>\n#include <bit>\n#include <cmath>\n#include <concepts>\n"
         "#include <cstddef>\n#include <cstdint>\n#include <cstdlib>\n#include <cstring>\n#include <limits>\n"
         "#include <new>\n#include <numbers>\n#include <span>\n#include <stdint.h>\n#include <string_view>\n"
         "#include <type_traits>\n#include <vector>\n\n#include <wsp/dsp.hpp>\n#include <wsp/sdk.hpp>\n";
}

std::vector<std::string> preludeCommandLine() {
  std::vector<std::string> argv = compilerAndCompileFlags();
  const std::string dir(kJailPreludeDir);
  argv.insert(argv.end(), {"-x", "c++-header", "-o", dir + std::string(kPreludePchName),
                           dir + std::string(kPreludeHeaderName)});
  return argv;
}

bool fitsPrelude(std::string_view source) {
  bool includesSdk = false;
  bool inComment = false;
  while (!source.empty()) {
    const size_t end = std::min(source.find('\n'), source.size());
    std::string_view line = trimmed(source.substr(0, end));
    source.remove_prefix(std::min(end + 1, source.size()));
    if (inComment) {
      const size_t close = line.find("*/");
      if (close == std::string_view::npos) continue;
      inComment = false;
      line = trimmed(line.substr(close + 2));
    }
    if (line.empty() || line.starts_with("//")) continue;
    if (line.starts_with("/*")) {
      const size_t close = line.find("*/", 2);
      if (close == std::string_view::npos) {
        inComment = true;
        continue;
      }
      if (!trimmed(line.substr(close + 2)).empty()) return includesSdk;
      continue;
    }
    if (!line.starts_with("#")) return includesSdk;  // the first line of code: the preamble is over
    line = trimmed(line.substr(1));
    if (!line.starts_with("include")) return false;  // #define, #pragma, #if...: before the SDK
    line = trimmed(line.substr(7));
    const size_t close = line.find('>');
    if (line.size() < 3 || line.front() != '<' || close == std::string_view::npos) return false;
    const std::string_view rest = trimmed(line.substr(close + 1));
    if (!rest.empty() && !rest.starts_with("//")) return false;
    const std::string_view name = line.substr(1, close - 1);
    const bool standard = std::find(kSdkStandardHeaders.begin(), kSdkStandardHeaders.end(), name) !=
                          kSdkStandardHeaders.end();
    if (!standard && !(name.starts_with("wsp/") && sdkHeader(name))) return false;
    includesSdk = includesSdk || name == "wsp/sdk.hpp";
  }
  return includesSdk;
}

const std::string& sdkHash() {
  static const std::string hash = [] {
    std::string all;
    for (const SdkFile& file : sdkFiles()) {
      all += file.path;
      all += '\0';
      all += std::to_string(file.bytes.size());
      all += '\0';
      all += file.bytes;
    }
    return host::sha256Hex(all);
  }();
  return hash;
}

const std::string& toolchainIdentity() {
  static const std::string identity = [] {
    std::string text = "forge-cpp-1\n";
    for (const std::string& arg : cppCommandLine()) text += arg + "\n";
    text += programVersion(generated::kClangxx);
    for (const char* library : kWasiLibraries) text += std::string(library) + " " + fileHash(library) + "\n";
    text += "sdk " + sdkHash() + "\n";
    text += "prelude " + host::sha256Hex(preludeHeader()) + "\n";
    return host::sha256Hex(text);
  }();
  return identity;
}

std::string programVersion(std::string_view program) {
  const std::string command = std::string(program) + " --version 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "unknown";
  std::string out;
  char buffer[512];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && out.size() < 4096) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

}  // namespace wstudio::forge
