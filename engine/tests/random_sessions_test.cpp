// Seeded random sessions and random edits while playing, against a reference mixer written
// straight from the documented rules (engine/README.md): clips with gain, fades, offsets; utility
// gain inserts; volume (static or automated), pan, mute and solo; buses; the master volume; a
// loop. The engine must match it to within 1e-5 everywhere except the 100 ms after an edit, where
// ramps (the engine's and the utility plugin's parameter smoothing) are allowed to glide.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "engine_fixture.hpp"
#include "wstudio/session/automation.hpp"
#include "wstudio/session/fades.hpp"
#include "wstudio/session/lookup.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::engine::testing {
namespace {

using session::AutomatedControl;
using session::TrackKind;

constexpr uint32_t kUtilityGain = 0;
constexpr double kTolerance = 1e-5;
constexpr int64_t kSettleFrames = 4800;  // 100 ms: the 10 ms fader ramp, the utility's smoothing

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(engine_); }
  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool chance(double p) { return uniform(0, 1) < p; }

 private:
  std::mt19937 engine_;
};

// --- the reference mixer: one frame at a time, no blocks, no graph -----------------------------

double beatsOf(int64_t frame) { return session::framesToBeats(double(frame), kTempo, kRate); }
int64_t frameOf(double beats) { return std::llround(session::beatsToFrames(beats, kTempo, kRate)); }
double dbGain(double db) { return db <= -96 ? 0.0 : std::pow(10.0, db / 20.0); }

double clipSample(const session::AudioClip& clip, const DecodedAudio& audio, int64_t frame) {
  const int64_t start = frameOf(clip.start);
  const int64_t end = frameOf(clip.start + clip.length);
  if (clip.mute || frame < start || frame >= end) return 0;
  const int64_t s = std::llround(clip.offsetSeconds * kRate) + frame - start;
  if (s < 0 || s >= audio.frames()) return 0;
  double g = dbGain(clip.gainDb);
  const int64_t fadeIn = frameOf(clip.start + clip.fadeIn) - start;
  const int64_t fadeOut = end - frameOf(clip.start + clip.length - clip.fadeOut);
  if (frame - start < fadeIn) g *= session::fadeGain(clip.fadeInCurve, double(frame - start) / double(fadeIn));
  if (end - frame < fadeOut) g *= session::fadeGain(clip.fadeOutCurve, double(end - frame) / double(fadeOut));
  return audio.channels[0][std::size_t(s)] * g;
}

double utilityGain(const std::vector<session::Insert>& inserts) {
  double g = 1;
  for (const auto& insert : inserts) {
    if (!insert.bypass) g *= dbGain(insert.params.count(kUtilityGain) ? insert.params.at(kUtilityGain) : 0.0);
  }
  return g;
}

double control(const session::Session& s, const std::string& track, AutomatedControl which,
               double fallback, int64_t frame) {
  for (const auto& lane : s.automation) {
    if (lane.target.track == track && lane.target.control == which && !lane.points.empty()) {
      return *session::valueAt(lane, beatsOf(frame));
    }
  }
  return fallback;
}

bool reaches(const session::Session& s, const session::Track& from, const std::string& to) {
  for (std::string out = from.output; out != session::kMasterId;
       out = session::findTrack(s, out)->output) {
    if (out == to) return true;
  }
  return false;
}

bool audible(const session::Session& s, const session::Track& t) {
  if (t.mute) return false;
  bool anySolo = false;
  for (const auto& other : s.tracks) anySolo = anySolo || other.solo;
  if (!anySolo || t.solo) return true;
  for (const auto& other : s.tracks) {
    if (other.solo && (reaches(s, other, t.id) || reaches(s, t, other.id))) return true;
  }
  return false;
}

// Track t's output at `frame` (post-fader, stereo), with its bus inputs.
std::pair<double, double> trackOut(const session::Session& s, const session::Track& t,
                                   const TestSources& sources, int64_t frame) {
  double l = 0, r = 0;
  for (const auto& clip : t.audioClips) {
    const auto audio = const_cast<TestSources&>(sources).decoded(clip.source, kRate);
    const double x = clipSample(clip, *audio, frame);
    l += x;
    r += x;
  }
  for (const auto& other : s.tracks) {
    if (other.output == t.id) {
      const auto [ol, or_] = trackOut(s, other, sources, frame);
      l += ol;
      r += or_;
    }
  }
  const double g = utilityGain(t.inserts) * dbGain(control(s, t.id, AutomatedControl::volume, t.volumeDb, frame)) *
                   (audible(s, t) ? 1.0 : 0.0);
  const double pan = control(s, t.id, AutomatedControl::pan, t.pan, frame) * std::acos(-1.0) / 4;
  return {l * g * (std::cos(pan) - std::sin(pan)), r * g * (std::cos(pan) + std::sin(pan))};
}

std::pair<double, double> masterOut(const session::Session& s, const TestSources& sources, int64_t frame) {
  double l = 0, r = 0;
  for (const auto& t : s.tracks) {
    if (t.output != session::kMasterId) continue;
    const auto [tl, tr] = trackOut(s, t, sources, frame);
    l += tl;
    r += tr;
  }
  const double g = utilityGain(s.master.inserts) *
                   dbGain(control(s, std::string(session::kMasterId), AutomatedControl::volume, s.master.volumeDb, frame));
  return {l * g, r * g};
}

// --- random sessions and edits ------------------------------------------------------------------

void randomClip(Random& random, session::Track& track, int n) {
  auto& clip = addClip(track, track.id + "-c" + std::to_string(n), "src" + std::to_string(random.integer(0, 3)),
                       random.uniform(0, 2), random.uniform(0.05, 1.0));
  clip.offsetSeconds = random.uniform(0, 0.2);
  clip.gainDb = random.uniform(-12, 6);
  clip.fadeIn = clip.length * random.uniform(0, 0.5);
  clip.fadeOut = clip.length * random.uniform(0, 0.5);
  clip.fadeInCurve = session::FadeCurve(random.integer(0, 2));
  clip.fadeOutCurve = session::FadeCurve(random.integer(0, 2));
  clip.mute = random.chance(0.1);
}

void maybeUtility(Random& random, std::vector<session::Insert>& chain, const std::string& id) {
  if (!random.chance(0.4)) return;
  auto& insert = addInsert(chain, id, "studio.wasm.utility");
  insert.params[kUtilityGain] = random.uniform(-12, 6);
  insert.bypass = random.chance(0.2);
}

session::Session randomSession(Random& random) {
  auto s = emptySession();
  const int buses = random.integer(0, 2);
  for (int b = 0; b < buses; ++b) {
    auto& bus = addTrack(s, "bus" + std::to_string(b), TrackKind::bus);
    if (b > 0 && random.chance(0.5)) bus.output = "bus0";
  }
  const int tracks = random.integer(1, 5);
  for (int t = 0; t < tracks; ++t) {
    auto& track = addTrack(s, "t" + std::to_string(t));
    const int clips = random.integer(1, 3);
    for (int c = 0; c < clips; ++c) randomClip(random, track, c);
    if (buses > 0 && random.chance(0.5)) track.output = "bus" + std::to_string(random.integer(0, buses - 1));
  }
  for (auto& track : s.tracks) {
    track.volumeDb = random.uniform(-24, 6);
    track.pan = random.uniform(-1, 1);
    track.mute = random.chance(0.15);
    track.solo = random.chance(0.1);
    maybeUtility(random, track.inserts, track.id + "-u");
    if (random.chance(0.3)) {
      auto& lane = addLane(s, track.id + "-vol", track.id, AutomatedControl::volume);
      double time = random.uniform(0, 0.5);
      for (int p = random.integer(1, 4); p > 0; --p) {
        lane.points.push_back(point(time, random.uniform(-30, 6), session::SegmentShape(random.integer(0, 2))));
        if (lane.points.back().shape == session::SegmentShape::curve) lane.points.back().curvature = random.uniform(-1, 1);
        time += random.uniform(0.1, 1.0);
      }
    }
  }
  s.master.volumeDb = random.uniform(-12, 3);
  maybeUtility(random, s.master.inserts, "master-u");
  s.loop.start = random.uniform(0, 1);
  s.loop.end = s.loop.start + random.uniform(0.2, 1.5);
  s.loop.enabled = random.chance(0.5);
  return s;
}

void randomEdit(Random& random, session::Session& s) {
  auto& track = s.tracks[std::size_t(random.integer(0, int(s.tracks.size()) - 1))];
  switch (random.integer(0, 5)) {
    case 0: track.volumeDb = random.uniform(-24, 6); break;
    case 1: track.pan = random.uniform(-1, 1); break;
    case 2: track.mute = !track.mute; break;
    case 3: track.solo = !track.solo; break;
    case 4:
      if (!track.audioClips.empty()) track.audioClips.front().start = random.uniform(0, 2);
      break;
    default:
      if (!track.inserts.empty()) track.inserts.front().params[kUtilityGain] = random.uniform(-12, 6);
      break;
  }
}

TEST(RandomSessions, EngineMatchesTheReferenceMixerThroughEditsSeeksAndLoops) {
  std::size_t audibleChecked = 0;  // frames where the reference is not (near) silence
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Random random(seed);
    Rig rig(256);
    for (int i = 0; i < 4; ++i) {
      rig.sources.add("src" + std::to_string(i), testsupport::whiteNoise(seed * 10 + uint64_t(i), 40000, 0.5));
    }
    session::Session s = randomSession(random);
    Player player(PlayerOptions{rig.format(), 0.0});
    const RenderGraph* published = player.setGraph(rig.build(s));
    player.play();

    const int64_t loopStart = frameOf(s.loop.start);
    const int64_t loopEnd = frameOf(s.loop.end);
    int64_t position = 0;
    int64_t settledAt = 0;  // output frame from which the engine must match again
    int64_t produced = 0;
    std::vector<float> left(256), right(256);
    float* out[2] = {left.data(), right.data()};
    std::size_t checked = 0;
    for (int block = 0; block < 800; ++block) {
      if (random.chance(0.01)) {
        randomEdit(random, s);
        published = player.setGraph(rig.build(s, published));
        settledAt = produced + kSettleFrames;
      } else if (random.chance(0.005)) {
        position = random.integer(0, 60000);
        player.seek(position);
        settledAt = produced + kSettleFrames;
      }
      const uint32_t frames = uint32_t(random.integer(1, 256));
      player.render(out, 2, frames);
      for (uint32_t i = 0; i < frames; ++i, ++produced) {
        if (produced >= settledAt) {
          const auto [l, r] = masterOut(s, rig.sources, position);
          ASSERT_NEAR(left[i], l, kTolerance) << "output frame " << produced << ", timeline " << position;
          ASSERT_NEAR(right[i], r, kTolerance) << "output frame " << produced << ", timeline " << position;
          ++checked;
          if (std::fabs(l) > 1e-3) ++audibleChecked;
        }
        ++position;
        if (s.loop.enabled && position == loopEnd) position = loopStart;
      }
      player.collectRetired();
    }
    EXPECT_GT(checked, 30000u);
  }
  EXPECT_GT(audibleChecked, 60000u);
}

}  // namespace
}  // namespace wstudio::engine::testing
