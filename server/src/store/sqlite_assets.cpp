// SqliteStore: the asset index (who uploaded which blob, and who may read it).
#include "store/sqlite_store.hpp"

#include <limits>

namespace wstudio::server {

void SqliteStore::addAsset(const AssetRecord& a, const std::string& ownerId, bool isPublic,
                           int64_t now) {
  auto c = borrow();
  // A second upload of the same bytes by the same user may only widen visibility.
  auto& q = c->cached(
      "INSERT INTO assets (sha256, owner_id, kind, size, public, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (sha256, owner_id) DO UPDATE SET public = max(public, excluded.public)");
  q.bind(1, a.sha256).bind(2, ownerId).bind(3, a.kind).bind(4, a.size);
  q.bind(5, int64_t{isPublic}).bind(6, now).run();
}

std::optional<AssetRecord> SqliteStore::asset(std::string_view sha256) {
  auto c = borrow();
  auto& q = c->cached("SELECT sha256, kind, size FROM assets WHERE sha256 = ?1 LIMIT 1");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return AssetRecord{q.text(0), q.text(1), q.integer(2)};
}

bool SqliteStore::canReadAsset(std::string_view sha256, std::string_view userId) {
  auto c = borrow();
  // Through a session only when its uploader attached it there (attached_by, set by the
  // uploader's own save): referencing a hash in one's own public session, and then sharing that
  // session with the uploader, must not publish their upload.
  auto& q = c->cached(
      "SELECT 1 FROM assets WHERE sha256 = ?1 AND (public = 1 OR owner_id = ?2) "
      "UNION ALL "
      "SELECT 1 FROM session_assets sa JOIN studio_sessions s ON s.id = sa.session_id "
      "JOIN assets a ON a.sha256 = sa.sha256 AND a.owner_id = sa.attached_by "
      "WHERE sa.sha256 = ?1 "
      "AND (s.public = 1 OR s.owner_id = ?2 OR EXISTS ("
      "     SELECT 1 FROM session_shares sh WHERE sh.session_id = s.id AND sh.user_id = ?2)) "
      "LIMIT 1");
  q.bind(1, sha256).bind(2, userId);
  return q.step();
}

void SqliteStore::addPlugin(std::string_view sha256, std::string_view pluginId,
                            std::string_view descriptorJson, int64_t now,
                            std::string_view manifestJson, std::string_view vaistFilesSha256) {
  auto c = borrow();
  // The first upload fixes the plugin; its vAIst files only fill a gap (a plugin uploaded
  // before the server kept them), never replace what is there.
  auto& q = c->cached(
      "INSERT INTO plugins (sha256, plugin_id, descriptor, created_at, manifest, vaist_files) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (sha256) DO UPDATE SET vaist_files = coalesce(plugins.vaist_files, excluded.vaist_files)");
  q.bind(1, sha256).bind(2, pluginId).bind(3, descriptorJson).bind(4, now);
  const auto textOrNull = [&](int index, std::string_view text) {
    if (text.empty()) {
      q.bindNull(index);
    } else {
      q.bind(index, text);
    }
  };
  textOrNull(5, manifestJson);
  textOrNull(6, vaistFilesSha256);
  q.run();
}

std::optional<std::string> SqliteStore::pluginManifest(std::string_view sha256) {
  auto c = borrow();
  auto& q = c->cached("SELECT manifest FROM plugins WHERE sha256 = ?1 AND manifest IS NOT NULL");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::optional<std::string> SqliteStore::pluginVaistFiles(std::string_view sha256) {
  auto c = borrow();
  auto& q = c->cached("SELECT vaist_files FROM plugins WHERE sha256 = ?1 AND vaist_files IS NOT NULL");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::vector<UploadedPlugin> SqliteStore::uploadedPlugins(std::string_view ownerId, int limit,
                                                         const std::optional<UploadedPluginsCursor>& after) {
  auto c = borrow();
  // The owner's own asset rows only (assets_owner_listing, in its order): a plugin readable
  // through a share or made public by someone else is not theirs to list.
  auto& q = c->cached(
      "SELECT a.sha256, p.plugin_id, p.descriptor, p.manifest IS NOT NULL, a.size, a.public, a.created_at "
      "FROM assets a JOIN plugins p ON p.sha256 = a.sha256 "
      "WHERE a.owner_id = ?1 AND a.kind = 'wasm' AND (a.created_at, a.sha256) < (?2, ?3) "
      "ORDER BY a.created_at DESC, a.sha256 DESC LIMIT ?4");
  q.bind(1, ownerId);
  q.bind(2, after ? after->uploadedAt : std::numeric_limits<int64_t>::max());
  q.bind(3, after ? std::string_view(after->sha256) : std::string_view("g"));  // above any hex digest
  q.bind(4, int64_t{limit});
  std::vector<UploadedPlugin> out;
  while (q.step()) {
    out.push_back(UploadedPlugin{q.text(0), q.text(1), q.text(2), q.integer(3) != 0, q.integer(4),
                                 q.integer(5) != 0, q.integer(6)});
  }
  return out;
}

std::vector<std::string> SqliteStore::pluginDescriptors() {
  auto c = borrow();
  auto& q = c->cached("SELECT descriptor FROM plugins ORDER BY created_at, sha256");
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace wstudio::server
