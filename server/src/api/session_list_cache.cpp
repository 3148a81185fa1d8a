#include "api/session_list_cache.hpp"

namespace wstudio::server {

std::shared_ptr<const std::string> SessionListCache::find(const std::string& userId,
                                                          uint64_t currentVersion) const {
  std::lock_guard lock(mutex_);
  const auto it = lists_.find(userId);
  if (it == lists_.end() || it->second.version != currentVersion) return nullptr;
  return it->second.body;
}

void SessionListCache::remember(const std::string& userId, uint64_t versionBeforeRead,
                                std::shared_ptr<const std::string> body) {
  std::lock_guard lock(mutex_);
  const auto it = lists_.find(userId);
  // A slower reader must not replace a list read at a later version.
  if (it != lists_.end() && it->second.version > versionBeforeRead) return;
  // Bounded: when full, start over (lists in use come back on their next request).
  if (it == lists_.end() && lists_.size() >= capacity_) lists_.clear();
  lists_.insert_or_assign(userId, Entry{versionBeforeRead, std::move(body)});
}

size_t SessionListCache::size() const {
  std::lock_guard lock(mutex_);
  return lists_.size();
}

}  // namespace wstudio::server
