// Which user an API token (by the sha256 of its secret) belongs to, remembered in memory so that
// a bearer request does not query the database to authenticate. The store owns the cache and
// forgets a user's tokens in the same call that revokes one in the database, so a revoked token
// is refused from the next request on. Valid because one server process owns its database.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wstudio::server {

class TokenCache {
 public:
  explicit TokenCache(size_t capacity = 4096) : capacity_(capacity) {}

  // The owner of the token with this hash, if remembered.
  std::optional<std::string> find(std::span<const uint8_t> tokenHash) const;

  // Take this before reading the database and hand it to remember(): a lookup that raced with
  // a revocation (read the row, then the row was deleted and forgotten) is not remembered.
  uint64_t generation() const;
  void remember(std::span<const uint8_t> tokenHash, const std::string& userId,
                uint64_t generationBeforeLookup);

  // Forgets every token of the user (a revocation names the token by id, not by hash).
  void forgetUser(std::string_view userId);

  size_t size() const;

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, std::string> owners_;  // hash bytes -> user id
};

}  // namespace wstudio::server
