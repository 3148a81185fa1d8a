// Each user's rendered session list (the JSON body of GET /api/v1/sessions), kept so that the
// most requested listing is neither queried nor rendered again while nothing changed. An entry
// is valid only for the version of the session lists it was read at (Store::sessionListsVersion,
// which moves after every committed write that can change anyone's list); a list read while a
// write happened carries the older version and is never served. Valid because one server
// process owns its database (as the token cache).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace wstudio::server {

class SessionListCache {
 public:
  explicit SessionListCache(size_t capacity = 4096) : capacity_(capacity) {}

  // The user's list rendered at `currentVersion`, if remembered.
  std::shared_ptr<const std::string> find(const std::string& userId,
                                          uint64_t currentVersion) const;

  // `versionBeforeRead` is the store's version taken before the list was read.
  void remember(const std::string& userId, uint64_t versionBeforeRead,
                std::shared_ptr<const std::string> body);

  size_t size() const;

 private:
  struct Entry {
    uint64_t version = 0;
    std::shared_ptr<const std::string> body;
  };

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> lists_;  // user id -> list
};

}  // namespace wstudio::server
