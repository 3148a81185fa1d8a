#include "wstudio/forge/toolchain.hpp"

#include <sys/wait.h>

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

// `clang++ --version`, run once outside the jail: it reads no input.
std::string compilerVersion() {
  const std::string command = std::string(generated::kClangxx) + " --version 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "unknown";
  std::string out;
  char buffer[512];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && out.size() < 4096) out.append(buffer, n);
  ::pclose(pipe);
  return out;
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

std::vector<std::string> cppCommandLine() {
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
  for (std::string& flag : pluginLinkFlags()) argv.push_back(std::move(flag));
  argv.insert(argv.end(), {"-o", std::string(kJailOutput), std::string(kJailSourceDir) + std::string(kCppSourceName)});
  return argv;
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
    text += compilerVersion();
    for (const char* library : kWasiLibraries) text += std::string(library) + " " + fileHash(library) + "\n";
    text += "sdk " + sdkHash() + "\n";
    return host::sha256Hex(text);
  }();
  return identity;
}

}  // namespace wstudio::forge
