// SqliteStore: users, cookie logins, API tokens.
#include "store/sqlite_store.hpp"

namespace wstudio::server {

namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, bio, avatar_sha256, created_at";

User readUser(const db::Statement& q) {
  return User{q.text(0), q.text(1), q.text(2), q.text(3), q.optionalText(4), q.integer(5)};
}

}  // namespace

bool SqliteStore::createUser(const User& user, const std::string& passwordHash) {
  auto c = borrow();
  auto& q = c->cached(
      "INSERT INTO users (id, username, password_hash, display_name, bio, avatar_sha256, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  q.bind(1, user.id).bind(2, user.username).bind(3, passwordHash).bind(4, user.displayName);
  q.bind(5, user.bio).bindOptional(6, user.avatarSha256).bind(7, user.createdAt);
  try {
    q.run();
  } catch (const db::SqliteError& e) {
    if (e.isConstraint()) return false;
    throw;
  }
  return true;
}

std::optional<User> SqliteStore::user(std::string_view id) {
  auto c = borrow();
  static const std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?1";
  auto& q = c->cached(sql.c_str());
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return readUser(q);
}

std::optional<std::pair<User, std::string>> SqliteStore::userByName(std::string_view username) {
  auto c = borrow();
  static const std::string sql =
      std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE username = ?1";
  auto& q = c->cached(sql.c_str());
  q.bind(1, username);
  if (!q.step()) return std::nullopt;
  return std::pair{readUser(q), q.text(6)};
}

bool SqliteStore::updateProfile(const User& user) {
  auto c = borrow();
  auto& q = c->cached(
      "UPDATE users SET display_name = ?2, bio = ?3, avatar_sha256 = ?4 WHERE id = ?1");
  q.bind(1, user.id).bind(2, user.displayName).bind(3, user.bio);
  q.bindOptional(4, user.avatarSha256).run();
  return c->changes() == 1;
}

void SqliteStore::addLogin(const std::vector<uint8_t>& tokenHash, const Login& login,
                           int64_t now) {
  auto c = borrow();
  auto& q = c->cached(
      "INSERT INTO logins (token_hash, user_id, csrf_token, created_at, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bindBlob(1, tokenHash).bind(2, login.userId).bind(3, login.csrfToken).bind(4, now);
  q.bind(5, login.expiresAt).run();
}

std::optional<Login> SqliteStore::login(const std::vector<uint8_t>& tokenHash, int64_t now) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT user_id, csrf_token, expires_at FROM logins WHERE token_hash = ?1 AND "
      "expires_at > ?2");
  q.bindBlob(1, tokenHash).bind(2, now);
  if (!q.step()) return std::nullopt;
  return Login{q.text(0), q.text(1), q.integer(2)};
}

void SqliteStore::removeLogin(const std::vector<uint8_t>& tokenHash) {
  auto c = borrow();
  c->cached("DELETE FROM logins WHERE token_hash = ?1").bindBlob(1, tokenHash).run();
}

void SqliteStore::addToken(const std::string& userId, const ApiToken& token,
                           const std::vector<uint8_t>& tokenHash) {
  auto c = borrow();
  auto& q = c->cached(
      "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, token.id).bind(2, userId).bind(3, token.name).bindBlob(4, tokenHash);
  q.bind(5, token.createdAt).run();
}

std::optional<std::string> SqliteStore::tokenOwner(const std::vector<uint8_t>& tokenHash) {
  if (auto owner = tokenOwners_.find(tokenHash)) return owner;
  const uint64_t generation = tokenOwners_.generation();
  auto c = borrow();
  auto& q = c->cached("SELECT user_id FROM api_tokens WHERE token_hash = ?1");
  q.bindBlob(1, tokenHash);
  if (!q.step()) return std::nullopt;
  std::string owner = q.text(0);
  tokenOwners_.remember(tokenHash, owner, generation);
  return owner;
}

std::vector<ApiToken> SqliteStore::tokens(const std::string& userId) {
  auto c = borrow();
  auto& q = c->cached(
      "SELECT id, name, created_at FROM api_tokens WHERE user_id = ?1 ORDER BY created_at");
  q.bind(1, userId);
  std::vector<ApiToken> out;
  while (q.step()) out.push_back(ApiToken{q.text(0), q.text(1), q.integer(2)});
  return out;
}

bool SqliteStore::removeToken(const std::string& userId, std::string_view tokenId) {
  auto c = borrow();
  c->cached("DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2")
      .bind(1, tokenId)
      .bind(2, userId)
      .run();
  // After the delete: a lookup that read the row before it is refused by the generation check.
  tokenOwners_.forgetUser(userId);
  return c->changes() == 1;
}

}  // namespace wstudio::server
