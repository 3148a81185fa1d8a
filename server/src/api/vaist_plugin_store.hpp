// A vAIst Forge build (.wasm, emscripten glue or none, descriptor.json) made the caller's plugin
// asset: validated in the plugin sandbox (PluginCatalog::validateVaist), stored with its manifest,
// its descriptor.json and glue kept beside it. Shared by POST /assets/vaist and the Forge's
// import of a built project (routes_forge_import.cpp). Slow (seconds): on a Bulk worker.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/server_context.hpp"
#include "wstudio/host/descriptor.hpp"

namespace wstudio::server::routes {

struct StoredVaistPlugin {
  std::string sha256;  // of the .wasm: the asset
  std::shared_ptr<const host::PluginDescriptor> plugin;
  std::string manifest;
  std::string filesSha256;  // the blob of its descriptor.json and glue (GET /assets/{sha256}/vaist)
  std::vector<std::string> warnings;  // findings it was accepted with
};

// Throws ApiError 422 invalid_plugin (with the sandbox's reason) when it fails validation, 409
// plugin_conflict when the same .wasm was stored before with other files.
StoredVaistPlugin storeVaistPlugin(ServerContext& context, const std::string& userId, const std::string& wasm,
                                   const std::string& glue, const std::string& descriptor, bool isPublic);

}  // namespace wstudio::server::routes
