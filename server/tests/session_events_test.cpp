// SessionEvents without a network: an access change unsubscribes and closes the listeners whose
// check fails before it returns, leaves the others, and reaches a listener that subscribes
// with a check made before the change (the upgrade raced with it).
#include <gtest/gtest.h>

#include <optional>

#include "live/session_events.hpp"

namespace wstudio::server::test {
namespace {

struct RecordingListener : SessionListener {
  std::vector<std::string> delivered;
  std::optional<SocketClose> closed;
  void deliver(std::shared_ptr<const std::string> message) override { delivered.push_back(*message); }
  void close(SocketClose why) override { closed = std::move(why); }
};

AccessCheck allowedWhile(const bool& allowed) {
  return [&allowed]() -> std::optional<SocketClose> {
    if (allowed) return std::nullopt;
    return SocketClose{1008, "access to this session ended"};
  };
}

TEST(SessionEvents, AnAccessChangeClosesOnlyThoseWhoLostAccess) {
  SessionEvents events;
  bool viewerAllowed = true, ownerAllowed = true;
  auto viewer = std::make_shared<RecordingListener>();
  auto owner = std::make_shared<RecordingListener>();
  events.subscribe("s1", "viewer", viewer, allowedWhile(viewerAllowed), events.accessGeneration());
  events.subscribe("s1", "owner", owner, allowedWhile(ownerAllowed), events.accessGeneration());
  viewerAllowed = false;
  events.accessChangedForSession("s1");
  ASSERT_TRUE(viewer->closed);
  EXPECT_EQ(viewer->closed->code, 1008);
  EXPECT_FALSE(owner->closed);
  events.publish("s1", "after");
  EXPECT_TRUE(viewer->delivered.empty());
  EXPECT_EQ(owner->delivered, std::vector<std::string>{"after"});
  EXPECT_EQ(events.listeners("s1"), 1u);
}

TEST(SessionEvents, AUserChangeReachesThatUsersSocketsOnAnySession) {
  SessionEvents events;
  bool allowed = true;
  auto a = std::make_shared<RecordingListener>();
  auto b = std::make_shared<RecordingListener>();
  auto other = std::make_shared<RecordingListener>();
  events.subscribe("s1", "u", a, allowedWhile(allowed), events.accessGeneration());
  events.subscribe("s2", "u", b, allowedWhile(allowed), events.accessGeneration());
  events.subscribe("s1", "v", other, allowedWhile(allowed), events.accessGeneration());
  allowed = false;  // every check would fail now, but only u's sockets are checked
  events.accessChangedForUser("u");
  EXPECT_TRUE(a->closed);
  EXPECT_TRUE(b->closed);
  EXPECT_FALSE(other->closed);
}

TEST(SessionEvents, ASubscriptionCheckedBeforeAChangeIsCheckedAgain) {
  SessionEvents events;
  bool allowed = true;
  const uint64_t checkedAt = events.accessGeneration();  // the upgrade checks access here...
  allowed = false;
  events.accessChangedForSession("s1");  // ...the share is removed meanwhile...
  auto late = std::make_shared<RecordingListener>();
  events.subscribe("s1", "viewer", late, allowedWhile(allowed), checkedAt);  // ...then it subscribes
  ASSERT_TRUE(late->closed);
  events.publish("s1", "after");
  EXPECT_TRUE(late->delivered.empty());
}

}  // namespace
}  // namespace wstudio::server::test
