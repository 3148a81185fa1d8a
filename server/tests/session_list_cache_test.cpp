// SessionListCache: rendered session lists by user. A list is served only at the version it
// was read at; a read that raced with a write (older version) never replaces a newer one.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api/session_list_cache.hpp"

namespace wstudio::server::test {
namespace {

std::shared_ptr<const std::string> body(const char* text) {
  return std::make_shared<const std::string>(text);
}

TEST(SessionListCache, ServesAListOnlyAtTheVersionItWasReadAt) {
  SessionListCache cache;
  EXPECT_FALSE(cache.find("ann", 0));
  cache.remember("ann", 3, body("ann at 3"));
  cache.remember("bob", 3, body("bob at 3"));
  EXPECT_EQ(*cache.find("ann", 3), "ann at 3");
  EXPECT_EQ(*cache.find("bob", 3), "bob at 3");
  EXPECT_FALSE(cache.find("ann", 4));  // a write happened since
  cache.remember("ann", 4, body("ann at 4"));
  EXPECT_EQ(*cache.find("ann", 4), "ann at 4");
}

TEST(SessionListCache, AReadThatRacedWithAWriteIsNeverServed) {
  SessionListCache cache;
  // Read started at version 5; a write moved the store to 6 before the list was remembered.
  cache.remember("ann", 5, body("maybe stale"));
  EXPECT_FALSE(cache.find("ann", 6));
  // A later read remembered at 6, then the slow one at 5 arrives: the newer list stays.
  cache.remember("ann", 6, body("fresh"));
  cache.remember("ann", 5, body("maybe stale"));
  EXPECT_EQ(*cache.find("ann", 6), "fresh");
}

TEST(SessionListCache, StaysWithinItsCapacity) {
  SessionListCache cache(2);
  cache.remember("a", 1, body("a"));
  cache.remember("b", 1, body("b"));
  cache.remember("c", 1, body("c"));
  EXPECT_LE(cache.size(), 2u);
  EXPECT_EQ(*cache.find("c", 1), "c");
}

}  // namespace
}  // namespace wstudio::server::test
