#include <gtest/gtest.h>

#include "wstudio/session/model.hpp"
#include "wstudio/session/time.hpp"

namespace wstudio::session {
namespace {

TEST(Time, BeatsAndSecondsFollowTheTempo) {
  EXPECT_EQ(beatsToSeconds(4, 120), 2.0);
  EXPECT_EQ(beatsToSeconds(1, 60), 1.0);
  EXPECT_EQ(secondsToBeats(2, 120), 4.0);
  EXPECT_EQ(secondsToBeats(1.5, 90), 2.25);
}

TEST(Time, WholeBeatsAreWholeFramesAtCommonRates) {
  EXPECT_EQ(beatsToFrames(1, 120, 48000), 24000.0);
  EXPECT_EQ(beatsToFrames(3, 100, 44100), 79380.0);
  EXPECT_EQ(framesToBeats(24000, 120, 48000), 1.0);
  EXPECT_EQ(secondsToFrames(0.5, 96000), 48000.0);
  EXPECT_EQ(framesToSeconds(22050, 44100), 0.5);
}

TEST(Time, ConversionsRoundTrip) {
  for (double bpm : {67.0, 120.0, 174.5}) {
    for (double beats : {0.0, 0.125, 7.3, 1000.0}) {
      EXPECT_NEAR(secondsToBeats(beatsToSeconds(beats, bpm), bpm), beats, 1e-12);
      EXPECT_NEAR(framesToBeats(beatsToFrames(beats, bpm, 44100), bpm, 44100), beats, 1e-12);
    }
  }
}

TEST(Time, BeatsPerBarCountsQuarterNotes) {
  EXPECT_EQ(beatsPerBar(TimeSignature{4, 4, {}}), 4.0);
  EXPECT_EQ(beatsPerBar(TimeSignature{3, 4, {}}), 3.0);
  EXPECT_EQ(beatsPerBar(TimeSignature{6, 8, {}}), 3.0);
  EXPECT_EQ(beatsPerBar(TimeSignature{7, 16, {}}), 1.75);
}

}  // namespace
}  // namespace wstudio::session
