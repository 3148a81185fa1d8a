#include "auth/login_throttle.hpp"

#include <algorithm>
#include <cctype>

namespace wstudio::server {

namespace {

constexpr int kFreeFailuresPerUser = 5;      // then 1 s, 2 s, 4 s ... per further failure
constexpr int kFreeFailuresPerAddress = 20;  // one address trying many usernames
constexpr int64_t kMaxBlockMs = 15 * 60 * 1000;
constexpr int64_t kForgetAfterMs = 60 * 60 * 1000;
constexpr size_t kMaxTracked = 100000;  // bounded memory under a flood of usernames

std::string userKey(std::string_view username) {
  std::string key(username);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

int64_t blockFor(int failures, int freeFailures) {
  if (failures <= freeFailures) return 0;
  const int doublings = std::min(failures - freeFailures - 1, 20);
  return std::min<int64_t>(int64_t{1000} << doublings, kMaxBlockMs);
}

}  // namespace

int64_t LoginThrottle::wait(const std::unordered_map<std::string, Record>& map,
                            const std::string& key, int64_t nowMs) const {
  const auto it = map.find(key);
  if (it == map.end() || it->second.blockedUntilMs <= nowMs) return 0;
  return (it->second.blockedUntilMs - nowMs + 999) / 1000;
}

int64_t LoginThrottle::waitSeconds(std::string_view username, std::string_view address,
                                   int64_t nowMs) {
  std::lock_guard lock(mutex_);
  return std::max(wait(byUser_, userKey(username), nowMs),
                  wait(byAddress_, std::string(address), nowMs));
}

void LoginThrottle::recordFailure(std::string_view username, std::string_view address,
                                  int64_t nowMs) {
  std::lock_guard lock(mutex_);
  forgetOld(nowMs);
  Record& user = byUser_[userKey(username)];
  user.failures += 1;
  user.lastFailureMs = nowMs;
  user.blockedUntilMs = nowMs + blockFor(user.failures, kFreeFailuresPerUser);
  Record& from = byAddress_[std::string(address)];
  from.failures += 1;
  from.lastFailureMs = nowMs;
  from.blockedUntilMs = nowMs + blockFor(from.failures, kFreeFailuresPerAddress);
}

void LoginThrottle::recordSuccess(std::string_view username) {
  std::lock_guard lock(mutex_);
  byUser_.erase(userKey(username));
}

void LoginThrottle::forgetOld(int64_t nowMs) {
  for (auto* map : {&byUser_, &byAddress_}) {
    if (map->size() < kMaxTracked) continue;
    std::erase_if(*map, [&](const auto& entry) {
      return nowMs - entry.second.lastFailureMs > kForgetAfterMs;
    });
    if (map->size() >= kMaxTracked) map->clear();  // a flood: forget rather than grow
  }
}

}  // namespace wstudio::server
