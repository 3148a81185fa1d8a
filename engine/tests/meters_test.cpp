// Peak and RMS meters per track and on the master, readable from the main thread while playing.
#include <gtest/gtest.h>

#include <cmath>

#include "engine_fixture.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::engine::testing {
namespace {

TEST(Meters, TrackAndMasterShowPeakAndRmsOfTheirOutput) {
  Rig rig;
  rig.sources.add("sine", testsupport::sine(1000, kRate, 192000, 0.5));
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  track.pan = -1;  // all to the left, +3.01 dB
  addClip(track, "c", "sine", 0, 8);
  s.master.volumeDb = -6;
  Player player(PlayerOptions{rig.format(), 0.0});
  const RenderGraph* graph = player.setGraph(rig.build(s));
  player.play();
  playBlocks(player, 600, 256);  // 3.2 s: the 300 ms RMS average has settled

  const LevelMeter& meter = graph->trackMeter(*graph->trackIndex("t"));
  const double left = 0.5 * std::sqrt(2.0);
  EXPECT_NEAR(meter.peak(0), left, 1e-3);
  EXPECT_NEAR(meter.rms(0), left / std::sqrt(2.0), 1e-3);
  EXPECT_EQ(meter.peak(1), 0.0f);
  EXPECT_NEAR(graph->masterMeter().peak(0), left * std::pow(10.0, -6.0 / 20.0), 1e-3);
  // takePeak hands the held peak to the UI and starts over.
  EXPECT_NEAR(meter.takePeak(0), left, 1e-3);
  EXPECT_EQ(meter.peak(0), 0.0f);
}

// Loudness through the K-weighting of ITU-R BS.1770: a full-scale 997 Hz sine in one channel
// reads -3.01 LUFS (the standard's reference), at any sample rate; the shelf lifts 10 kHz by about
// 4 dB, which is 3.35 dB above 997 Hz (already lifted 0.69 dB: what the -0.691 offsets), and the
// high-pass cuts 20 Hz by more than 10 dB. Tolerance: 0.05 LU at the reference.
double steadyLoudness(double frequency, double rate, bool on = true) {
  LevelMeter meter;
  meter.measureLoudness(on);
  const auto sine = testsupport::sine(frequency, rate, int(rate * 3), 1.0);
  const std::vector<float> silence(256, 0.0f);
  for (std::size_t at = 0; at + 256 <= sine.size(); at += 256) {
    meter.update(sine.data() + at, silence.data(), 256, rate);
  }
  return loudnessLufs(meter.loudnessPower());
}

TEST(Meters, LoudnessFollowsBs1770AtAnyRate) {
  for (double rate : {44100.0, 48000.0, 96000.0}) {
    SCOPED_TRACE(rate);
    EXPECT_NEAR(steadyLoudness(997, rate), -3.01, 0.05);
    EXPECT_NEAR(steadyLoudness(10000, rate) - steadyLoudness(997, rate), 3.35, 0.05);
    EXPECT_LT(steadyLoudness(20, rate) - steadyLoudness(997, rate), -10.0);
  }
  // Off (the default for tracks) measures nothing: silence, -infinity.
  EXPECT_TRUE(std::isinf(steadyLoudness(997, 48000, false)));
}

TEST(Meters, TheMasterMeasuresLoudnessAndATrackOnlyWhenAsked) {
  Rig rig;
  rig.sources.add("sine", testsupport::sine(997, kRate, 192000, 1.0));
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  track.pan = -1;  // all to the left: +3.01 dB there, so -3.01 + 3.01 = 0 LUFS
  addClip(track, "c", "sine", 0, 8);
  Player player(PlayerOptions{rig.format(), 0.0});
  const RenderGraph* graph = player.setGraph(rig.build(s));
  const LevelMeter& meter = graph->trackMeter(*graph->trackIndex("t"));
  player.play();
  playBlocks(player, 300, 256);
  EXPECT_NEAR(loudnessLufs(graph->masterMeter().loudnessPower()), 0.0, 0.1);
  EXPECT_EQ(meter.loudnessPower(), 0.0);
  meter.measureLoudness(true);
  playBlocks(player, 300, 256);
  EXPECT_NEAR(loudnessLufs(meter.loudnessPower()), 0.0, 0.1);
}

TEST(Build, MissingPluginsAndSourcesAreWarningsAndPassAudioThrough) {
  TestPlugins plugins;
  TestSources sources;
  sources.add("one", std::vector<float>(1000, 0.5f));
  PluginProvider provider(plugins, EngineFormat{kRate, 128});
  GraphBuilder builder(provider, sources);
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  addClip(track, "c", "one", 0, 1);
  addClip(track, "gone", "missing", 0, 1);
  addInsert(track.inserts, "x", "studio.wasm.not-a-plugin");
  BuildResult result = builder.build(s);
  ASSERT_EQ(result.warnings.size(), 2u);
  EXPECT_NE(result.warnings[0].find("not-a-plugin"), std::string::npos);
  EXPECT_NE(result.warnings[1].find("gone"), std::string::npos);
  OfflineRenderRequest request;
  request.endFrame = 1000;
  const auto out = renderOffline(std::move(result.graph), request);
  EXPECT_EQ(out.master.left[10], 0.5f);
}

TEST(Offline, ProgressIsReportedAndCancelStops) {
  Rig rig;
  rig.sources.add("one", std::vector<float>(48000, 0.5f));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "one", 0, 2);
  OfflineRenderRequest request;
  request.endFrame = 48000;
  std::vector<double> progress;
  request.progress = [&](double done) {
    progress.push_back(done);
    return done < 0.5;
  };
  const auto out = renderOffline(rig.build(s), request);
  EXPECT_TRUE(out.cancelled);
  ASSERT_FALSE(progress.empty());
  EXPECT_GE(progress.back(), 0.5);
  EXPECT_LT(progress.back(), 0.52);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
}

}  // namespace
}  // namespace wstudio::engine::testing
