#include "serve_command.hpp"

#include <charconv>
#include <iostream>

#include "command.hpp"
#include "wstudio/server/serve.hpp"

namespace vaist {

namespace {

constexpr const char* kUsage =
    "usage: vaist serve [--listen ADDRESS:PORT] [--data DIR] [--web DIR] [--secure-cookies]\n"
    "                   [--max-upload-mib N] [--plugins DIR]... [--forge-builds-per-month N]\n"
    "                   [--forge-jobs N] [--forge-cpu-seconds N] [--forge-kept-builds N]\n"
    "  --listen  where to accept connections (default 127.0.0.1:8080; port 0 picks a free one)\n"
    "  --data    the data folder: studio.db (SQLite), blobs/, cache/ (default ./var)\n"
    "  --web     the built web app to serve (default: web/dist if it exists)\n"
    "  --secure-cookies  mark login cookies Secure (when served behind TLS)\n"
    "  --max-upload-mib  the largest asset upload accepted (default 100)\n"
    "  --plugins DIR     look here first for the factory plugins (catalog.json and their .wasm\n"
    "                    files; repeatable), then in $WSTUDIO_PLUGIN_PATH (':'-separated), then\n"
    "                    in <vaist's folder>/../share/wasm-studio/plugins and\n"
    "                    /usr/share/wasm-studio/plugins\n"
    "  --forge-builds-per-month N  the Forge's builds per user and calendar month (default: no\n"
    "                    limit; answers from its cache are not counted)\n"
    "  --forge-jobs N    Forge builds compiled at once (default 1)\n"
    "  --forge-cpu-seconds N  CPU time one Forge compile may use (default 30, at most 110; wall clock twice that)\n"
    "  --forge-kept-builds N  each user's latest succeeded Forge builds that can be kept as\n"
    "                    versions (default 1000)\n"
    "The Forge's language model (off unless set; forge/README.md): WSTUDIO_LLM_URL (an OpenAI-compatible\n"
    "base URL), WSTUDIO_LLM_MODEL, WSTUDIO_LLM_API_KEY, WSTUDIO_LLM_TIMEOUT_SECONDS in the environment.\n";

bool parseListen(const std::string& text, wstudio::server::ServeOptions& options) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  unsigned port = 0;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(begin, end, port);
  if (error != std::errc() || stop != end || begin == end || port > 65535) return false;
  options.address = text.substr(0, colon);
  options.port = static_cast<uint16_t>(port);
  return true;
}

// A whole number in [low, high], or false.
bool parseWhole(const std::string& text, int64_t low, int64_t high, int64_t& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty() && out >= low && out <= high;
}

}  // namespace

int runServeCommand(std::span<const std::string> args) {
  wstudio::server::ServeOptions options;
  if (std::filesystem::exists("web/dist/index.html")) options.webRoot = "web/dist";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool hasValue = i + 1 < args.size();
    if (arg == "--listen" && hasValue) {
      if (!parseListen(args[++i], options)) {
        std::cerr << "vaist serve: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080\n";
        return kExitUsage;
      }
    } else if (arg == "--data" && hasValue) {
      options.dataDir = args[++i];
    } else if (arg == "--plugins" && hasValue) {
      options.pluginFolders.emplace_back(args[++i]);
    } else if (arg == "--web" && hasValue) {
      options.webRoot = args[++i];
    } else if (arg == "--max-upload-mib" && hasValue) {
      unsigned mib = 0;
      const std::string& text = args[++i];
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), mib);
      if (error != std::errc() || end != text.data() + text.size() || mib < 1 || mib > 4096) {
        std::cerr << "vaist serve: --max-upload-mib wants a whole number 1..4096\n";
        return kExitUsage;
      }
      options.maxUploadBytes = uint64_t{mib} << 20;
    } else if ((arg == "--forge-builds-per-month" || arg == "--forge-jobs" || arg == "--forge-cpu-seconds" ||
                arg == "--forge-kept-builds") &&
               hasValue) {
      const bool builds = arg == "--forge-builds-per-month";
      const int64_t high = builds ? 1'000'000'000 : arg == "--forge-jobs" ? 16 : arg == "--forge-kept-builds" ? 1'000'000 : 110;
      int64_t value = 0;
      if (!parseWhole(args[++i], builds ? 0 : 1, high, value)) {
        std::cerr << "vaist serve: " << arg << " wants a whole number " << (builds ? 0 : 1) << ".." << high << "\n";
        return kExitUsage;
      }
      if (builds) options.forgeMonthlyBuilds = value;
      if (arg == "--forge-jobs") options.forgeConcurrentBuilds = static_cast<int>(value);
      if (arg == "--forge-cpu-seconds") options.forgeCpuSeconds = static_cast<uint64_t>(value);
      if (arg == "--forge-kept-builds") options.forgeKeptBuilds = value;
    } else if (arg == "--secure-cookies") {
      options.secureCookies = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    } else {
      std::cerr << "vaist serve: unknown or incomplete argument '" << arg << "'\n" << kUsage;
      return kExitUsage;
    }
  }
  try {
    wstudio::server::serve(options, [&](uint16_t port) {
      std::cout << "WASM Studio is running on http://" << options.address << ":" << port
                << "/ (data in " << options.dataDir.string() << "; Ctrl-C stops it)" << std::endl;
    });
  } catch (const std::exception& error) {
    std::cerr << "vaist serve: " << error.what() << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace vaist
