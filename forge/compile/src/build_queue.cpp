#include "wstudio/forge/build_queue.hpp"

#include <algorithm>

namespace wstudio::forge {

BuildQueue::BuildQueue(QueueLimits limits) : limits_(limits) {
  for (int i = 0; i < std::max(1, limits_.concurrent); ++i) threads_.emplace_back([this] { work(); });
}

BuildQueue::~BuildQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    waiting_.clear();
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

BuildQueue::Refusal BuildQueue::admitsLocked(const std::string& user) const {
  const auto it = activeByUser_.find(user);
  if (it != activeByUser_.end() && it->second >= limits_.perUser) return Refusal::UserBusy;
  if (waiting_.size() >= limits_.maxQueued) return Refusal::Full;
  return Refusal::None;
}

BuildQueue::Refusal BuildQueue::admits(const std::string& user) const {
  std::lock_guard lock(mutex_);
  return admitsLocked(user);
}

BuildQueue::Refusal BuildQueue::push(std::string id, std::string user, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (const Refusal refusal = admitsLocked(user); refusal != Refusal::None) return refusal;
    ++activeByUser_[user];
    waiting_.push_back({std::move(id), std::move(user), std::move(job)});
  }
  wake_.notify_one();
  return Refusal::None;
}

size_t BuildQueue::position(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < waiting_.size(); ++i) {
    if (waiting_[i].id == id) return i + 1;
  }
  return 0;
}

void BuildQueue::work() {
  for (;;) {
    Entry entry;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      entry = std::move(waiting_.front());
      waiting_.pop_front();
    }
    entry.job();
    std::lock_guard lock(mutex_);
    if (--activeByUser_[entry.user] == 0) activeByUser_.erase(entry.user);
  }
}

}  // namespace wstudio::forge
