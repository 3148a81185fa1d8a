// Who listens to which session: the WebSocket connections of /sessions/{id}/events subscribe
// here, and saving a session publishes to them. Thread-safe; listeners are held weakly, so a
// closed connection simply disappears.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace wstudio::server {

class SessionListener {
 public:
  virtual ~SessionListener() = default;
  // Called on the publishing thread; must only queue the message (never block).
  virtual void deliver(std::shared_ptr<const std::string> message) = 0;
  // Server shutdown: close politely (never blocks).
  virtual void close() = 0;
};

class SessionEvents {
 public:
  // Every listener is tracked from its start (before it subscribes), so that shutdown reaches
  // sockets still in their handshake; a listener tracked after closeAll() is closed at once.
  void track(const std::shared_ptr<SessionListener>& listener);
  void subscribe(const std::string& sessionId, const std::shared_ptr<SessionListener>& listener);
  void publish(const std::string& sessionId, const std::string& message);
  size_t listeners(const std::string& sessionId);
  void closeAll();

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<SessionListener>>> bySession_;
  std::vector<std::weak_ptr<SessionListener>> all_;
  bool closing_ = false;
};

}  // namespace wstudio::server
