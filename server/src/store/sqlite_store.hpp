// Store on an embedded SQLite database (WAL) in the data folder. Each server thread borrows a
// connection from a small pool, so reads run in parallel; writes serialise in SQLite.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "auth/token_cache.hpp"
#include "db/sqlite.hpp"
#include "store/store.hpp"

namespace wstudio::server {

class SqliteStore final : public Store {
 public:
  // Opens or creates `file` and runs the schema migrations.
  explicit SqliteStore(std::filesystem::path file);
  ~SqliteStore() override;

  bool createUser(const User& user, const std::string& passwordHash) override;
  std::optional<User> user(std::string_view id) override;
  std::optional<std::pair<User, std::string>> userByName(std::string_view username) override;
  bool updateProfile(const User& user) override;

  void addLogin(const std::vector<uint8_t>& tokenHash, const Login& login, int64_t now) override;
  std::optional<Login> login(const std::vector<uint8_t>& tokenHash, int64_t now) override;
  void removeLogin(const std::vector<uint8_t>& tokenHash) override;

  void addToken(const std::string& userId, const ApiToken& token,
                const std::vector<uint8_t>& tokenHash) override;
  std::optional<std::string> tokenOwner(const std::vector<uint8_t>& tokenHash) override;
  std::vector<ApiToken> tokens(const std::string& userId) override;
  bool removeToken(const std::string& userId, std::string_view tokenId) override;

  void createSession(const StudioSession& session,
                     const std::vector<std::string>& assetRefs) override;
  std::optional<StudioSession> session(std::string_view id) override;
  std::vector<SessionSummary> sessionsFor(const std::string& userId) override;
  std::vector<SessionSummary> publicSessions(int limit) override;
  std::optional<Role> roleOf(std::string_view sessionId, std::string_view userId) override;
  UpdateOutcome updateSession(std::string_view id, int64_t baseRevision,
                              const SessionUpdate& update) override;
  bool deleteSession(std::string_view id) override;
  void setShare(std::string_view sessionId, const Share& share) override;
  bool removeShare(std::string_view sessionId, std::string_view userId) override;
  std::vector<Share> shares(std::string_view sessionId) override;
  uint64_t sessionListsVersion() const override;

  void createPreset(const Preset& preset) override;
  std::optional<Preset> preset(std::string_view id) override;
  std::vector<Preset> presetsFor(std::string_view pluginId, std::string_view viewerId) override;
  bool deletePreset(std::string_view id) override;

  void addAsset(const AssetRecord& asset, const std::string& ownerId, bool isPublic,
                int64_t now) override;
  std::optional<AssetRecord> asset(std::string_view sha256) override;
  bool canReadAsset(std::string_view sha256, std::string_view userId) override;

  std::optional<std::string> pluginManifest(std::string_view sha256) override;
  void addPlugin(std::string_view sha256, std::string_view pluginId,
                 std::string_view descriptorJson, int64_t now,
                 std::string_view manifestJson = {},
                 std::string_view vaistFilesSha256 = {}) override;
  std::vector<std::string> pluginDescriptors() override;
  std::optional<std::string> pluginVaistFiles(std::string_view sha256) override;
  std::vector<UploadedPlugin> uploadedPlugins(std::string_view ownerId, int limit,
                                              const std::optional<UploadedPluginsCursor>& after) override;

  bool countForgeBuild(std::string_view userId, std::string_view month, int64_t limit) override;
  int64_t forgeBuildCount(std::string_view userId, std::string_view month) override;
  ForgeVersion createForgePlugin(const ForgePlugin& plugin, const ForgeVersion& first) override;
  ForgeVersion addForgeVersion(const ForgeVersion& version, int64_t now) override;
  std::optional<ForgePlugin> forgePlugin(std::string_view id) override;
  std::vector<ForgePlugin> forgePluginsOf(std::string_view ownerId) override;
  std::vector<ForgeVersion> forgeVersions(std::string_view pluginId) override;
  std::optional<ForgeVersion> forgeVersion(std::string_view versionId) override;
  bool setForgeCurrentVersion(std::string_view pluginId, std::string_view versionId, int64_t now) override;
  std::optional<ForgeVersion> currentForgeVersionByKey(std::string_view ownerId, std::string_view pluginKey) override;
  std::vector<std::pair<std::string, std::pair<std::string, int64_t>>> forgeVersionsByModule(
      std::string_view ownerId) override;
  bool deleteForgePlugin(std::string_view pluginId) override;
  ForgeVersionDeletion deleteForgeVersion(std::string_view pluginId, std::string_view versionId, int64_t now) override;
  void addForgeBuild(const ForgeBuildRecord& build, int64_t keepPerOwner) override;
  std::optional<ForgeBuildRecord> forgeBuild(std::string_view id) override;
  bool healthy() override;

 private:
  // A borrowed connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(SqliteStore& store, std::unique_ptr<db::Connection> connection)
        : store_(store), connection_(std::move(connection)) {}
    ~Lease() { store_.giveBack(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    db::Connection& operator*() { return *connection_; }
    db::Connection* operator->() { return connection_.get(); }

   private:
    SqliteStore& store_;
    std::unique_ptr<db::Connection> connection_;
  };

  Lease borrow();
  void giveBack(std::unique_ptr<db::Connection> connection);
  // The session's references become `assetRefs`; see Store::canReadAsset for attachments.
  static void writeAssetRefs(db::Connection& c, std::string_view sessionId,
                             const std::vector<std::string>& assetRefs, std::string_view writerId);

  std::filesystem::path file_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<db::Connection>> idle_;
  // Moved by a ListsChanged guard in every write to sessions or shares; see store.hpp.
  std::atomic<uint64_t> sessionListsVersion_{0};
  TokenCache tokenOwners_;  // bearer authentication without a query; see token_cache.hpp
};

}  // namespace wstudio::server
