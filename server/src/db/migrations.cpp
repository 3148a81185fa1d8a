#include "db/migrations.hpp"

#include <array>
#include <string>

namespace wstudio::server::db {

namespace {

// Times are Unix milliseconds. Ids are 32 lowercase hex digits (128 random bits). Secrets
// (login cookies, API tokens) are stored only as their sha256.
constexpr std::array<const char*, 8> kMigrations = {
    R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  bio TEXT NOT NULL DEFAULT '',
  avatar_sha256 TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE logins (
  token_hash BLOB PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX logins_user ON logins(user_id);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE studio_sessions (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX studio_sessions_owner ON studio_sessions(owner_id, updated_at);
CREATE TABLE session_shares (
  session_id TEXT NOT NULL REFERENCES studio_sessions(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_shares_user ON session_shares(user_id);
CREATE TABLE session_assets (
  session_id TEXT NOT NULL REFERENCES studio_sessions(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (session_id, sha256)
);
CREATE INDEX session_assets_sha ON session_assets(sha256);
CREATE TABLE presets (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  plugin_id TEXT NOT NULL,
  name TEXT NOT NULL,
  params TEXT NOT NULL,
  state BLOB,
  public INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX presets_plugin ON presets(plugin_id, created_at);
CREATE TABLE assets (
  sha256 TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  size INTEGER NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (sha256, owner_id)
);
CREATE TABLE plugins (
  sha256 TEXT PRIMARY KEY,
  plugin_id TEXT NOT NULL,
  descriptor TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql",
    // Session lists (the most requested query) read from the index alone, already in their
    // order: no lookup of each row in the table, no sort of the owner's part.
    R"sql(
CREATE INDEX studio_sessions_owner_listing
  ON studio_sessions(owner_id, updated_at DESC, id, name, public, revision);
DROP INDEX studio_sessions_owner;
)sql",
    // An asset is readable through a session only when its uploader attached it there (their
    // own save added the reference). Before, any editor's upload was; existing references are
    // kept attached where the session's owner uploaded the asset.
    R"sql(
ALTER TABLE session_assets ADD COLUMN attached_by TEXT REFERENCES users(id) ON DELETE SET NULL;
UPDATE session_assets SET attached_by = (
  SELECT s.owner_id FROM studio_sessions s
  WHERE s.id = session_assets.session_id AND EXISTS (
    SELECT 1 FROM assets a WHERE a.sha256 = session_assets.sha256 AND a.owner_id = s.owner_id));
)sql",
    // vAIst Forge plugins keep the manifest a browser drives them by (NULL for WSP plugins).
    R"sql(
ALTER TABLE plugins ADD COLUMN manifest TEXT;
)sql",
    // A user's uploaded plugins are listed (GET /plugins/uploads) from an index, newest first; a
    // vAIst Forge plugin keeps the files it was uploaded with (descriptor.json and glue, one
    // blob: the sha256 of {"descriptor", "glue"}), NULL for WSP plugins and for vAIst plugins
    // uploaded before (filled in by their next upload).
    R"sql(
CREATE INDEX assets_owner_listing ON assets(owner_id, created_at DESC, sha256 DESC);
ALTER TABLE plugins ADD COLUMN vaist_files TEXT;
)sql",
    // The Forge's builds per user and calendar month (UTC "YYYY-MM"), for the monthly limit.
    R"sql(
CREATE TABLE forge_build_counts (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  builds INTEGER NOT NULL,
  PRIMARY KEY (user_id, month)
);
)sql",
    // The Forge's kept plugins and their versions (v1, v2, ...). A version records its parent
    // (the version it was refined or forked from: lineage; the gallery's forks use the same
    // rows), its plan, source and language, the module by sha256 (an asset) with the descriptor
    // the build's validation gave, and the chat message that made it.
    R"sql(
CREATE TABLE forge_plugins (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  current_version_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX forge_plugins_owner ON forge_plugins(owner_id, updated_at DESC);
CREATE TABLE forge_versions (
  id TEXT PRIMARY KEY,
  plugin_id TEXT NOT NULL REFERENCES forge_plugins(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  parent_id TEXT REFERENCES forge_versions(id) ON DELETE SET NULL,
  plan TEXT,
  source TEXT NOT NULL,
  language TEXT NOT NULL,
  wasm_sha256 TEXT NOT NULL,
  plugin_key TEXT NOT NULL,
  descriptor TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (plugin_id, number)
);
CREATE INDEX forge_versions_module ON forge_versions(wasm_sha256);
CREATE INDEX forge_versions_plugin_key ON forge_versions(plugin_key);
)sql",
    // Keep from any succeeded build, and delete. forge_builds: the succeeded Forge builds (their
    // in-memory records are the latest few and die with the process), what a version is made
    // from: owner, language, the cache key of the source compiled (NULL for a vAIst Forge module
    // imported as built: no source), the module with its descriptor, and for a vAIst module its
    // manifest, the blob of its descriptor.json and glue, and whether it has glue (1) or clean
    // export names (0). Versions of such a module record those three as well. last_number:
    // version numbers are never reused after a deletion.
    R"sql(
CREATE TABLE forge_builds (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  cache_key TEXT,
  wasm_sha256 TEXT NOT NULL,
  plugin_key TEXT NOT NULL,
  descriptor TEXT NOT NULL,
  manifest TEXT,
  vaist_files_sha256 TEXT,
  vaist_glue INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX forge_builds_owner ON forge_builds(owner_id, created_at);
ALTER TABLE forge_versions ADD COLUMN manifest TEXT;
ALTER TABLE forge_versions ADD COLUMN vaist_files_sha256 TEXT;
ALTER TABLE forge_versions ADD COLUMN vaist_glue INTEGER NOT NULL DEFAULT 0;
CREATE INDEX forge_versions_parent ON forge_versions(parent_id);
ALTER TABLE forge_plugins ADD COLUMN last_number INTEGER NOT NULL DEFAULT 0;
UPDATE forge_plugins SET last_number =
  (SELECT COALESCE(MAX(number), 0) FROM forge_versions WHERE plugin_id = forge_plugins.id);
)sql",
};

}  // namespace

int schemaVersion() { return static_cast<int>(kMigrations.size()); }

void migrate(Connection& connection) {
  auto version = connection.prepare("PRAGMA user_version");
  version.step();
  const int64_t current = version.integer(0);
  version.reset();  // an active statement would lock the schema against DROP in a migration
  if (current > schemaVersion()) {
    throw SqliteError(SQLITE_ERROR, "the database has schema version " + std::to_string(current) +
                                        ", newer than this server's " +
                                        std::to_string(schemaVersion()) +
                                        "; run a newer vaist or use another --data folder");
  }
  for (int64_t next = current; next < schemaVersion(); ++next) {
    Transaction transaction(connection);
    connection.exec(kMigrations[static_cast<size_t>(next)]);
    connection.exec("PRAGMA user_version = " + std::to_string(next + 1));
    transaction.commit();
  }
}

}  // namespace wstudio::server::db
