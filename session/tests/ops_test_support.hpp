// Operations for the operation tests: one example of every operation (and the batches that need
// a second object first), and random operations over whatever a session holds.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session::test {

struct OpExample {
  std::string name;  // what the example shows
  std::vector<Op> ops;
};

inline AudioClip audioClip(std::string id, Beats start) {
  AudioClip clip;
  clip.id = std::move(id);
  clip.source.path = "audio/new.wav";
  clip.start = start;
  clip.length = 2;
  return clip;
}

inline Track audioTrack(std::string id) {
  Track track;
  track.id = std::move(id);
  track.name = "New";
  track.audioClips.push_back(audioClip(track.id + "-clip", 1));
  Insert eq;
  eq.id = track.id + "-eq";
  eq.plugin.id = "studio.wasm.eq";
  eq.params = {{1, 0.5}};
  track.inserts.push_back(eq);
  return track;
}

inline Insert insert(std::string id) {
  Insert out;
  out.id = std::move(id);
  out.plugin.id = "studio.wasm.utility";
  out.params = {{0, -3}};
  out.state = {1, 2, 3};
  return out;
}

// Valid on sampleSession() (test_support.hpp), each listed operation at least once.
inline std::vector<OpExample> opExamples() {
  MidiClip midi;
  midi.id = "new-riff";
  midi.start = 8;
  midi.notes = {{64, 0.5, 0, 1, {}}};
  AutomationLane lane;
  lane.id = "drum-volume";
  lane.target = {"drums", AutomatedControl::volume, "", 0, {}};
  lane.points = {{0, -6, SegmentShape::linear, 0, {}}, {4, 0, SegmentShape::curve, 0.5, {}}};
  op::TrackChanges trackChanges;
  trackChanges.name = "Renamed";
  trackChanges.volumeDb = -6.5;
  trackChanges.output = "master";
  trackChanges.armed = true;
  op::ClipChanges audioChanges;
  audioChanges.gainDb = -2;
  audioChanges.fadeInCurve = FadeCurve::sCurve;
  audioChanges.source = AudioSource{std::nullopt, "audio/other.wav", 48000, 1, 48000, {}};
  audioChanges.start = 2;
  op::ClipChanges midiChanges;
  midiChanges.notes = std::vector<Note>{{60, 1, 0, 0.5, {}}};
  midiChanges.length = 3;
  midiChanges.mute = true;
  op::MarkerChanges markerChanges;
  markerChanges.time = 5;
  markerChanges.name = "Verse";
  return {
      {"track.add", {op::TrackAdd{audioTrack("new-track"), 1}}},
      {"track.add at the end", {op::TrackAdd{audioTrack("new-track"), std::nullopt}}},
      {"track.remove with its lanes", {op::TrackRemove{"synth"}}},
      {"track.remove of a bus others output to", {op::TrackRemove{"bus"}}},
      {"track.move", {op::TrackMove{"drums", 2}}},
      {"track.update", {op::TrackUpdate{"drums", trackChanges}}},
      {"clip.add audio", {op::ClipAdd{"drums", audioClip("new-clip", 3), 0}}},
      {"clip.add midi", {op::ClipAdd{"synth", midi, std::nullopt}}},
      {"clip.remove audio", {op::ClipRemove{"drum-clip"}}},
      {"clip.remove midi", {op::ClipRemove{"riff"}}},
      {"clip.move in time", {op::ClipMove{"drum-clip", 3.5, "", std::nullopt}}},
      {"clip.move within its track",
       {op::ClipAdd{"drums", audioClip("second", 9), std::nullopt},
        op::ClipMove{"second", 0, "drums", 0}}},
      {"clip.move across tracks",
       {op::TrackAdd{audioTrack("other"), 0}, op::ClipMove{"drum-clip", 6, "other", 0}}},
      {"clip.update audio", {op::ClipUpdate{"drum-clip", audioChanges}}},
      {"clip.update midi", {op::ClipUpdate{"riff", midiChanges}}},
      {"insert.add on the master", {op::InsertAdd{"master", insert("new-insert"), 0}}},
      {"insert.add on a track", {op::InsertAdd{"synth", insert("new-insert"), std::nullopt}}},
      {"insert.remove with its lanes", {op::InsertRemove{"delay"}}},
      {"insert.remove on the master", {op::InsertRemove{"limiter"}}},
      {"insert.move",
       {op::InsertAdd{"drums", insert("new-insert"), std::nullopt}, op::InsertMove{"comp", 1}}},
      {"insert.setParam of a stored value", {op::ParamSet{"comp", 0, -6}}},
      {"insert.setParam of a new value", {op::ParamSet{"comp", 99, 1}}},
      {"insert.clearParam", {op::ParamClear{"comp", 7}}},
      {"insert.setBypass", {op::BypassSet{"comp", false}}},
      {"insert.setState", {op::StateSet{"delay", {9, 8, 7}}}},
      {"lane.add", {op::LaneAdd{lane, 0}}},
      {"lane.remove", {op::LaneRemove{"pan-lane"}}},
      {"lane.setPoints",
       {op::PointsSet{"pan-lane", {{1, 0.25, SegmentShape::step, 0, {}}}}}},
      {"marker.add", {op::MarkerAdd{{"m0", 1, "Intro", {}}, 0}}},
      {"marker.remove", {op::MarkerRemove{"m1"}}},
      {"marker.update", {op::MarkerUpdate{"m1", markerChanges}}},
      {"loop.set", {op::LoopSet{{2, 4, false, {}}}}},
      {"tempo.set", {op::TempoSet{90.5}}},
      {"timeSignature.set", {op::TimeSignatureSet{{3, 4, {}}}}},
      {"master.setVolume", {op::MasterVolumeSet{-3}}},
  };
}

inline Session demoSession() { return *load(readDataFile("demo.session.json")).session; }

// Random operations over the objects a session holds: mostly valid, some refused (a clip moved
// to a bus, an index past the end, a volume out of range...), never malformed.
class RandomOps {
 public:
  explicit RandomOps(std::uint32_t seed) : engine_(seed) {}

  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(engine_);
  }
  bool chance(double p) { return uniform(0, 1) < p; }

  Op next(const Session& s) {
    for (;;) {
      if (auto op = attempt(s, integer(0, std::variant_size_v<Op> - 1))) return *op;
    }
  }

 private:
  std::string freshId(std::string_view prefix) {
    return std::string{prefix} + "-r" + std::to_string(++counter_);
  }
  std::size_t pick(std::size_t count) {
    return static_cast<std::size_t>(integer(0, static_cast<int>(count) - 1));
  }
  // An index that is sometimes one past the last valid one (refused).
  std::size_t someIndex(std::size_t count) {
    return static_cast<std::size_t>(integer(0, static_cast<int>(count)));
  }
  AudioClip randomAudioClip() {
    AudioClip clip = audioClip(freshId("clip"), uniform(0, 16));
    clip.length = uniform(0.25, 4);
    clip.gainDb = uniform(-12, 6);
    clip.fadeIn = clip.length * uniform(0, 0.4);
    clip.fadeInCurve = FadeCurve(integer(0, 2));
    return clip;
  }
  MidiClip randomMidiClip() {
    MidiClip clip;
    clip.id = freshId("riff");
    clip.start = uniform(0, 16);
    for (int n = integer(0, 3); n > 0; --n) {
      clip.notes.push_back({integer(0, 127), uniform(0, 1), uniform(0, 3), uniform(0.1, 1), {}});
    }
    return clip;
  }
  std::vector<AutomationPoint> randomPoints(double lo, double hi) {
    std::vector<AutomationPoint> points;
    double time = uniform(0, 2);
    for (int p = integer(0, 4); p > 0; --p) {
      AutomationPoint point{time, uniform(lo, hi), SegmentShape(integer(0, 2)), 0, {}};
      if (point.shape == SegmentShape::curve) point.curvature = uniform(-1, 1);
      points.push_back(point);
      time += uniform(0.1, 2);
    }
    return points;
  }
  // Every (chain id, insert id) of the session.
  static std::vector<std::pair<std::string, std::string>> inserts(const Session& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Track& track : s.tracks) {
      for (const Insert& insert : track.inserts) out.emplace_back(track.id, insert.id);
    }
    for (const Insert& insert : s.master.inserts) out.emplace_back(std::string{kMasterId}, insert.id);
    return out;
  }
  static std::vector<std::string> clipIds(const Session& s) {
    std::vector<std::string> out;
    for (const Track& track : s.tracks) {
      for (const AudioClip& clip : track.audioClips) out.push_back(clip.id);
      for (const MidiClip& clip : track.midiClips) out.push_back(clip.id);
    }
    return out;
  }

  std::optional<Op> attempt(const Session& s, int which) {
    const auto allInserts = inserts(s);
    const auto clips = clipIds(s);
    const bool hasTracks = !s.tracks.empty();
    const Track* track = hasTracks ? &s.tracks[pick(s.tracks.size())] : nullptr;
    switch (which) {
      case 0: {
        Track added;
        added.id = freshId("track");
        added.name = "Random";
        added.kind = TrackKind(integer(0, 2));
        added.volumeDb = uniform(-24, 6);
        if (added.kind == TrackKind::audio) added.audioClips.push_back(randomAudioClip());
        if (added.kind == TrackKind::instrument) added.midiClips.push_back(randomMidiClip());
        if (chance(0.5)) added.inserts.push_back(insert(freshId("insert")));
        std::optional<std::size_t> at;
        if (chance(0.7)) at = someIndex(s.tracks.size());
        return op::TrackAdd{added, at};
      }
      case 1:
        if (!track) return std::nullopt;
        return op::TrackRemove{track->id};
      case 2:
        if (!track) return std::nullopt;
        return op::TrackMove{track->id, someIndex(s.tracks.size() - 1 + (chance(0.1) ? 1 : 0))};
      case 3: {
        if (!track) return std::nullopt;
        op::TrackChanges set;
        if (chance(0.5)) set.volumeDb = uniform(-30, 14);  // sometimes past the +12 dB limit
        if (chance(0.5)) set.pan = uniform(-1, 1);
        if (chance(0.3)) set.mute = chance(0.5);
        if (chance(0.3)) set.solo = chance(0.5);
        if (chance(0.2)) set.name = "Renamed " + std::to_string(counter_);
        if (chance(0.3)) {
          const Track& to = s.tracks[pick(s.tracks.size())];
          set.output = chance(0.3) ? std::string{kMasterId} : to.id;  // may be a cycle or not a bus
        }
        if (set == op::TrackChanges{}) set.armed = chance(0.5);
        return op::TrackUpdate{track->id, set};
      }
      case 4:
        if (!track) return std::nullopt;
        if (track->kind == TrackKind::instrument) {
          return op::ClipAdd{track->id, randomMidiClip(), std::nullopt};
        }
        // On a bus track: refused.
        return op::ClipAdd{track->id, randomAudioClip(),
                           chance(0.5) ? std::optional<std::size_t>{someIndex(track->audioClips.size())}
                                       : std::nullopt};
      case 5:
        if (clips.empty()) return std::nullopt;
        return op::ClipRemove{clips[pick(clips.size())]};
      case 6: {
        if (clips.empty() || !track) return std::nullopt;
        op::ClipMove move{clips[pick(clips.size())], uniform(-0.5, 20), "", std::nullopt};
        if (chance(0.5)) move.track = track->id;
        if (chance(0.3)) move.index = static_cast<std::size_t>(integer(0, 2));
        return move;
      }
      case 7: {
        if (clips.empty()) return std::nullopt;
        op::ClipChanges set;
        if (chance(0.5)) set.start = uniform(0, 16);
        if (chance(0.4)) set.length = uniform(0.1, 4);
        if (chance(0.3)) set.mute = chance(0.5);
        if (chance(0.3)) set.gainDb = uniform(-12, 6);  // refused on a MIDI clip
        if (chance(0.2)) set.fadeOutCurve = FadeCurve(integer(0, 2));
        if (chance(0.2)) set.notes = std::vector<Note>{{integer(0, 127), 0.5, 0, 1, {}}};
        if (set == op::ClipChanges{}) set.mute = true;
        return op::ClipUpdate{clips[pick(clips.size())], set};
      }
      case 8: {
        const std::string chain =
            track && chance(0.7) ? track->id : std::string{kMasterId};
        return op::InsertAdd{chain, insert(freshId("insert")),
                             chance(0.5) ? std::optional<std::size_t>{integer(0, 1)} : std::nullopt};
      }
      case 9:
        if (allInserts.empty()) return std::nullopt;
        return op::InsertRemove{allInserts[pick(allInserts.size())].second};
      case 10:
        if (allInserts.empty()) return std::nullopt;
        return op::InsertMove{allInserts[pick(allInserts.size())].second,
                              static_cast<std::size_t>(integer(0, 2))};
      case 11:
        if (allInserts.empty()) return std::nullopt;
        return op::ParamSet{allInserts[pick(allInserts.size())].second,
                            static_cast<std::uint32_t>(integer(0, 4)), uniform(-10, 10)};
      case 12:
        if (allInserts.empty()) return std::nullopt;
        // Often a parameter with no stored value: refused.
        return op::ParamClear{allInserts[pick(allInserts.size())].second,
                              static_cast<std::uint32_t>(integer(0, 4))};
      case 13:
        if (allInserts.empty()) return std::nullopt;
        return op::BypassSet{allInserts[pick(allInserts.size())].second, chance(0.5)};
      case 14: {
        if (allInserts.empty()) return std::nullopt;
        std::vector<std::uint8_t> state(static_cast<std::size_t>(integer(0, 8)));
        for (auto& byte : state) byte = static_cast<std::uint8_t>(integer(0, 255));
        return op::StateSet{allInserts[pick(allInserts.size())].second, state};
      }
      case 15: {
        AutomationLane lane;
        lane.id = freshId("lane");
        if (!allInserts.empty() && chance(0.4)) {
          const auto& [chain, id] = allInserts[pick(allInserts.size())];
          lane.target = {chain, AutomatedControl::parameter, id,
                         static_cast<std::uint32_t>(integer(0, 4)), {}};
          lane.points = randomPoints(-1, 1);
        } else {
          lane.target = {track && chance(0.8) ? track->id : std::string{kMasterId},
                         AutomatedControl::volume, "", 0, {}};
          lane.points = randomPoints(-40, 6);
        }
        return op::LaneAdd{lane, chance(0.5) ? std::optional<std::size_t>{someIndex(
                                                    s.automation.size())}
                                              : std::nullopt};
      }
      case 16:
        if (s.automation.empty()) return std::nullopt;
        return op::LaneRemove{s.automation[pick(s.automation.size())].id};
      case 17:
        if (s.automation.empty()) return std::nullopt;
        return op::PointsSet{s.automation[pick(s.automation.size())].id, randomPoints(-1, 1)};
      case 18:
        return op::MarkerAdd{{freshId("marker"), uniform(0, 32), "M", {}},
                             chance(0.5) ? std::optional<std::size_t>{someIndex(s.markers.size())}
                                         : std::nullopt};
      case 19:
        if (s.markers.empty()) return std::nullopt;
        return op::MarkerRemove{s.markers[pick(s.markers.size())].id};
      case 20: {
        if (s.markers.empty()) return std::nullopt;
        op::MarkerChanges set;
        set.time = uniform(-1, 32);  // sometimes negative: refused
        if (chance(0.5)) set.name = "Moved";
        return op::MarkerUpdate{s.markers[pick(s.markers.size())].id, set};
      }
      case 21: {
        const double start = uniform(0, 16);
        return op::LoopSet{{start, start + uniform(-1, 8), chance(0.5), {}}};
      }
      case 22:
        return op::TempoSet{uniform(10, 300)};  // sometimes under 20 bpm: refused
      case 23:
        return op::TimeSignatureSet{{integer(1, 12), 1 << integer(0, 4), {}}};
      default:
        return op::MasterVolumeSet{uniform(-40, 14)};
    }
  }

  std::mt19937 engine_;
  int counter_ = 0;
};

}  // namespace wstudio::session::test
