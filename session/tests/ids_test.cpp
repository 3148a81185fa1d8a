#include <gtest/gtest.h>

#include "test_support.hpp"
#include "wstudio/session/ids.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::session {
namespace {

TEST(Ids, Syntax) {
  EXPECT_TRUE(isValidId("track-1"));
  EXPECT_TRUE(isValidId("A.b_c-9"));
  EXPECT_TRUE(isValidId(std::string(64, 'x')));
  EXPECT_FALSE(isValidId(""));
  EXPECT_FALSE(isValidId(std::string(65, 'x')));
  EXPECT_FALSE(isValidId("two words"));
  EXPECT_FALSE(isValidId("é"));
}

TEST(Ids, InUseCoversEveryKindOfObjectAndTheMaster) {
  const Session s = test::sampleSession();
  for (const char* id : {"drums", "drum-clip", "riff", "comp", "limiter", "pan-lane", "m1",
                         "master"}) {
    EXPECT_TRUE(isIdInUse(s, id)) << id;
  }
  EXPECT_FALSE(isIdInUse(s, "nothing"));
}

TEST(Ids, NewIdsAreDeterministicAndAdvanceTheCounter) {
  Session a;
  Session b;
  EXPECT_EQ(newId(a, "track"), "track-1");
  EXPECT_EQ(newId(a, "clip"), "clip-2");
  EXPECT_EQ(a.nextIdNumber, 3u);
  EXPECT_EQ(newId(b, "track"), "track-1");
  EXPECT_EQ(newId(a, "clip", "c7"), "clip-c7-3");
}

TEST(Ids, NewIdsSkipIdsAlreadyInUse) {
  Session s;
  Track t;
  t.id = "track-1";
  s.tracks.push_back(t);
  EXPECT_EQ(newId(s, "track"), "track-2");
  EXPECT_EQ(s.nextIdNumber, 3u);
}

TEST(Ids, TheCounterIsSavedSoIdsAreNeverReused) {
  Session s;
  (void)newId(s, "track");
  (void)newId(s, "track");
  const LoadResult loaded = load(save(s));
  ASSERT_TRUE(loaded.ok());
  Session reloaded = *loaded.session;
  EXPECT_EQ(newId(reloaded, "track"), "track-3");
}

}  // namespace
}  // namespace wstudio::session
