#include "live/session_events.hpp"

#include <algorithm>

namespace wstudio::server {

void SessionEvents::track(const std::shared_ptr<SessionListener>& listener) {
  {
    std::lock_guard lock(mutex_);
    if (!closing_) {
      std::erase_if(all_, [](const auto& weak) { return weak.expired(); });
      all_.push_back(listener);
      return;
    }
  }
  listener->close();
}

void SessionEvents::subscribe(const std::string& sessionId,
                              const std::shared_ptr<SessionListener>& listener) {
  std::lock_guard lock(mutex_);
  auto& list = bySession_[sessionId];
  std::erase_if(list, [](const auto& weak) { return weak.expired(); });
  list.push_back(listener);
}

void SessionEvents::publish(const std::string& sessionId, const std::string& message) {
  std::vector<std::shared_ptr<SessionListener>> targets;
  {
    std::lock_guard lock(mutex_);
    const auto it = bySession_.find(sessionId);
    if (it == bySession_.end()) return;
    std::erase_if(it->second, [](const auto& weak) { return weak.expired(); });
    for (const auto& weak : it->second) {
      if (auto listener = weak.lock()) targets.push_back(std::move(listener));
    }
    if (it->second.empty()) bySession_.erase(it);
  }
  const auto shared = std::make_shared<const std::string>(message);
  for (const auto& listener : targets) listener->deliver(shared);  // outside the lock
}

void SessionEvents::closeAll() {
  std::vector<std::shared_ptr<SessionListener>> targets;
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    for (const auto& weak : all_) {
      if (auto listener = weak.lock()) targets.push_back(std::move(listener));
    }
    all_.clear();
    bySession_.clear();
  }
  for (const auto& listener : targets) listener->close();
}

size_t SessionEvents::listeners(const std::string& sessionId) {
  std::lock_guard lock(mutex_);
  const auto it = bySession_.find(sessionId);
  if (it == bySession_.end()) return 0;
  return static_cast<size_t>(std::count_if(it->second.begin(), it->second.end(),
                                           [](const auto& weak) { return !weak.expired(); }));
}

}  // namespace wstudio::server
