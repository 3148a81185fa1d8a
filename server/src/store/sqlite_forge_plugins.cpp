// SqliteStore: the Forge's kept plugins and their versions (migrations 7, 8), and the succeeded
// builds they are made from (migration 8).
#include <stdexcept>

#include "store/sqlite_store.hpp"

namespace wstudio::server {

namespace {

// A macro so that the statements stay string literals (Connection::cached keys on them).
#define WSTUDIO_FORGE_VERSION_COLUMNS \
  "id, plugin_id, number, parent_id, plan, source, language, wasm_sha256, plugin_key, descriptor, message, created_at, " \
  "manifest, vaist_files_sha256, vaist_glue"

ForgeVersion readVersion(const db::Statement& q) {
  return ForgeVersion{q.text(0),          q.text(1),         q.integer(2), q.optionalText(3), q.optionalText(4),
                      q.text(5),          q.text(6),         q.text(7),    q.text(8),         q.text(9),
                      q.text(10),         q.integer(11),     q.optionalText(12), q.optionalText(13),
                      q.integer(14) != 0};
}

ForgePlugin readPlugin(const db::Statement& q) {
  return ForgePlugin{q.text(0), q.text(1), q.text(2), q.optionalText(3).value_or(""), q.integer(4), q.integer(5)};
}

// Inserts the version as the plugin's next number and makes it current; in the caller's
// transaction. The number follows the last one the plugin ever had: a deleted v3 is not reused.
ForgeVersion insertVersion(db::Connection& c, ForgeVersion v, int64_t now) {
  auto& number = c.cached("UPDATE forge_plugins SET last_number = last_number + 1 WHERE id = ?1 RETURNING last_number");
  number.bind(1, v.pluginId);
  if (!number.step()) throw std::runtime_error("forge plugin " + v.pluginId + " is not stored");
  v.number = number.integer(0);
  number.reset();
  auto& q = c.cached(
      "INSERT INTO forge_versions (id, plugin_id, number, parent_id, plan, source, language, wasm_sha256, plugin_key, "
      "descriptor, message, created_at, manifest, vaist_files_sha256, vaist_glue) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  q.bind(1, v.id).bind(2, v.pluginId).bind(3, v.number).bindOptional(4, v.parentId).bindOptional(5, v.planJson);
  q.bind(6, v.source).bind(7, v.language).bind(8, v.wasmSha256).bind(9, v.pluginKey).bind(10, v.descriptorJson);
  q.bind(11, v.message).bind(12, v.createdAt).bindOptional(13, v.manifestJson).bindOptional(14, v.vaistFilesSha256).bind(15, int64_t{v.vaistGlue}).run();
  auto& current = c.cached("UPDATE forge_plugins SET current_version_id = ?2, updated_at = ?3 WHERE id = ?1");
  current.bind(1, v.pluginId).bind(2, v.id).bind(3, now).run();
  return v;
}

}  // namespace

ForgeVersion SqliteStore::createForgePlugin(const ForgePlugin& plugin, const ForgeVersion& first) {
  auto c = borrow();
  db::Transaction transaction(*c);
  auto& q = c->cached(
      "INSERT INTO forge_plugins (id, owner_id, name, current_version_id, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, NULL, ?4, ?4)");
  q.bind(1, plugin.id).bind(2, plugin.ownerId).bind(3, plugin.name).bind(4, plugin.createdAt).run();
  ForgeVersion stored = insertVersion(*c, first, plugin.createdAt);
  transaction.commit();
  return stored;
}

ForgeVersion SqliteStore::addForgeVersion(const ForgeVersion& version, int64_t now) {
  auto c = borrow();
  db::Transaction transaction(*c);  // IMMEDIATE: two versions at once get two numbers
  ForgeVersion stored = insertVersion(*c, version, now);
  auto& name = c->cached("UPDATE forge_plugins SET name = json_extract(?2, '$.name') WHERE id = ?1 AND "
                         "json_valid(?2) AND json_type(?2, '$.name') = 'text'");
  name.bind(1, version.pluginId).bind(2, version.descriptorJson).run();
  transaction.commit();
  return stored;
}

std::optional<ForgePlugin> SqliteStore::forgePlugin(std::string_view id) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, owner_id, name, current_version_id, created_at, updated_at FROM forge_plugins WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  ForgePlugin plugin = readPlugin(q);
  q.reset();
  return plugin;
}

std::vector<ForgePlugin> SqliteStore::forgePluginsOf(std::string_view ownerId) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, owner_id, name, current_version_id, created_at, updated_at FROM forge_plugins "
      "WHERE owner_id = ?1 ORDER BY updated_at DESC, id");
  q.bind(1, ownerId);
  std::vector<ForgePlugin> out;
  while (q.step()) out.push_back(readPlugin(q));
  return out;
}

std::vector<ForgeVersion> SqliteStore::forgeVersions(std::string_view pluginId) {
  auto c = borrow();
  auto& q = c->cached("SELECT " WSTUDIO_FORGE_VERSION_COLUMNS " FROM forge_versions WHERE plugin_id = ?1 ORDER BY number");
  q.bind(1, pluginId);
  std::vector<ForgeVersion> out;
  while (q.step()) out.push_back(readVersion(q));
  return out;
}

std::optional<ForgeVersion> SqliteStore::forgeVersion(std::string_view versionId) {
  auto c = borrow();
  auto& q = c->cached("SELECT " WSTUDIO_FORGE_VERSION_COLUMNS " FROM forge_versions WHERE id = ?1");
  q.bind(1, versionId);
  if (!q.step()) return std::nullopt;
  ForgeVersion v = readVersion(q);
  q.reset();
  return v;
}

bool SqliteStore::setForgeCurrentVersion(std::string_view pluginId, std::string_view versionId, int64_t now) {
  auto c = borrow();
  auto& q = c->cached(
      "UPDATE forge_plugins SET current_version_id = ?2, updated_at = ?3 WHERE id = ?1 AND EXISTS "
      "(SELECT 1 FROM forge_versions v WHERE v.id = ?2 AND v.plugin_id = ?1)");
  q.bind(1, pluginId).bind(2, versionId).bind(3, now).run();
  return c->changes() > 0;
}

std::optional<ForgeVersion> SqliteStore::currentForgeVersionByKey(std::string_view ownerId, std::string_view pluginKey) {
  auto c = borrow();
  auto& q = c->cached("SELECT "
                       "v.id, v.plugin_id, v.number, v.parent_id, v.plan, v.source, v.language, v.wasm_sha256, "
                       "v.plugin_key, v.descriptor, v.message, v.created_at, v.manifest, v.vaist_files_sha256, v.vaist_glue "
                       "FROM forge_plugins p JOIN forge_versions v ON v.id = p.current_version_id "
                       "WHERE p.owner_id = ?1 AND v.plugin_key = ?2 ORDER BY p.updated_at DESC LIMIT 1");
  q.bind(1, ownerId).bind(2, pluginKey);
  if (!q.step()) return std::nullopt;
  ForgeVersion v = readVersion(q);
  q.reset();
  return v;
}

std::vector<std::pair<std::string, std::pair<std::string, int64_t>>> SqliteStore::forgeVersionsByModule(
    std::string_view ownerId) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT v.wasm_sha256, p.name, MAX(v.number) FROM forge_plugins p JOIN forge_versions v ON v.plugin_id = p.id "
      "WHERE p.owner_id = ?1 GROUP BY v.wasm_sha256, p.id");
  q.bind(1, ownerId);
  std::vector<std::pair<std::string, std::pair<std::string, int64_t>>> out;
  while (q.step()) out.push_back({q.text(0), {q.text(1), q.integer(2)}});
  return out;
}

bool SqliteStore::deleteForgePlugin(std::string_view pluginId) {
  auto c = borrow();
  db::Transaction transaction(*c);
  // Versions of other plugins forked from this one's name the nearest ancestor that stays (a
  // fork's parent chain runs through this plugin's versions and out of it, or ends): one step
  // up per pass, until none names a version of this plugin.
  auto& lift = c->cached(
      "UPDATE forge_versions SET parent_id = (SELECT p.parent_id FROM forge_versions p WHERE p.id = forge_versions.parent_id) "
      "WHERE plugin_id != ?1 AND parent_id IN (SELECT id FROM forge_versions WHERE plugin_id = ?1)");
  for (bool lifted = true; lifted;) {
    lift.bind(1, pluginId).run();
    lifted = c->changes() > 0;
    lift.reset();
  }
  auto& q = c->cached("DELETE FROM forge_plugins WHERE id = ?1");  // its versions go with it (ON DELETE CASCADE)
  q.bind(1, pluginId).run();
  const bool deleted = c->changes() > 0;
  transaction.commit();
  return deleted;
}

ForgeVersionDeletion SqliteStore::deleteForgeVersion(std::string_view pluginId, std::string_view versionId, int64_t now) {
  auto c = borrow();
  db::Transaction transaction(*c);
  auto& find = c->cached(
      "SELECT v.parent_id, p.current_version_id, (SELECT COUNT(*) FROM forge_versions o WHERE o.plugin_id = ?1) "
      "FROM forge_versions v JOIN forge_plugins p ON p.id = v.plugin_id WHERE v.id = ?2 AND v.plugin_id = ?1");
  find.bind(1, pluginId).bind(2, versionId);
  if (!find.step()) return ForgeVersionDeletion::Missing;
  const std::optional<std::string> parentId = find.optionalText(0);
  const bool wasCurrent = find.optionalText(1) == std::string(versionId);
  const int64_t versions = find.integer(2);
  find.reset();
  if (versions <= 1) return ForgeVersionDeletion::OnlyVersion;
  // Lineage skips the deleted version: its children (in any plugin) name its parent.
  auto& reparent = c->cached("UPDATE forge_versions SET parent_id = ?2 WHERE parent_id = ?1");
  reparent.bind(1, versionId).bindOptional(2, parentId).run();
  auto& remove = c->cached("DELETE FROM forge_versions WHERE id = ?1");
  remove.bind(1, versionId).run();
  // The current version deleted: its parent in this plugin is current, else the newest left.
  auto& current = c->cached(
      "UPDATE forge_plugins SET updated_at = ?3, current_version_id = CASE WHEN ?4 THEN COALESCE("
      "(SELECT id FROM forge_versions WHERE id = ?2 AND plugin_id = ?1), "
      "(SELECT id FROM forge_versions WHERE plugin_id = ?1 ORDER BY number DESC LIMIT 1)) "
      "ELSE current_version_id END WHERE id = ?1");
  current.bind(1, pluginId).bindOptional(2, parentId).bind(3, now).bind(4, int64_t{wasCurrent}).run();
  transaction.commit();
  return ForgeVersionDeletion::Deleted;
}

void SqliteStore::addForgeBuild(const ForgeBuildRecord& b, int64_t keepPerOwner) {
  auto c = borrow();
  db::Transaction transaction(*c);
  auto& q = c->cached(
      "INSERT INTO forge_builds (id, owner_id, language, cache_key, wasm_sha256, plugin_key, descriptor, manifest, "
      "vaist_files_sha256, vaist_glue, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  q.bind(1, b.id).bind(2, b.ownerId).bind(3, b.language).bindOptional(4, b.cacheKey).bind(5, b.wasmSha256);
  q.bind(6, b.pluginKey).bind(7, b.descriptorJson).bindOptional(8, b.manifestJson).bindOptional(9, b.vaistFilesSha256);
  q.bind(10, int64_t{b.vaistGlue}).bind(11, b.createdAt).run();
  auto& prune = c->cached(
      "DELETE FROM forge_builds WHERE id IN (SELECT id FROM forge_builds WHERE owner_id = ?1 "
      "ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?2)");
  prune.bind(1, b.ownerId).bind(2, keepPerOwner).run();
  transaction.commit();
}

std::optional<ForgeBuildRecord> SqliteStore::forgeBuild(std::string_view id) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, owner_id, language, cache_key, wasm_sha256, plugin_key, descriptor, manifest, vaist_files_sha256, "
      "vaist_glue, created_at FROM forge_builds WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  ForgeBuildRecord b{q.text(0), q.text(1), q.text(2),         q.optionalText(3), q.text(4),          q.text(5),
                     q.text(6), q.optionalText(7), q.optionalText(8), q.integer(9) != 0, q.integer(10)};
  q.reset();
  return b;
}

}  // namespace wstudio::server
