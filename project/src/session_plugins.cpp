#include "wstudio/project/session_plugins.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <regex>
#include <system_error>

#include "wstudio/host/sha256.hpp"

namespace wstudio::project {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxPluginFileBytes = 256u << 20;  // as the host's loader

std::optional<std::string> readSmallFile(const fs::path& file) {
  std::error_code error;
  const auto size = fs::file_size(file, error);
  if (error || size > kMaxPluginFileBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::optional<host::Result<fs::path>> SessionPlugins::moduleFile(const std::string& sha256) {
  static const std::regex kSha256("[0-9a-f]{64}");
  if (!std::regex_match(sha256, kSha256)) return std::nullopt;
  const fs::path wasmFile = plugins_ / (sha256 + ".wasm");
  std::error_code error;
  if (!fs::is_regular_file(wasmFile, error)) return std::nullopt;
  const std::string where = "plugins/" + sha256 + ".wasm";
  const auto bytes = readSmallFile(wasmFile);
  if (!bytes) return host::fail(where + " cannot be read (or is over 256 MiB)");
  if (const std::string actual = host::sha256Hex(*bytes); actual != sha256)
    return host::fail(where + ": its bytes hash to " + actual + ", not the sha256 in its name (PF-2)");

  try {
    const fs::path folder = staging_.path() / sha256;
    if (fs::exists(folder / "plugin.wasm")) return folder / "plugin.wasm";  // staged earlier
    fs::create_directory(folder);
    const fs::path sidecarFile = plugins_ / (sha256 + ".vaist.json");
    if (fs::is_regular_file(sidecarFile, error)) {
      const auto text = readSmallFile(sidecarFile);
      const nlohmann::json sidecar = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
      if (!sidecar.is_object() || !sidecar.contains("descriptor") || !sidecar["descriptor"].is_object() ||
          (sidecar.contains("glue") && !sidecar["glue"].is_string())) {
        return host::fail("plugins/" + sha256 + ".vaist.json is not {\"descriptor\": {...}, \"glue\": \"...\"}");
      }
      writeNewFile(folder / "descriptor.json", sidecar["descriptor"].dump(2) + "\n");
      if (sidecar.contains("glue")) writeNewFile(folder / "plugin.js", sidecar["glue"].get<std::string>());
    }
    writeNewFile(folder / "plugin.wasm", *bytes);
    return folder / "plugin.wasm";
  } catch (const std::exception& failure) {
    return host::fail(failure.what());
  }
}

}  // namespace wstudio::project
