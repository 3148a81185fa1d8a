// TokenCache: the bearer token -> user memory in front of the database. What matters is that
// a forgotten (revoked) token never comes back, including from a lookup that raced with the
// revocation.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "auth/token_cache.hpp"

namespace wstudio::server::test {
namespace {

std::array<uint8_t, 32> hashOf(uint8_t seed) {
  std::array<uint8_t, 32> hash{};
  hash.fill(seed);
  return hash;
}

TEST(TokenCache, RemembersOwnersUntilTheirUserIsForgotten) {
  TokenCache cache;
  const auto a = hashOf(1), b = hashOf(2), c = hashOf(3);
  EXPECT_FALSE(cache.find(a));
  cache.remember(a, "ann", cache.generation());
  cache.remember(b, "ann", cache.generation());
  cache.remember(c, "bob", cache.generation());
  EXPECT_EQ(cache.find(a), "ann");
  EXPECT_EQ(cache.find(c), "bob");
  cache.forgetUser("ann");
  EXPECT_FALSE(cache.find(a));
  EXPECT_FALSE(cache.find(b));
  EXPECT_EQ(cache.find(c), "bob");  // another user's tokens stay
}

TEST(TokenCache, ALookupThatRacedWithARevocationIsNotRemembered) {
  TokenCache cache;
  const auto a = hashOf(1);
  // A request reads the token's row; meanwhile the token is revoked and its user forgotten;
  // then the request tries to remember what it read.
  const uint64_t before = cache.generation();
  cache.forgetUser("ann");
  cache.remember(a, "ann", before);
  EXPECT_FALSE(cache.find(a));
  cache.remember(a, "ann", cache.generation());  // a lookup after the revocation is current
  EXPECT_EQ(cache.find(a), "ann");
}

TEST(TokenCache, StaysWithinItsCapacity) {
  TokenCache cache(4);
  for (uint8_t i = 0; i < 10; ++i) {
    cache.remember(hashOf(i), "user" + std::to_string(i), cache.generation());
    EXPECT_LE(cache.size(), 4u);
    EXPECT_EQ(cache.find(hashOf(i)), "user" + std::to_string(i));  // the newest is always kept
  }
}

}  // namespace
}  // namespace wstudio::server::test
