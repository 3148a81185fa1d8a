#include "live/session_events.hpp"

#include <algorithm>

namespace wstudio::server {

namespace {

const SocketClose kShutdown{1001, "the server is restarting"};

}  // namespace

void SessionEvents::track(const std::shared_ptr<SessionListener>& listener) {
  {
    std::lock_guard lock(mutex_);
    if (!closing_) {
      std::erase_if(all_, [](const auto& weak) { return weak.expired(); });
      all_.push_back(listener);
      return;
    }
  }
  listener->close(kShutdown);
}

uint64_t SessionEvents::accessGeneration() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void SessionEvents::subscribe(const std::string& sessionId, const std::string& userId,
                              const std::shared_ptr<SessionListener>& listener, AccessCheck check,
                              uint64_t checkedAtGeneration) {
  auto shared = std::make_shared<AccessCheck>(std::move(check));
  bool changedSinceCheck = false;
  {
    std::lock_guard lock(mutex_);
    auto& list = bySession_[sessionId];
    std::erase_if(list, [](const auto& s) { return s.listener.expired(); });
    list.push_back(Subscriber{listener, userId, shared});
    changedSinceCheck = generation_ != checkedAtGeneration;
  }
  // Access changed while the upgrade was being authorised: check this one again, as the change
  // would have had it been subscribed already.
  if (changedSinceCheck) {
    recheck([&](const std::string&, const Subscriber& s) { return s.check == shared; });
  }
}

void SessionEvents::publish(const std::string& sessionId, const std::string& message) {
  std::vector<std::shared_ptr<SessionListener>> targets;
  {
    std::lock_guard lock(mutex_);
    const auto it = bySession_.find(sessionId);
    if (it == bySession_.end()) return;
    std::erase_if(it->second, [](const auto& s) { return s.listener.expired(); });
    for (const auto& s : it->second) {
      if (auto listener = s.listener.lock()) targets.push_back(std::move(listener));
    }
    if (it->second.empty()) bySession_.erase(it);
  }
  const auto shared = std::make_shared<const std::string>(message);
  for (const auto& listener : targets) listener->deliver(shared);  // outside the lock
}

void SessionEvents::accessChangedForSession(const std::string& sessionId) {
  recheck([&](const std::string& id, const Subscriber&) { return id == sessionId; });
}

void SessionEvents::accessChangedForUser(const std::string& userId) {
  recheck([&](const std::string&, const Subscriber& s) { return s.userId == userId; });
}

void SessionEvents::recheck(
    const std::function<bool(const std::string& sessionId, const Subscriber&)>& concerned) {
  std::vector<std::pair<std::string, Subscriber>> candidates;
  {
    std::lock_guard lock(mutex_);
    ++generation_;
    for (const auto& [id, list] : bySession_) {
      for (const auto& s : list) {
        if (!s.listener.expired() && concerned(id, s)) candidates.emplace_back(id, s);
      }
    }
  }
  // The checks query the store: outside the lock.
  std::vector<std::pair<std::shared_ptr<AccessCheck>, SocketClose>> ended;
  for (const auto& candidate : candidates) {
    const Subscriber& s = candidate.second;
    std::optional<SocketClose> why;
    try {
      why = (*s.check)();
    } catch (const std::exception&) {
      why = SocketClose{1011, "your access could not be checked; reconnect"};
    }
    if (why) ended.emplace_back(s.check, std::move(*why));
  }
  if (ended.empty()) return;
  std::vector<std::pair<std::shared_ptr<SessionListener>, SocketClose>> toClose;
  {
    std::lock_guard lock(mutex_);
    for (auto& entry : bySession_) {
      std::erase_if(entry.second, [&](const Subscriber& s) {
        const auto it = std::find_if(ended.begin(), ended.end(),
                                     [&](const auto& e) { return e.first == s.check; });
        if (it == ended.end()) return false;
        if (auto listener = s.listener.lock()) toClose.emplace_back(std::move(listener), it->second);
        return true;
      });
    }
    std::erase_if(bySession_, [](const auto& entry) { return entry.second.empty(); });
  }
  for (auto& [listener, why] : toClose) listener->close(std::move(why));
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
  for (const auto& listener : targets) listener->close(kShutdown);
}

size_t SessionEvents::listeners(const std::string& sessionId) {
  std::lock_guard lock(mutex_);
  const auto it = bySession_.find(sessionId);
  if (it == bySession_.end()) return 0;
  return static_cast<size_t>(std::count_if(it->second.begin(), it->second.end(),
                                           [](const auto& s) { return !s.listener.expired(); }));
}

}  // namespace wstudio::server
