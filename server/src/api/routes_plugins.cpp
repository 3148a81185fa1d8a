// /api/v1/plugins/uploads: the signed-in user's uploaded plugins, so that a studio on another
// browser (or a fresh profile) lists and inserts them. Only one's own uploads: a plugin one may
// read through a session or because someone made it public is not listed. Pages of at most
// kMaxPage, newest first, each naming where the next starts.

#include <charconv>
#include <map>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "blob/blob_store.hpp"

namespace wstudio::server::routes {

namespace {

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 200;

int pageLimit(std::string_view text) {
  if (text.empty()) return kDefaultPage;
  int limit = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > kMaxPage) {
    throw badRequest("limit must be a whole number from 1 to " + std::to_string(kMaxPage), "limit");
  }
  return limit;
}

// The cursor is "<uploadedAt>.<sha256>" of a page's last plugin (opaque to clients).
std::string cursorText(const UploadedPlugin& plugin) {
  return std::to_string(plugin.uploadedAt) + "." + plugin.sha256;
}

std::optional<UploadedPluginsCursor> parseCursor(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const auto invalid = [] { return badRequest("after must be the `next` of a previous page", "after"); };
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) throw invalid();
  UploadedPluginsCursor cursor;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + dot, cursor.uploadedAt);
  cursor.sha256 = std::string(text.substr(dot + 1));
  if (ec != std::errc() || end != text.data() + dot || !isSha256Hex(cursor.sha256)) throw invalid();
  return cursor;
}

}  // namespace

Response listUploadedPlugins(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const int limit = pageLimit(request.queryParam("limit"));
  const auto after = parseCursor(request.queryParam("after"));
  // One more than the page: whether there is a next page is known without a second query.
  std::vector<UploadedPlugin> plugins = context.store.uploadedPlugins(who.userId, limit + 1, after);
  const bool more = plugins.size() > static_cast<size_t>(limit);
  if (more) plugins.resize(static_cast<size_t>(limit));
  // Kept Forge versions say which plugin and version they are (the menu names them so).
  std::map<std::string, std::pair<std::string, int64_t>> kept;
  for (auto& [sha, version] : context.store.forgeVersionsByModule(who.userId)) kept.emplace(sha, version);
  Json list = Json::array();
  for (const UploadedPlugin& plugin : plugins) {
    Json descriptor = Json::parse(plugin.descriptorJson);
    Json item{{"sha256", plugin.sha256},
              {"format", plugin.vaist ? "vaist" : "wsp"},
              {"pluginId", plugin.pluginId},
              {"name", descriptor.value("name", plugin.pluginId)},
              {"descriptor", std::move(descriptor)},
              {"size", plugin.size},
              {"public", plugin.isPublic},
              {"uploadedAt", plugin.uploadedAt}};
    if (const auto k = kept.find(plugin.sha256); k != kept.end())
      item["forge"] = {{"name", k->second.first}, {"version", k->second.second}};
    list.push_back(std::move(item));
  }
  Json body{{"plugins", std::move(list)}};
  if (more) body["next"] = cursorText(plugins.back());
  Response response = jsonResponse(200, body);
  response.setHeader("Cache-Control", "private, no-cache");
  return response;
}

}  // namespace wstudio::server::routes
