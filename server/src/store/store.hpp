// The server's storage interface: every handler talks to Store, never to SQL. SqliteStore is
// the embedded default; a PostgreSQL implementation would implement the same class.
// Times are Unix milliseconds; ids are 32 lowercase hex digits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wstudio::server {

enum class Role { Viewer = 1, Editor = 2, Owner = 3 };
const char* roleName(Role role);
std::optional<Role> parseRole(std::string_view name);

struct User {
  std::string id;
  std::string username;
  std::string displayName;
  std::string bio;
  std::optional<std::string> avatarSha256;
  int64_t createdAt = 0;
};

struct Login {
  std::string userId;
  std::string csrfToken;
  int64_t expiresAt = 0;
};

struct ApiToken {
  std::string id;
  std::string name;
  int64_t createdAt = 0;
};

struct StudioSession {
  std::string id;
  std::string ownerId;
  std::string name;
  bool isPublic = false;
  int64_t revision = 0;
  std::string document;  // the session JSON (session/ format), validated before it gets here
  int64_t createdAt = 0;
  int64_t updatedAt = 0;
};

struct SessionSummary {
  std::string id;
  std::string ownerId;
  std::string name;
  bool isPublic = false;
  int64_t revision = 0;
  int64_t updatedAt = 0;
  Role role = Role::Viewer;  // the listing user's role
};

struct Share {
  std::string userId;
  Role role = Role::Viewer;
};

struct SessionUpdate {
  std::string name;
  bool isPublic = false;
  std::string document;
  std::vector<std::string> assetRefs;  // sha256 of every source the document references
  int64_t now = 0;
  std::string writerId;  // who saves it: the references it adds are attached in their name
};

struct UpdateOutcome {
  enum class Kind { Updated, Conflict, Missing } kind = Kind::Missing;
  int64_t revision = 0;  // the new revision, or the current one on Conflict
};

struct Preset {
  std::string id;
  std::string ownerId;
  std::string pluginId;
  std::string name;
  std::string paramsJson;  // {"<param id>": value, ...}
  std::vector<uint8_t> state;
  bool isPublic = false;
  int64_t createdAt = 0;
};

struct AssetRecord {
  std::string sha256;
  std::string kind;  // wav, flac, mp3, ogg, wasm, png, jpeg
  int64_t size = 0;
};

// A plugin as its uploader's list shows it (GET /plugins/uploads).
struct UploadedPlugin {
  std::string sha256;  // of the .wasm
  std::string pluginId;
  std::string descriptorJson;
  bool vaist = false;  // a vAIst Forge plugin (it has a manifest), else WSP
  int64_t size = 0;
  bool isPublic = false;
  int64_t uploadedAt = 0;  // the uploader's first upload of these bytes
};

// Where a page of a user's uploaded plugins ends: the next page starts after it.
struct UploadedPluginsCursor {
  int64_t uploadedAt = 0;
  std::string sha256;
};

// A plugin kept from the Forge (issue 16, "Keep"), and its versions.
struct ForgePlugin {
  std::string id;
  std::string ownerId;
  std::string name;
  std::string currentVersionId;
  int64_t createdAt = 0;
  int64_t updatedAt = 0;
};

struct ForgeVersion {
  std::string id;
  std::string pluginId;  // the ForgePlugin
  int64_t number = 0;    // 1, 2, ... per plugin, given by the store
  std::optional<std::string> parentId;  // the version it was refined or forked from
  std::optional<std::string> planJson;  // none for a plugin written by hand
  std::string source;
  std::string language;
  std::string wasmSha256;
  std::string pluginKey;       // the descriptor's plugin id ("forge.tape")
  std::string descriptorJson;  // from the build's validation
  std::string message;         // the chat message or instruction that made it
  int64_t createdAt = 0;
  // A vAIst Forge module imported as built (language "vaist", no plan, no source): the manifest a
  // browser drives it by, and the blob of its descriptor.json and glue (GET /assets/{sha}/vaist).
  std::optional<std::string> manifestJson;
  std::optional<std::string> vaistFilesSha256;
  bool vaistGlue = false;  // it came with emscripten glue (else clean export names)
};

// A succeeded Forge build as the server keeps it, so that it can become a version whenever its
// owner asks, after the compile service has forgotten it (it keeps the latest few) or restarted.
struct ForgeBuildRecord {
  std::string id;
  std::string ownerId;
  std::string language;  // cpp, faust, or vaist (imported as built)
  std::optional<std::string> cacheKey;  // BuildService::cacheKey of the source; none for vaist
  std::string wasmSha256;
  std::string pluginKey;
  std::string descriptorJson;
  std::optional<std::string> manifestJson;      // vaist only
  std::optional<std::string> vaistFilesSha256;  // vaist only
  bool vaistGlue = false;                       // vaist only: it has emscripten glue
  int64_t createdAt = 0;
};

enum class ForgeVersionDeletion { Deleted, Missing, OnlyVersion };

class Store {
 public:
  virtual ~Store() = default;

  // Users. createUser returns false when the username is taken (case-insensitively).
  virtual bool createUser(const User& user, const std::string& passwordHash) = 0;
  virtual std::optional<User> user(std::string_view id) = 0;
  // The user and their password hash.
  virtual std::optional<std::pair<User, std::string>> userByName(std::string_view username) = 0;
  virtual bool updateProfile(const User& user) = 0;

  // Cookie logins, keyed by the sha256 of the secret cookie value.
  virtual void addLogin(const std::vector<uint8_t>& tokenHash, const Login& login,
                        int64_t now) = 0;
  virtual std::optional<Login> login(const std::vector<uint8_t>& tokenHash, int64_t now) = 0;
  virtual void removeLogin(const std::vector<uint8_t>& tokenHash) = 0;

  // Personal API tokens (Authorization: Bearer), keyed by the sha256 of the secret.
  virtual void addToken(const std::string& userId, const ApiToken& token,
                        const std::vector<uint8_t>& tokenHash) = 0;
  virtual std::optional<std::string> tokenOwner(const std::vector<uint8_t>& tokenHash) = 0;
  virtual std::vector<ApiToken> tokens(const std::string& userId) = 0;
  virtual bool removeToken(const std::string& userId, std::string_view tokenId) = 0;

  // Studio sessions. The owner is the writer of a created session's references.
  virtual void createSession(const StudioSession& session,
                             const std::vector<std::string>& assetRefs) = 0;
  virtual std::optional<StudioSession> session(std::string_view id) = 0;
  // Sessions the user owns or that are shared with them, newest first.
  virtual std::vector<SessionSummary> sessionsFor(const std::string& userId) = 0;
  // Public sessions of anyone, newest first.
  virtual std::vector<SessionSummary> publicSessions(int limit) = 0;
  // The user's role on the session (Owner for its owner), none if neither owner nor shared.
  virtual std::optional<Role> roleOf(std::string_view sessionId, std::string_view userId) = 0;
  // Applies the update only when the stored revision equals `baseRevision`.
  virtual UpdateOutcome updateSession(std::string_view id, int64_t baseRevision,
                                      const SessionUpdate& update) = 0;
  virtual bool deleteSession(std::string_view id) = 0;
  virtual void setShare(std::string_view sessionId, const Share& share) = 0;
  virtual bool removeShare(std::string_view sessionId, std::string_view userId) = 0;
  virtual std::vector<Share> shares(std::string_view sessionId) = 0;
  // Moves after every committed write that can change anyone's sessionsFor() (a session
  // created, updated or deleted, a share set, changed or removed), before that write returns:
  // a list read after taking version v is current while this still returns v. Lets the API
  // keep rendered lists; meaningful while one process owns the database.
  virtual uint64_t sessionListsVersion() const = 0;

  // Presets.
  virtual void createPreset(const Preset& preset) = 0;
  virtual std::optional<Preset> preset(std::string_view id) = 0;
  // Presets of a plugin that `viewerId` may see: their own and public ones (public only when
  // viewerId is empty).
  virtual std::vector<Preset> presetsFor(std::string_view pluginId, std::string_view viewerId) = 0;
  virtual bool deletePreset(std::string_view id) = 0;

  // Assets: the index of blobs and who uploaded them. The bytes live in a BlobStore.
  virtual void addAsset(const AssetRecord& asset, const std::string& ownerId, bool isPublic,
                        int64_t now) = 0;
  virtual std::optional<AssetRecord> asset(std::string_view sha256) = 0;
  // True when userId uploaded it, anyone made it public, or it is attached to a session the user
  // may see (owner, shared, or public). An asset is attached to a session only by its
  // uploader's own save that adds the reference (createSession/updateSession with the uploader
  // as the writer); a reference added by anyone else attaches nothing, whatever roles are
  // granted later. userId may be empty (anonymous).
  virtual bool canReadAsset(std::string_view sha256, std::string_view userId) = 0;

  // Plugins uploaded as assets that passed validation: their descriptor JSON, and for vAIst
  // Forge plugins the manifest a browser drives them by (empty for WSP plugins). The first
  // upload of a module's bytes is kept.
  // `vaistFilesSha256`: the blob of a vAIst Forge plugin's descriptor.json and glue; kept when
  // the plugin is new or had none (uploaded before the server kept them).
  virtual void addPlugin(std::string_view sha256, std::string_view pluginId,
                         std::string_view descriptorJson, int64_t now,
                         std::string_view manifestJson = {},
                         std::string_view vaistFilesSha256 = {}) = 0;
  virtual std::vector<std::string> pluginDescriptors() = 0;  // oldest first
  // The stored manifest of the plugin uploaded as `sha256`: none when there is no such plugin
  // or it is not a vAIst Forge plugin.
  virtual std::optional<std::string> pluginManifest(std::string_view sha256) = 0;
  // The blob holding the descriptor.json and glue a vAIst Forge plugin was uploaded with: none
  // for other plugins and for one uploaded before the server kept them.
  virtual std::optional<std::string> pluginVaistFiles(std::string_view sha256) = 0;
  // The plugins `ownerId` uploaded (their own asset rows, nobody else's), newest first: at most
  // `limit`, those after `after` when given.
  virtual std::vector<UploadedPlugin> uploadedPlugins(std::string_view ownerId, int limit,
                                                      const std::optional<UploadedPluginsCursor>& after) = 0;

  // The Forge's builds per user and calendar month ("2026-12", UTC), counted when a build is
  // started (a cached answer is not). Adds one unless the count has reached `limit` and says
  // whether it did, in one statement (concurrent builds cannot overshoot the limit).
  virtual bool countForgeBuild(std::string_view userId, std::string_view month, int64_t limit) = 0;
  virtual int64_t forgeBuildCount(std::string_view userId, std::string_view month) = 0;

  // The Forge's kept plugins. createForgePlugin stores the plugin with its first version (v1,
  // current); addForgeVersion numbers the version after the plugin's last, makes it current and
  // returns it as stored. setForgeCurrentVersion: false when the version is not the plugin's.
  virtual ForgeVersion createForgePlugin(const ForgePlugin& plugin, const ForgeVersion& first) = 0;
  virtual ForgeVersion addForgeVersion(const ForgeVersion& version, int64_t now) = 0;
  virtual std::optional<ForgePlugin> forgePlugin(std::string_view id) = 0;
  virtual std::vector<ForgePlugin> forgePluginsOf(std::string_view ownerId) = 0;  // newest first
  virtual std::vector<ForgeVersion> forgeVersions(std::string_view pluginId) = 0;  // v1 first
  virtual std::optional<ForgeVersion> forgeVersion(std::string_view versionId) = 0;
  virtual bool setForgeCurrentVersion(std::string_view pluginId, std::string_view versionId, int64_t now) = 0;
  // The current version of the owner's kept plugin whose descriptor has this plugin id, the most
  // recently changed first (for its factory presets).
  virtual std::optional<ForgeVersion> currentForgeVersionByKey(std::string_view ownerId, std::string_view pluginKey) = 0;
  // The kept versions whose module is one of the owner's: sha256 -> (plugin name, version number).
  virtual std::vector<std::pair<std::string, std::pair<std::string, int64_t>>> forgeVersionsByModule(
      std::string_view ownerId) = 0;
  // Deleting. A kept plugin goes with all its versions; a version goes alone: the versions that
  // named it as their parent name its parent instead (lineage skips it), and when it was the
  // current version its parent in the plugin (else the newest left) becomes current. A plugin's
  // only version is not deleted (OnlyVersion: delete the plugin). Modules are never deleted here:
  // they stay the owner's assets, which sessions and other records may use. Versions of other
  // plugins forked from a deleted plugin's versions name the nearest ancestor left, or none.
  virtual bool deleteForgePlugin(std::string_view pluginId) = 0;
  virtual ForgeVersionDeletion deleteForgeVersion(std::string_view pluginId, std::string_view versionId,
                                                  int64_t now) = 0;

  // Succeeded Forge builds: recorded when they succeed (the owner's oldest beyond their latest
  // `keepPerOwner` forgotten: a cached rebuild is free, so they come as fast as they are asked),
  // found by id for keeping.
  virtual void addForgeBuild(const ForgeBuildRecord& build, int64_t keepPerOwner) = 0;
  virtual std::optional<ForgeBuildRecord> forgeBuild(std::string_view id) = 0;

  // Liveness: a trivial query succeeds.
  virtual bool healthy() = 0;
};

}  // namespace wstudio::server
