// Who listens to which session: the WebSocket connections of /sessions/{id}/events subscribe
// here, saving a session publishes to them, and every change of who may see a session (a share
// removed or changed, the session made private or deleted, a token revoked, a logout) re-checks
// the sockets it can concern. Access to a live channel ends when the access does: a subscriber
// whose check fails is unsubscribed before the change's request returns, so nothing published
// after it reaches that socket, and the socket is closed with a reason.
// Thread-safe; listeners are held weakly, so a closed connection simply disappears.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace wstudio::server {

// A WebSocket close frame: RFC 6455 code and a reason for the client.
struct SocketClose {
  uint16_t code = 1000;
  std::string reason;
};

class SessionListener {
 public:
  virtual ~SessionListener() = default;
  // Called on the publishing thread; must only queue the message (never block).
  virtual void deliver(std::shared_ptr<const std::string> message) = 0;
  // Sends what is already queued, then closes with `why` (never blocks).
  virtual void close(SocketClose why) = 0;
};

// Whether a subscriber may still listen: none when it may, else how its socket is closed. Runs on
// the thread of the request that changed access (it may query the store).
using AccessCheck = std::function<std::optional<SocketClose>()>;

class SessionEvents {
 public:
  // Every listener is tracked from its start (before it subscribes), so that shutdown reaches
  // sockets still in their handshake; a listener tracked after closeAll() is closed at once.
  void track(const std::shared_ptr<SessionListener>& listener);

  // Counts access changes. The upgrade reads it before checking access; subscribe() checks
  // again when a change happened in between, so no change can slip past a new subscriber.
  uint64_t accessGeneration() const;
  void subscribe(const std::string& sessionId, const std::string& userId,
                 const std::shared_ptr<SessionListener>& listener, AccessCheck check,
                 uint64_t checkedAtGeneration);

  void publish(const std::string& sessionId, const std::string& message);

  // Re-checks the subscribers of one session (shares, visibility, deletion) or of one user
  // (tokens, logins, the account); those that fail are unsubscribed and closed before this
  // returns.
  void accessChangedForSession(const std::string& sessionId);
  void accessChangedForUser(const std::string& userId);

  size_t listeners(const std::string& sessionId);
  // Server shutdown.
  void closeAll();

 private:
  struct Subscriber {
    std::weak_ptr<SessionListener> listener;
    std::string userId;  // empty: anonymous
    std::shared_ptr<AccessCheck> check;
  };
  void recheck(const std::function<bool(const std::string& sessionId, const Subscriber&)>& concerned);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Subscriber>> bySession_;
  std::vector<std::weak_ptr<SessionListener>> all_;
  uint64_t generation_ = 0;
  bool closing_ = false;
};

}  // namespace wstudio::server
