// SqliteStore: studio sessions, their shares and the assets their documents reference.
#include "store/sqlite_store.hpp"

#include <algorithm>

namespace wstudio::server {

namespace {

SessionSummary readSummary(const db::Statement& q) {
  return SessionSummary{q.text(0),        q.text(1),      q.text(2),
                        q.integer(3) != 0, q.integer(4),  q.integer(5),
                        parseRole(q.text(6)).value_or(Role::Viewer)};
}

// Moves the session lists' version when it goes out of scope. Declared before the connection
// lease, so it runs after the transaction committed (or rolled back): a reader that sees the new
// version reads the new rows. A write that changed nothing moves it too, which only costs a
// cached list.
class ListsChanged {
 public:
  explicit ListsChanged(std::atomic<uint64_t>& version) : version_(version) {}
  ~ListsChanged() { version_.fetch_add(1); }
  ListsChanged(const ListsChanged&) = delete;
  ListsChanged& operator=(const ListsChanged&) = delete;

 private:
  std::atomic<uint64_t>& version_;
};

}  // namespace

void SqliteStore::writeAssetRefs(db::Connection& c, std::string_view sessionId,
                                 const std::vector<std::string>& assetRefs,
                                 std::string_view writerId) {
  std::vector<std::string> existing;
  {
    auto& q = c.cached("SELECT sha256 FROM session_assets WHERE session_id = ?1");
    q.bind(1, sessionId);
    while (q.step()) existing.push_back(q.text(0));
  }
  const auto contains = [](const std::vector<std::string>& list, const std::string& sha) {
    return std::find(list.begin(), list.end(), sha) != list.end();
  };
  for (const std::string& sha : existing) {
    if (contains(assetRefs, sha)) continue;
    c.cached("DELETE FROM session_assets WHERE session_id = ?1 AND sha256 = ?2")
        .bind(1, sessionId)
        .bind(2, sha)
        .run();
  }
  // A reference this save adds is attached when the writer uploaded the asset; one that was
  // already there keeps its attachment (or its lack of one): saving a session that someone
  // else's reference sits in is not the uploader attaching it.
  for (const std::string& sha : assetRefs) {
    if (contains(existing, sha)) continue;
    c.cached(
         "INSERT OR IGNORE INTO session_assets (session_id, sha256, attached_by) VALUES (?1, ?2, "
         "(SELECT owner_id FROM assets WHERE sha256 = ?2 AND owner_id = ?3))")
        .bind(1, sessionId)
        .bind(2, sha)
        .bind(3, writerId)
        .run();
  }
}

void SqliteStore::createSession(const StudioSession& s, const std::vector<std::string>& assetRefs) {
  const ListsChanged listsChanged(sessionListsVersion_);
  auto c = borrow();
  db::Transaction transaction(*c);
  auto& q = c->cached(
      "INSERT INTO studio_sessions (id, owner_id, name, public, revision, document, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  q.bind(1, s.id).bind(2, s.ownerId).bind(3, s.name).bind(4, int64_t{s.isPublic});
  q.bind(5, s.revision).bind(6, s.document).bind(7, s.createdAt).bind(8, s.updatedAt).run();
  writeAssetRefs(*c, s.id, assetRefs, s.ownerId);
  transaction.commit();
}

std::optional<StudioSession> SqliteStore::session(std::string_view id) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, owner_id, name, public, revision, document, created_at, updated_at "
      "FROM studio_sessions WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return StudioSession{q.text(0),    q.text(1),    q.text(2),    q.integer(3) != 0,
                       q.integer(4), q.text(5),    q.integer(6), q.integer(7)};
}

std::vector<SessionSummary> SqliteStore::sessionsFor(const std::string& userId) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, owner_id, name, public, revision, updated_at, 'owner' FROM studio_sessions "
      "WHERE owner_id = ?1 "
      "UNION ALL "
      "SELECT s.id, s.owner_id, s.name, s.public, s.revision, s.updated_at, sh.role "
      "FROM session_shares sh JOIN studio_sessions s ON s.id = sh.session_id "
      "WHERE sh.user_id = ?1 AND s.owner_id != ?1 "
      "ORDER BY 6 DESC, 1");
  q.bind(1, userId);
  std::vector<SessionSummary> out;
  while (q.step()) out.push_back(readSummary(q));
  return out;
}

std::vector<SessionSummary> SqliteStore::publicSessions(int limit) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, owner_id, name, public, revision, updated_at, 'viewer' FROM studio_sessions "
      "WHERE public = 1 ORDER BY updated_at DESC, id LIMIT ?1");
  q.bind(1, int64_t{limit});
  std::vector<SessionSummary> out;
  while (q.step()) out.push_back(readSummary(q));
  return out;
}

std::optional<Role> SqliteStore::roleOf(std::string_view sessionId, std::string_view userId) {
  if (userId.empty()) return std::nullopt;
  auto c = borrow();
  auto& q = c->cached(
      "SELECT 'owner' FROM studio_sessions WHERE id = ?1 AND owner_id = ?2 "
      "UNION ALL SELECT role FROM session_shares WHERE session_id = ?1 AND user_id = ?2");
  q.bind(1, sessionId).bind(2, userId);
  std::optional<Role> best;
  while (q.step()) {
    const auto role = parseRole(q.text(0));
    if (role && (!best || *role > *best)) best = role;
  }
  return best;
}

UpdateOutcome SqliteStore::updateSession(std::string_view id, int64_t baseRevision,
                                         const SessionUpdate& u) {
  const ListsChanged listsChanged(sessionListsVersion_);
  auto c = borrow();
  db::Transaction transaction(*c);  // IMMEDIATE: the revision check and the write are atomic
  auto& current = c->cached("SELECT revision FROM studio_sessions WHERE id = ?1");
  current.bind(1, id);
  if (!current.step()) return {UpdateOutcome::Kind::Missing, 0};
  const int64_t revision = current.integer(0);
  current.reset();
  if (revision != baseRevision) return {UpdateOutcome::Kind::Conflict, revision};
  auto& q = c->cached(
      "UPDATE studio_sessions SET name = ?2, public = ?3, document = ?4, revision = ?5, "
      "updated_at = ?6 WHERE id = ?1");
  q.bind(1, id).bind(2, u.name).bind(3, int64_t{u.isPublic}).bind(4, u.document);
  q.bind(5, revision + 1).bind(6, u.now).run();
  writeAssetRefs(*c, id, u.assetRefs, u.writerId);
  transaction.commit();
  return {UpdateOutcome::Kind::Updated, revision + 1};
}

bool SqliteStore::deleteSession(std::string_view id) {
  const ListsChanged listsChanged(sessionListsVersion_);
  auto c = borrow();
  c->cached("DELETE FROM studio_sessions WHERE id = ?1").bind(1, id).run();
  return c->changes() == 1;
}

void SqliteStore::setShare(std::string_view sessionId, const Share& share) {
  const ListsChanged listsChanged(sessionListsVersion_);
  auto c = borrow();
  c->cached(
       "INSERT INTO session_shares (session_id, user_id, role) VALUES (?1, ?2, ?3) "
       "ON CONFLICT (session_id, user_id) DO UPDATE SET role = excluded.role")
      .bind(1, sessionId)
      .bind(2, share.userId)
      .bind(3, roleName(share.role))
      .run();
}

bool SqliteStore::removeShare(std::string_view sessionId, std::string_view userId) {
  const ListsChanged listsChanged(sessionListsVersion_);
  auto c = borrow();
  c->cached("DELETE FROM session_shares WHERE session_id = ?1 AND user_id = ?2")
      .bind(1, sessionId)
      .bind(2, userId)
      .run();
  return c->changes() == 1;
}

uint64_t SqliteStore::sessionListsVersion() const { return sessionListsVersion_.load(); }

std::vector<Share> SqliteStore::shares(std::string_view sessionId) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT user_id, role FROM session_shares WHERE session_id = ?1 ORDER BY user_id");
  q.bind(1, sessionId);
  std::vector<Share> out;
  while (q.step()) out.push_back(Share{q.text(0), parseRole(q.text(1)).value_or(Role::Viewer)});
  return out;
}

}  // namespace wstudio::server
