// Login throttling: after a few failed logins for one username or from one address, further
// attempts are refused (429 with Retry-After) for a delay that doubles with each further
// failure, up to 15 minutes. A success clears the username's record.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wstudio::server {

class LoginThrottle {
 public:
  // Seconds the caller must wait before trying again (0: go ahead).
  int64_t waitSeconds(std::string_view username, std::string_view address, int64_t nowMs);
  void recordFailure(std::string_view username, std::string_view address, int64_t nowMs);
  void recordSuccess(std::string_view username);

 private:
  struct Record {
    int failures = 0;
    int64_t blockedUntilMs = 0;
    int64_t lastFailureMs = 0;
  };
  int64_t wait(const std::unordered_map<std::string, Record>& map, const std::string& key,
               int64_t nowMs) const;
  void forgetOld(int64_t nowMs);

  std::mutex mutex_;
  std::unordered_map<std::string, Record> byUser_;
  std::unordered_map<std::string, Record> byAddress_;
};

}  // namespace wstudio::server
