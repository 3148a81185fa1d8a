// The handlers of /api/v1, one file per resource (routes_*.cpp); the table is in routes.cpp.
#pragma once

#include "api/router.hpp"

namespace wstudio::server::routes {

#define WSTUDIO_HANDLER(name) Response name(ServerContext&, const Request&, const PathParams&)
WSTUDIO_HANDLER(health);
WSTUDIO_HANDLER(metrics);
WSTUDIO_HANDLER(registerUser);
WSTUDIO_HANDLER(login);
WSTUDIO_HANDLER(logout);
WSTUDIO_HANDLER(me);
WSTUDIO_HANDLER(getUser);
WSTUDIO_HANDLER(updateUser);
WSTUDIO_HANDLER(createToken);
WSTUDIO_HANDLER(listTokens);
WSTUDIO_HANDLER(deleteToken);
WSTUDIO_HANDLER(createSession);
WSTUDIO_HANDLER(listSessions);
WSTUDIO_HANDLER(getSession);
WSTUDIO_HANDLER(updateSession);
// POST /sessions/{id}/ops (routes_session_ops.cpp).
WSTUDIO_HANDLER(applySessionOps);
WSTUDIO_HANDLER(deleteSession);
WSTUDIO_HANDLER(listShares);
WSTUDIO_HANDLER(putShare);
WSTUDIO_HANDLER(deleteShare);
// The WebSocket upgrade: 101 with a LiveGrant (routes_live.cpp), or 426 without Upgrade.
WSTUDIO_HANDLER(watchSession);
WSTUDIO_HANDLER(createPreset);
WSTUDIO_HANDLER(listPresets);
WSTUDIO_HANDLER(factoryPresets);
WSTUDIO_HANDLER(getPreset);
WSTUDIO_HANDLER(deletePreset);
WSTUDIO_HANDLER(uploadAsset);
WSTUDIO_HANDLER(downloadAsset);
WSTUDIO_HANDLER(uploadVaistPlugin);
WSTUDIO_HANDLER(pluginManifest);
// GET /assets/{sha256}/vaist: a vAIst Forge plugin's descriptor.json and glue.
WSTUDIO_HANDLER(pluginVaistFiles);
// GET /plugins/uploads (routes_plugins.cpp).
WSTUDIO_HANDLER(listUploadedPlugins);
// /forge: the Forge's compile service (routes_forge.cpp).
WSTUDIO_HANDLER(createForgeBuild);
WSTUDIO_HANDLER(getForgeBuild);
WSTUDIO_HANDLER(forgeUsage);
// /forge/plans, /forge/code: the offline generator and C++ writer (routes_forge_plan.cpp).
WSTUDIO_HANDLER(createForgePlan);
WSTUDIO_HANDLER(writeForgeCode);
WSTUDIO_HANDLER(editForgePlan);
WSTUDIO_HANDLER(forgeCatalog);
// /forge/imports: a vAIst Forge project imported (routes_forge_import.cpp).
WSTUDIO_HANDLER(createForgeImport);
// /forge/model, /forge/generations: the language-model provider (routes_forge_model.cpp).
WSTUDIO_HANDLER(forgeModel);
WSTUDIO_HANDLER(createForgeGeneration);
WSTUDIO_HANDLER(getForgeGeneration);
// /forge/plugins, /forge/refine: kept plugins, their versions and refinement (routes_forge_versions.cpp).
WSTUDIO_HANDLER(createForgePlugin);
WSTUDIO_HANDLER(addForgeVersion);
WSTUDIO_HANDLER(listForgePlugins);
WSTUDIO_HANDLER(getForgePlugin);
WSTUDIO_HANDLER(restoreForgeVersion);
WSTUDIO_HANDLER(downloadForgeVersion);
WSTUDIO_HANDLER(deleteForgePlugin);
WSTUDIO_HANDLER(deleteForgeVersion);
WSTUDIO_HANDLER(refineForgePlan);
#undef WSTUDIO_HANDLER

// For /sessions/{id}/events: throws ApiError (401/404) unless the caller may see the session
// (same visibility as GET /sessions/{id}).
void checkCanWatch(ServerContext& context, const Request& request, const std::string& sessionId);

}  // namespace wstudio::server::routes
