// What every handler may use: storage, the blob store, settings, throttles, metrics, the clock.
// One per server; shared by all threads (every member is thread-safe).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "api/session_list_cache.hpp"
#include "auth/login_throttle.hpp"
#include "blob/blob_store.hpp"
#include "live/session_events.hpp"
#include "metrics/server_metrics.hpp"
#include "store/store.hpp"

namespace wstudio::server {

struct ServerSettings {
  bool secureCookies = false;                      // behind TLS: add Secure to cookies
  int64_t loginLifetimeMs = 30LL * 24 * 3600 * 1000;  // cookie logins last 30 days
  uint64_t maxUploadBytes = 100ull << 20;          // assets
  uint64_t maxJsonBodyBytes = 16ull << 20;         // sessions and everything else
  // Lets non-local clients read /metrics (Authorization: Bearer); empty: loopback clients only.
  // The first line of <data>/metrics-token.
  std::string metricsToken;
  // The Forge's builds per user and calendar month (--forge-builds-per-month); unlimited by default.
  int64_t forgeMonthlyBuilds = kUnlimitedForgeBuilds;
  static constexpr int64_t kUnlimitedForgeBuilds = INT64_MAX;
  // Each user's latest succeeded Forge builds that can still be kept as versions
  // (--forge-kept-builds; their records in forge_builds).
  int64_t forgeKeptBuilds = 1000;
};

class PluginCatalog;
}  // namespace wstudio::server

namespace wstudio::forge {
class BuildService;
}  // namespace wstudio::forge
namespace wstudio::forge::llm {
class GenerationService;
}  // namespace wstudio::forge::llm

namespace wstudio::server {

struct ServerContext {
  Store& store;
  BlobStore& blobs;
  const ServerSettings& settings;
  LoginThrottle& throttle;
  ServerMetrics& metrics;
  PluginCatalog& plugins;
  SessionEvents& events;
  SessionListCache& sessionLists;  // rendered GET /api/v1/sessions bodies
  std::function<int64_t()> nowMs = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  forge::BuildService* forge = nullptr;  // the Forge's compile service (/api/v1/forge)
  forge::llm::GenerationService* forgeModel = nullptr;  // the model provider, when configured
};

}  // namespace wstudio::server
