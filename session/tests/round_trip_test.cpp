#include <gtest/gtest.h>

#include "test_support.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/validate.hpp"

namespace wstudio::session {
namespace {

TEST(RoundTrip, SampleSessionIsValid) {
  EXPECT_EQ(test::toStrings(validate(test::sampleSession())), std::vector<std::string>{});
}

TEST(RoundTrip, LoadOfSaveGivesTheSameSession) {
  const Session original = test::sampleSession();
  const LoadResult loaded = load(save(original));
  ASSERT_TRUE(loaded.ok()) << test::toStrings(loaded.errors)[0];
  EXPECT_EQ(*loaded.session, original);
}

TEST(RoundTrip, DefaultSessionRoundTrips) {
  const LoadResult loaded = load(save(Session{}));
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(*loaded.session, Session{});
}

TEST(RoundTrip, SavingIsDeterministic) {
  const std::string first = save(test::sampleSession());
  EXPECT_EQ(save(test::sampleSession()), first);
  EXPECT_EQ(save(*load(first).session), first);
  EXPECT_EQ(first.back(), '\n');
}

TEST(RoundTrip, MinimalDocumentGetsDefaults) {
  const LoadResult loaded = load(R"({"format": "wasm-studio-session", "version": 1})");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(*loaded.session, Session{});
}

TEST(RoundTrip, WholeNumbersAreWrittenWithoutFraction) {
  const std::string text = save(Session{});
  EXPECT_NE(text.find("\"tempo\": 120,"), std::string::npos) << text;
}

TEST(RoundTrip, StateBytesSurviveAsBase64) {
  Session s = test::sampleSession();
  for (std::size_t size : {0u, 1u, 2u, 3u, 4u, 5u}) {
    s.tracks[0].inserts[0].state.assign(size, 0xFE);
    const LoadResult loaded = load(save(s));
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded.session->tracks[0].inserts[0].state, s.tracks[0].inserts[0].state);
  }
}

}  // namespace
}  // namespace wstudio::session
