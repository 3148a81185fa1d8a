#include "auth/token_cache.hpp"

namespace wstudio::server {

namespace {

std::string keyOf(std::span<const uint8_t> tokenHash) {
  return std::string(reinterpret_cast<const char*>(tokenHash.data()), tokenHash.size());
}

}  // namespace

std::optional<std::string> TokenCache::find(std::span<const uint8_t> tokenHash) const {
  const std::string key = keyOf(tokenHash);
  std::lock_guard lock(mutex_);
  const auto it = owners_.find(key);
  if (it == owners_.end()) return std::nullopt;
  return it->second;
}

uint64_t TokenCache::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void TokenCache::remember(std::span<const uint8_t> tokenHash, const std::string& userId,
                          uint64_t generationBeforeLookup) {
  std::string key = keyOf(tokenHash);
  std::lock_guard lock(mutex_);
  if (generation_ != generationBeforeLookup) return;
  // Bounded: when full, start over (tokens in use come back on their next request).
  if (owners_.size() >= capacity_) owners_.clear();
  owners_.insert_or_assign(std::move(key), userId);
}

void TokenCache::forgetUser(std::string_view userId) {
  std::lock_guard lock(mutex_);
  ++generation_;
  std::erase_if(owners_, [&](const auto& entry) { return entry.second == userId; });
}

size_t TokenCache::size() const {
  std::lock_guard lock(mutex_);
  return owners_.size();
}

}  // namespace wstudio::server
