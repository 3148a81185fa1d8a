#include "api/routes.hpp"

namespace wstudio::server {

const std::vector<Route>& apiRoutes() {
  using namespace routes;
  // Literal segments before parameters where both could match (".../factory").
  static const std::vector<Route> table{
      {"GET", "/api/v1/health", health},
      {"GET", "/api/v1/metrics", metrics},
      {"POST", "/api/v1/auth/register", registerUser, Work::Hashing},
      {"POST", "/api/v1/auth/login", login, Work::Hashing},
      {"POST", "/api/v1/auth/logout", logout},
      {"GET", "/api/v1/auth/me", me},
      {"GET", "/api/v1/users/{id}", getUser},
      {"PUT", "/api/v1/users/{id}", updateUser},
      {"POST", "/api/v1/tokens", createToken},
      {"GET", "/api/v1/tokens", listTokens},
      {"DELETE", "/api/v1/tokens/{id}", deleteToken},
      {"POST", "/api/v1/sessions", createSession},
      {"GET", "/api/v1/sessions", listSessions},
      {"GET", "/api/v1/sessions/{id}", getSession},
      {"PUT", "/api/v1/sessions/{id}", updateSession},
      {"POST", "/api/v1/sessions/{id}/ops", applySessionOps},
      {"DELETE", "/api/v1/sessions/{id}", deleteSession},
      {"GET", "/api/v1/sessions/{id}/shares", listShares},
      {"PUT", "/api/v1/sessions/{id}/shares/{userId}", putShare},
      {"DELETE", "/api/v1/sessions/{id}/shares/{userId}", deleteShare},
      {"GET", "/api/v1/sessions/{id}/events", watchSession},
      {"POST", "/api/v1/presets", createPreset},
      {"GET", "/api/v1/presets/{pluginId}/factory", factoryPresets},
      {"GET", "/api/v1/presets/{pluginId}", listPresets},
      {"GET", "/api/v1/presets/{pluginId}/{presetId}", getPreset},
      {"DELETE", "/api/v1/presets/{pluginId}/{presetId}", deletePreset},
      {"POST", "/api/v1/assets", uploadAsset, Work::Bulk, true},
      {"POST", "/api/v1/assets/vaist", uploadVaistPlugin, Work::Bulk, true},
      {"GET", "/api/v1/assets/{sha256}", downloadAsset},
      {"GET", "/api/v1/assets/{sha256}/manifest", pluginManifest},
      {"GET", "/api/v1/assets/{sha256}/vaist", pluginVaistFiles},
      {"GET", "/api/v1/plugins/uploads", listUploadedPlugins},
      // Bulk: a cached answer stores the module as the caller's asset at once.
      {"POST", "/api/v1/forge/builds", createForgeBuild, Work::Bulk},
      {"GET", "/api/v1/forge/builds/{id}", getForgeBuild},
      {"GET", "/api/v1/forge/usage", forgeUsage},
      {"POST", "/api/v1/forge/plans", createForgePlan},
      {"POST", "/api/v1/forge/code", writeForgeCode},
      {"POST", "/api/v1/forge/plan-edits", editForgePlan},
      {"GET", "/api/v1/forge/catalog", forgeCatalog},
      {"POST", "/api/v1/forge/imports", createForgeImport, Work::Bulk, true},
      {"GET", "/api/v1/forge/model", forgeModel},
      {"POST", "/api/v1/forge/generations", createForgeGeneration},
      {"GET", "/api/v1/forge/generations/{id}", getForgeGeneration},
      {"POST", "/api/v1/forge/refine", refineForgePlan},
      {"POST", "/api/v1/forge/plugins", createForgePlugin},
      {"GET", "/api/v1/forge/plugins", listForgePlugins},
      {"GET", "/api/v1/forge/plugins/{id}", getForgePlugin},
      {"POST", "/api/v1/forge/plugins/{id}/versions", addForgeVersion},
      {"POST", "/api/v1/forge/plugins/{id}/current", restoreForgeVersion},
      {"GET", "/api/v1/forge/plugins/{id}/versions/{versionId}/{file}", downloadForgeVersion},
      {"DELETE", "/api/v1/forge/plugins/{id}", deleteForgePlugin},
      {"DELETE", "/api/v1/forge/plugins/{id}/versions/{versionId}", deleteForgeVersion},
  };
  return table;
}

}  // namespace wstudio::server
