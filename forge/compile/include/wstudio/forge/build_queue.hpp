// The Forge's compile queue (FC-8): a fixed number of builds run at once (each on a thread of
// its own, each a jail), the rest wait first in, first out. The queue is bounded, and so is what
// one user may have queued or running, so nobody can fill it for everyone else.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace wstudio::forge {

struct QueueLimits {
  int concurrent = 1;        // builds at once (each a compile jail, then a validation)
  size_t maxQueued = 32;     // waiting builds, all users together
  size_t perUser = 2;        // one user's builds queued or running
};

class BuildQueue {
 public:
  explicit BuildQueue(QueueLimits limits);
  // Waits for the running builds; queued ones are dropped.
  ~BuildQueue();
  BuildQueue(const BuildQueue&) = delete;
  BuildQueue& operator=(const BuildQueue&) = delete;

  enum class Refusal { None, Full, UserBusy };
  // Whether push() would take a build of `user` now.
  Refusal admits(const std::string& user) const;
  // Queues `job` (run on a queue thread) unless refused.
  Refusal push(std::string id, std::string user, std::function<void()> job);
  // 1 for the next build to start; 0 when `id` is not waiting (running or done).
  size_t position(const std::string& id) const;
  const QueueLimits& limits() const { return limits_; }

 private:
  struct Entry {
    std::string id;
    std::string user;
    std::function<void()> job;
  };
  Refusal admitsLocked(const std::string& user) const;
  void work();

  const QueueLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> waiting_;
  std::unordered_map<std::string, size_t> activeByUser_;  // queued + running
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace wstudio::forge
