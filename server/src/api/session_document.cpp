#include "api/session_document.hpp"

#include <algorithm>

#include "api/api_error.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::server {

namespace {

void collectPluginRefs(const std::vector<session::Insert>& inserts, std::vector<std::string>& out) {
  for (const auto& insert : inserts) {
    if (insert.plugin.sha256) out.push_back(*insert.plugin.sha256);
  }
}

}  // namespace

SessionDocument readSessionDocument(const Json& document) {
  if (!document.is_object()) throw badRequest("document must be a session object", "document");
  auto loaded = session::load(document.dump());
  if (!loaded.ok()) {
    std::string message = "the session document is invalid: ";
    const size_t shown = std::min<size_t>(loaded.errors.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      if (i > 0) message += "; ";
      message += loaded.errors[i].toString();
    }
    if (loaded.errors.size() > shown) {
      message += "; and " + std::to_string(loaded.errors.size() - shown) + " more";
    }
    const std::string& path = loaded.errors.front().path;
    throw ApiError(422, "invalid_session", message, path.empty() ? "document" : "document." + path);
  }
  return documentOf(*loaded.session);
}

SessionDocument documentOf(const session::Session& s) {
  SessionDocument out;
  for (const auto& track : s.tracks) {
    for (const auto& clip : track.audioClips) {
      if (clip.source.sha256) out.assetRefs.push_back(*clip.source.sha256);
    }
    collectPluginRefs(track.inserts, out.assetRefs);
  }
  collectPluginRefs(s.master.inserts, out.assetRefs);
  std::sort(out.assetRefs.begin(), out.assetRefs.end());
  out.assetRefs.erase(std::unique(out.assetRefs.begin(), out.assetRefs.end()), out.assetRefs.end());
  out.canonical = session::save(s);
  return out;
}

}  // namespace wstudio::server
