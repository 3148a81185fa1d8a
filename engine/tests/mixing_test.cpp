// Gain, pan law, mute/solo, clip gain, fades, offsets and trims, against analytic expectations.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "engine_fixture.hpp"
#include "wstudio/session/fades.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::engine::testing {
namespace {

using session::AutomatedControl;
using session::FadeCurve;
using session::TrackKind;

std::vector<float> ramp(std::size_t frames) {
  std::vector<float> x(frames);
  for (std::size_t i = 0; i < frames; ++i) x[i] = float(i + 1) / float(frames + 1);
  return x;
}

double gainOfDb(double db) { return std::pow(10.0, db / 20.0); }

TEST(Mixing, VolumeAndConstantPowerPanWithUnityCentre) {
  Rig rig;
  const auto source = testsupport::whiteNoise(1, 4000, 0.5);
  rig.sources.add("noise", source);
  struct Case {
    double volumeDb;
    double pan;
  };
  for (const Case c : {Case{0, 0}, Case{-6, 0}, Case{3, -1}, Case{-12, 1}, Case{0, 0.5}, Case{-3, -0.25}}) {
    auto s = emptySession();
    auto& track = addTrack(s, "t");
    track.volumeDb = c.volumeDb;
    track.pan = c.pan;
    addClip(track, "c", "noise", 0, 1);
    const auto out = rig.render(s, 0, 4000);
    const double x = c.pan * std::numbers::pi / 4;
    const double gl = gainOfDb(c.volumeDb) * (std::cos(x) - std::sin(x));
    const double gr = gainOfDb(c.volumeDb) * (std::cos(x) + std::sin(x));
    // Power of a mono signal is the same at every pan position: gl^2 + gr^2 = 2 g^2.
    EXPECT_NEAR(gl * gl + gr * gr, 2 * std::pow(gainOfDb(c.volumeDb), 2), 1e-9);
    for (std::size_t i = 0; i < source.size(); ++i) {
      ASSERT_NEAR(out.master.left[i], source[i] * gl, 1e-6) << "vol " << c.volumeDb << " pan " << c.pan << " @" << i;
      ASSERT_NEAR(out.master.right[i], source[i] * gr, 1e-6) << "vol " << c.volumeDb << " pan " << c.pan << " @" << i;
    }
  }
}

TEST(Mixing, VolumeFloorIsSilenceAndMasterVolumeApplies) {
  Rig rig;
  rig.sources.add("dc", std::vector<float>(1000, 0.5f));
  auto s = emptySession();
  addClip(addTrack(s, "quiet"), "c1", "dc", 0, 1).gainDb = 0;
  s.tracks[0].volumeDb = -96;
  addClip(addTrack(s, "loud"), "c2", "dc", 0, 1);
  s.master.volumeDb = -6;
  const auto out = rig.render(s, 0, 1000);
  for (std::size_t i = 0; i < 1000; ++i) ASSERT_NEAR(out.master.left[i], 0.5 * gainOfDb(-6), 1e-6);
}

TEST(Mixing, MuteAndSoloFollowTheDocumentedRules) {
  Rig rig;
  // Each track plays a distinct constant so the mix says exactly who is heard.
  auto s = emptySession();
  const std::vector<std::pair<std::string, float>> levels = {{"a", 0.001f}, {"b", 0.01f}, {"c", 0.1f}};
  for (const auto& [id, level] : levels) {
    rig.sources.add(id, std::vector<float>(500, level));
    addClip(addTrack(s, id), id + "-clip", id, 0, 1);
  }
  auto& bus = addTrack(s, "bus", TrackKind::bus);
  (void)bus;
  s.tracks[2].output = "bus";  // c -> bus -> master
  auto level = [&](const session::Session& session) {
    return rig.render(session, 0, 500).master.left[250];
  };
  EXPECT_NEAR(level(s), 0.111f, 1e-6);
  auto muted = s;
  muted.tracks[0].mute = true;
  EXPECT_NEAR(level(muted), 0.11f, 1e-6);
  // Solo a: only a. Solo c: c and the bus it passes through. Solo the bus: what feeds it (c).
  auto soloA = s;
  soloA.tracks[0].solo = true;
  EXPECT_NEAR(level(soloA), 0.001f, 1e-7);
  auto soloC = s;
  soloC.tracks[2].solo = true;
  EXPECT_NEAR(level(soloC), 0.1f, 1e-6);
  auto soloBus = s;
  soloBus.tracks[3].solo = true;
  EXPECT_NEAR(level(soloBus), 0.1f, 1e-6);
  // Mute wins over solo; a muted bus silences what passes through it.
  auto soloMuted = soloA;
  soloMuted.tracks[0].mute = true;
  EXPECT_NEAR(level(soloMuted), 0.0f, 1e-9);
  auto busMuted = soloC;
  busMuted.tracks[3].mute = true;
  EXPECT_NEAR(level(busMuted), 0.0f, 1e-9);
}

TEST(Mixing, FadesFollowTheSessionCurvesSampleExactly) {
  Rig rig;
  rig.sources.add("dc", std::vector<float>(30000, 1.0f));
  for (const FadeCurve curve : {FadeCurve::linear, FadeCurve::equalPower, FadeCurve::sCurve}) {
    auto s = emptySession();
    auto& clip = addClip(addTrack(s, "t"), "c", "dc", 0, 1);  // 24000 frames
    clip.fadeIn = 0.25;   // 6000 frames
    clip.fadeOut = 0.5;   // 12000 frames
    clip.fadeInCurve = curve;
    clip.fadeOutCurve = curve;
    clip.gainDb = -6;
    const auto out = rig.render(s, 0, 26000);
    const double g = gainOfDb(-6);
    for (int64_t f = 0; f < 26000; ++f) {
      double expected = 0;
      if (f < 24000) {
        expected = g;
        if (f < 6000) expected *= session::fadeGain(curve, double(f) / 6000.0);
        if (24000 - f < 12000) expected *= session::fadeGain(curve, double(24000 - f) / 12000.0);
      }
      ASSERT_NEAR(out.master.left[std::size_t(f)], expected, 1e-6) << "curve " << int(curve) << " @" << f;
    }
  }
}

TEST(Mixing, ClipOffsetAndTrimAreSampleExact) {
  Rig rig;
  const auto source = ramp(48000);
  rig.sources.add("ramp", source);
  auto s = emptySession();
  // Starts at beat 0.5 (frame 12000), plays 0.25 beats (6000 frames) from 0.1 s (4800 frames) in.
  auto& clip = addClip(addTrack(s, "t"), "c", "ramp", 0.5, 0.25);
  clip.offsetSeconds = 0.1;
  const auto out = rig.render(s, 0, 20000);
  for (int64_t f = 0; f < 20000; ++f) {
    const float expected = f >= 12000 && f < 18000 ? source[std::size_t(4800 + f - 12000)] : 0.0f;
    ASSERT_EQ(out.master.left[std::size_t(f)], expected) << "@" << f;
  }
}

TEST(Mixing, ClipPastTheEndOfItsSourceIsSilentAndStereoStaysStereo) {
  Rig rig;
  rig.sources.add("short", std::vector<float>(1000, 0.25f), std::vector<float>(1000, -0.5f));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "short", 0, 1);
  const auto out = rig.render(s, 0, 2000);
  EXPECT_EQ(out.master.left[999], 0.25f);
  EXPECT_EQ(out.master.right[999], -0.5f);
  EXPECT_EQ(out.master.left[1000], 0.0f);
}

TEST(Mixing, SourceAtAnotherRateIsConvertedLinearly) {
  Rig rig;
  // A 24 kHz ramp played at 48 kHz: every other output sample is the midpoint.
  rig.sources.add("half", std::vector<float>{0.0f, 0.5f, 1.0f, 0.5f}, {}, 24000.0);
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "half", 0, 1);
  const auto out = rig.render(s, 0, 8);
  const std::vector<float> expected = {0.0f, 0.25f, 0.5f, 0.75f, 1.0f, 0.75f, 0.5f, 0.0f};
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(out.master.left[i], expected[i], 1e-7) << i;
}

TEST(Mixing, StemsArePostFaderTrackOutputs) {
  Rig rig;
  rig.sources.add("dc", std::vector<float>(1000, 0.5f));
  auto s = emptySession();
  auto& a = addTrack(s, "a");
  a.volumeDb = -6;
  addClip(a, "ca", "dc", 0, 1);
  addClip(addTrack(s, "b"), "cb", "dc", 0, 1);
  const auto out = rig.render(s, 0, 1000, {"a", "b"});
  ASSERT_EQ(out.stems.size(), 2u);
  EXPECT_NEAR(out.stems[0].left[500], 0.5 * gainOfDb(-6), 1e-6);
  EXPECT_NEAR(out.stems[1].left[500], 0.5, 1e-6);
  EXPECT_NEAR(out.master.left[500], 0.5 + 0.5 * gainOfDb(-6), 1e-6);
}

}  // namespace
}  // namespace wstudio::engine::testing
