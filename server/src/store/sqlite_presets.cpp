// SqliteStore: user presets.
#include "store/sqlite_store.hpp"

namespace wstudio::server {

namespace {

constexpr const char* kPresetSelect =
    "SELECT id, owner_id, plugin_id, name, params, state, public, created_at FROM presets ";

Preset readPreset(const db::Statement& q) {
  return Preset{q.text(0), q.text(1), q.text(2),         q.text(3),
                q.text(4), q.blob(5), q.integer(6) != 0, q.integer(7)};
}

}  // namespace

void SqliteStore::createPreset(const Preset& p) {
  auto c = borrow();
  auto& q = c->cached(
      "INSERT INTO presets (id, owner_id, plugin_id, name, params, state, public, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  q.bind(1, p.id).bind(2, p.ownerId).bind(3, p.pluginId).bind(4, p.name).bind(5, p.paramsJson);
  if (p.state.empty()) {
    q.bindNull(6);
  } else {
    q.bindBlob(6, p.state);
  }
  q.bind(7, int64_t{p.isPublic}).bind(8, p.createdAt).run();
}

std::optional<Preset> SqliteStore::preset(std::string_view id) {
  auto c = borrow();
  static const std::string sql = std::string(kPresetSelect) + "WHERE id = ?1";
  auto& q = c->cached(sql.c_str());
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return readPreset(q);
}

std::vector<Preset> SqliteStore::presetsFor(std::string_view pluginId, std::string_view viewerId) {
  auto c = borrow();
  static const std::string sql = std::string(kPresetSelect) +
                                 "WHERE plugin_id = ?1 AND (public = 1 OR owner_id = ?2) "
                                 "ORDER BY created_at, id LIMIT 1000";
  auto& q = c->cached(sql.c_str());
  q.bind(1, pluginId).bind(2, viewerId);
  std::vector<Preset> out;
  while (q.step()) out.push_back(readPreset(q));
  return out;
}

bool SqliteStore::deletePreset(std::string_view id) {
  auto c = borrow();
  c->cached("DELETE FROM presets WHERE id = ?1").bind(1, id).run();
  return c->changes() == 1;
}

}  // namespace wstudio::server
