#include "wstudio/server/serve.hpp"

#include <sodium.h>

#include <fstream>
#include <optional>
#include <stdexcept>

#include "api/server_context.hpp"
#include "auth/login_throttle.hpp"
#include "blob/file_blob_store.hpp"
#include "http/http_server.hpp"
#include "http/static_site.hpp"
#include "api/forge_usage.hpp"
#include "log/structured_log.hpp"
#include "metrics/server_metrics.hpp"
#include "plugins/plugin_catalog.hpp"
#include "store/sqlite_store.hpp"
#include "wstudio/factory/catalog.hpp"
#include "wstudio/factory/plugin_folders.hpp"
#include "wstudio/forge/build_service.hpp"
#include "wstudio/forge/llm/generation_service.hpp"
#include "wstudio/host/descriptor.hpp"

namespace wstudio::server {

namespace {

// The operator's token for /metrics: the first line of the file, if it exists.
std::string readMetricsToken(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return {};
  std::string token;
  std::getline(in, token);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 16) {
    throw std::runtime_error(file.string() + " must hold a token of at least 16 characters on its "
                             "first line (or be removed: then only loopback clients read metrics)");
  }
  return token;
}

}  // namespace

void serve(const ServeOptions& options, const std::function<void(uint16_t)>& onListening) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
  // Before anything is created: without its factory plugins the server does not start.
  const auto factoryCatalog = factory::findCatalog(factory::pluginFolders(options.pluginFolders));
  if (!factoryCatalog) throw std::runtime_error(factoryCatalog.error());
  std::filesystem::create_directories(options.dataDir);
  // The database, the blobs and the module cache are the server's alone: even a process that
  // escaped every namespace of the plugin sandbox (it runs as nobody, docs/sandbox.md) gets in no further.
  std::filesystem::permissions(options.dataDir, std::filesystem::perms::owner_all);
  ServerSettings settings;
  settings.secureCookies = options.secureCookies;
  settings.maxUploadBytes = options.maxUploadBytes;
  settings.metricsToken = readMetricsToken(options.dataDir / "metrics-token");
  if (options.forgeMonthlyBuilds >= 0) settings.forgeMonthlyBuilds = options.forgeMonthlyBuilds;
  settings.forgeKeptBuilds = options.forgeKeptBuilds;

  SqliteStore store(options.dataDir / "studio.db");
  FileBlobStore blobs(options.dataDir);
  PluginCatalog plugins(options.dataDir / "cache", factoryCatalog.value());
  for (const std::string& json : store.pluginDescriptors()) {
    if (auto descriptor = host::parseDescriptor(json)) {
      plugins.remember(std::make_shared<const host::PluginDescriptor>(std::move(descriptor.value())));
    }
  }
  LoginThrottle throttle;
  ServerMetrics metrics;
  SessionEvents events;
  SessionListCache sessionLists;
  ServerContext context{store, blobs, settings, throttle, metrics, plugins, events, sessionLists};
  // The Forge's compile service. A built plugin becomes the user's private asset, with its
  // descriptor, exactly as if they had uploaded it (GET /assets/{sha256} serves it). Declared
  // after everything its threads use, so it stops first.
  forge::ServiceOptions forgeOptions;
  forgeOptions.queue.concurrent = options.forgeConcurrentBuilds;
  forgeOptions.limits.cpuSeconds = options.forgeCpuSeconds;
  forgeOptions.limits.wallMs = static_cast<int64_t>(options.forgeCpuSeconds) * 2000;
  forgeOptions.moduleCacheDir = options.dataDir / "cache";
  // The build itself is recorded too, so that it can be kept as a version whenever its owner
  // asks (the service's own records are the latest few and end with the process).
  forgeOptions.onSucceeded = [&](const forge::BuildIdentity& build, const forge::BuildResult& result) {
    const int64_t now = context.nowMs();
    blobs.put(result.wasm);
    store.addAsset(AssetRecord{result.wasmSha256, "wasm", static_cast<int64_t>(result.wasm.size())}, build.owner,
                   false, now);
    store.addPlugin(result.wasmSha256, result.validation->pluginId, result.validation->descriptorJson, now);
    if (auto descriptor = host::parseDescriptor(result.validation->descriptorJson)) {
      plugins.remember(std::make_shared<const host::PluginDescriptor>(std::move(descriptor.value())));
    }
    store.addForgeBuild(ForgeBuildRecord{build.id, build.owner, build.language, build.key, result.wasmSha256,
                                         result.validation->pluginId, result.validation->descriptorJson,
                                         std::nullopt, std::nullopt, false, now},
                        settings.forgeKeptBuilds);
  };
  forge::BuildService forgeService(std::move(forgeOptions));
  context.forge = &forgeService;
  // The language-model provider, when WSTUDIO_LLM_URL names one (a wrong setting stops the
  // start with its reason). Its builds go through the service above, counted like any build.
  std::optional<forge::llm::GenerationService> forgeModel;
  if (auto endpoint = forge::llm::endpointFromEnvironment()) {
    logEvent("info", "forge model", {{"endpoint", endpoint->describe()}, {"key", !endpoint->apiKey.empty()}});
    forgeModel.emplace(std::move(*endpoint), [&](const std::string& userId, const std::string& source,
                                                 const std::function<void(const std::string&)>& started) {
      return forge::llm::buildAndWait(forgeService, userId, source, forgeBuildAdmission(context, userId), started);
    });
    context.forgeModel = &*forgeModel;
  }
  const StaticSite site(options.webRoot);

  HttpServer server(context, site, HttpLimits{});
  const uint16_t port = server.listen(options.address, options.port);
  server.run([&] {
    logEvent("info", "listening",
             {{"address", options.address}, {"port", port}, {"data", options.dataDir.string()}});
    if (onListening) onListening(port);
  });
  logEvent("info", "stopped");
}

}  // namespace wstudio::server
