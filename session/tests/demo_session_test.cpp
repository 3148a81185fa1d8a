// The demo session (tests/data/demo.session.json, also the example of docs/session-format.md):
// several tracks of every kind, clips, inserts on tracks and the master, automation of volume
// and of a plugin parameter, markers and a loop. It is in canonical form, so it must load and
// save byte for byte unchanged.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "wstudio/session/automation.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/lookup.hpp"

namespace wstudio::session {
namespace {

TEST(DemoSession, LoadsAndSavesUnchanged) {
  const std::string text = test::readDataFile("demo.session.json");
  ASSERT_FALSE(text.empty());
  const LoadResult loaded = load(text);
  ASSERT_TRUE(loaded.ok()) << test::toStrings(loaded.errors)[0];
  EXPECT_EQ(save(*loaded.session), text);
}

TEST(DemoSession, HoldsWhatTheFileSays) {
  const LoadResult loaded = load(test::readDataFile("demo.session.json"));
  ASSERT_TRUE(loaded.ok());
  const Session& s = *loaded.session;
  EXPECT_EQ(s.tempoBpm, 124.0);
  ASSERT_EQ(s.tracks.size(), 4u);
  EXPECT_EQ(s.tracks[1].kind, TrackKind::instrument);
  EXPECT_EQ(s.tracks[1].midiClips[0].notes[2].pitch, 43);
  EXPECT_EQ(s.tracks[1].inserts[0].state, (std::vector<std::uint8_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(s.tracks[1].inserts[1].plugin.format, PluginFormat::vaist);
  EXPECT_EQ(s.tracks[2].output, "track-4");
  EXPECT_EQ(s.tracks[0].audioClips[0].source.lengthFrames, 1920000);
  EXPECT_EQ(s.master.inserts[0].params.at(1), 50.0);
  EXPECT_EQ(s.loop.enabled, true);

  // The reverb mix steps from 0.3 to 0.6 at beat 16, then holds.
  const AutomationLane& mix = s.automation[1];
  EXPECT_EQ(valueAt(mix, 15.5), 0.3);
  EXPECT_EQ(valueAt(mix, 16), 0.6);
  // The master fades from -1 dB to -60 dB over beats 32..36, linearly.
  EXPECT_EQ(valueAt(s.automation[2], 34), -30.5);
}

}  // namespace
}  // namespace wstudio::session
