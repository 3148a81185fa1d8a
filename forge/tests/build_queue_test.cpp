// FC-8: a bounded number of builds run at once, the rest wait first in, first out, in a bounded
// queue where one user may hold only so many. Jobs here block on a gate the test opens, so what
// runs and what waits is certain.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "wstudio/forge/build_queue.hpp"

namespace wstudio::forge {
namespace {

TEST(ForgeBuildQueue, BoundedFifoWithAPerUserCap) {
  std::promise<void> gate;
  std::shared_future<void> open = gate.get_future().share();
  std::promise<void> firstStarted;
  std::vector<std::string> order;
  std::mutex orderMutex;
  std::atomic<int> running = 0;
  std::atomic<int> mostAtOnce = 0;
  const auto job = [&](std::string name, bool first) {
    return [&, name, first] {
      const int now = ++running;
      mostAtOnce = std::max(mostAtOnce.load(), now);
      if (first) firstStarted.set_value();
      open.wait();
      {
        std::lock_guard lock(orderMutex);
        order.push_back(name);
      }
      --running;
    };
  };
  {
    BuildQueue queue({.concurrent = 1, .maxQueued = 2, .perUser = 2});
    ASSERT_EQ(queue.push("a1", "alice", job("a1", true)), BuildQueue::Refusal::None);
    firstStarted.get_future().wait();  // a1 runs and holds the only slot
    EXPECT_EQ(queue.push("a2", "alice", job("a2", false)), BuildQueue::Refusal::None);
    // Alice has one running and one waiting: her cap.
    EXPECT_EQ(queue.push("a3", "alice", job("a3", false)), BuildQueue::Refusal::UserBusy);
    EXPECT_EQ(queue.push("b1", "bob", job("b1", false)), BuildQueue::Refusal::None);
    // Two waiting: the queue is full for everyone.
    EXPECT_EQ(queue.push("c1", "carol", job("c1", false)), BuildQueue::Refusal::Full);
    EXPECT_EQ(queue.position("a1"), 0u);
    EXPECT_EQ(queue.position("a2"), 1u);
    EXPECT_EQ(queue.position("b1"), 2u);
    gate.set_value();
    for (;;) {
      {
        std::lock_guard lock(orderMutex);
        if (order.size() == 3) break;
      }
      std::this_thread::yield();
    }
    // Alice may queue again once hers are done.
    std::promise<void> done;
    EXPECT_EQ(queue.push("a4", "alice", [&] { done.set_value(); }), BuildQueue::Refusal::None);
    done.get_future().wait();
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "a2", "b1"}));
  EXPECT_EQ(mostAtOnce.load(), 1);
}

}  // namespace
}  // namespace wstudio::forge
