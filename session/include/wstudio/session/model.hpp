// The session model: everything a WASM Studio project is, as plain values (copy it, compare it,
// hand it to another thread). Field meanings, units and ranges are specified in
// docs/session-format.md; validate() (validate.hpp) checks them, load()/save() (json_io.hpp)
// read and write the JSON form.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "wstudio/session/plugin_format.hpp"
#include "wstudio/session/time.hpp"

namespace wstudio::session {

// Members of a JSON object that this version does not know (written by a newer WASM Studio),
// kept verbatim and written back on save so that nothing is lost in a round trip.
using UnknownFields = std::map<std::string, nlohmann::json, std::less<>>;

// The id of the master bus: a track's default output and an automation target. No track may
// use it as its own id.
inline constexpr std::string_view kMasterId = "master";

enum class TrackKind { audio, instrument, bus };
enum class FadeCurve { linear, equalPower, sCurve };
enum class AutomatedControl { volume, pan, parameter };
// How an automation point moves to the next one.
enum class SegmentShape { linear, curve, step };

struct TimeSignature {
  int numerator = 4;
  int denominator = 4;
  UnknownFields unknown;
  bool operator==(const TimeSignature&) const = default;
};

// The recording or file an audio clip plays. At least one of sha256 and path is present.
struct AudioSource {
  std::optional<std::string> sha256;  // 64 lowercase hex digits: the asset's content hash
  std::optional<std::string> path;    // relative, '/'-separated, no ".." segments
  // What the source declares about itself, when known.
  std::optional<int> sampleRate;
  std::optional<int> channels;
  std::optional<std::int64_t> lengthFrames;  // needs sampleRate
  UnknownFields unknown;
  bool operator==(const AudioSource&) const = default;
};

struct AudioClip {
  std::string id;
  AudioSource source;
  Beats start = 0;
  Beats length = 1;
  double offsetSeconds = 0;  // where in the source the clip begins
  double gainDb = 0;
  Beats fadeIn = 0;
  FadeCurve fadeInCurve = FadeCurve::linear;
  Beats fadeOut = 0;
  FadeCurve fadeOutCurve = FadeCurve::linear;
  bool mute = false;
  UnknownFields unknown;
  bool operator==(const AudioClip&) const = default;
};

struct Note {
  int pitch = 60;          // MIDI key 0..127
  double velocity = 0.8;   // 0..1
  Beats start = 0;         // from the clip's start
  Beats length = 1;
  UnknownFields unknown;
  bool operator==(const Note&) const = default;
};

struct MidiClip {
  std::string id;
  Beats start = 0;
  Beats length = 4;
  bool mute = false;
  std::vector<Note> notes;  // kept in the order given; notes past the clip's length are silent
  UnknownFields unknown;
  bool operator==(const MidiClip&) const = default;
};

struct PluginRef {
  std::string id;                     // the plugin's descriptor id, e.g. "studio.wasm.compressor"
  std::optional<std::string> sha256;  // of the .wasm, to find the exact build
  PluginFormat format = PluginFormat::wsp;
  UnknownFields unknown;
  bool operator==(const PluginRef&) const = default;
};

struct Insert {
  std::string id;
  PluginRef plugin;
  std::map<std::uint32_t, double> params;  // plain values by the descriptor's parameter id
  std::vector<std::uint8_t> state;         // the plugin's own state bytes (may be empty)
  bool bypass = false;
  UnknownFields unknown;
  bool operator==(const Insert&) const = default;
};

struct Track {
  std::string id;
  std::string name;
  std::string colour = "#808080";  // "#rrggbb"
  TrackKind kind = TrackKind::audio;
  double volumeDb = 0;
  double pan = 0;  // -1 (left) .. 1 (right)
  bool mute = false;
  bool solo = false;
  bool armed = false;  // record arm
  std::string output{kMasterId};  // kMasterId or the id of a bus track
  std::vector<Insert> inserts;    // processing order
  std::vector<AudioClip> audioClips;  // only on audio tracks
  std::vector<MidiClip> midiClips;    // only on instrument tracks
  UnknownFields unknown;
  bool operator==(const Track&) const = default;
};

struct Master {
  double volumeDb = 0;
  std::vector<Insert> inserts;
  UnknownFields unknown;
  bool operator==(const Master&) const = default;
};

// What a lane automates: a track's (or the master's) volume, a track's pan, or a parameter of
// an insert on that track's chain.
struct AutomationTarget {
  std::string track;  // a track id or kMasterId
  AutomatedControl control = AutomatedControl::volume;
  std::string insert;       // only for AutomatedControl::parameter
  std::uint32_t param = 0;  // only for AutomatedControl::parameter
  UnknownFields unknown;
  bool operator==(const AutomationTarget&) const = default;
};

struct AutomationPoint {
  Beats time = 0;  // on the timeline
  double value = 0;  // in the target's unit: dB, pan, or the parameter's plain value
  SegmentShape shape = SegmentShape::linear;  // of the segment from this point to the next
  double curvature = 0;  // only for SegmentShape::curve: -1..1, see automation.hpp
  UnknownFields unknown;
  bool operator==(const AutomationPoint&) const = default;
};

struct AutomationLane {
  std::string id;
  AutomationTarget target;
  std::vector<AutomationPoint> points;  // strictly increasing times
  UnknownFields unknown;
  bool operator==(const AutomationLane&) const = default;
};

struct Marker {
  std::string id;
  Beats time = 0;
  std::string name;
  UnknownFields unknown;
  bool operator==(const Marker&) const = default;
};

struct LoopRegion {
  Beats start = 0;
  Beats end = 16;
  bool enabled = false;
  UnknownFields unknown;
  bool operator==(const LoopRegion&) const = default;
};

struct Session {
  double tempoBpm = 120;
  TimeSignature timeSignature;
  int sampleRate = 48000;  // a hint: the rate the session was made at
  std::vector<Track> tracks;  // display order
  Master master;
  std::vector<AutomationLane> automation;
  std::vector<Marker> markers;
  LoopRegion loop;
  // The next number the id generator tries (ids.hpp); saved so ids are never reused.
  std::uint64_t nextIdNumber = 1;
  UnknownFields unknown;
  bool operator==(const Session&) const = default;
};

// The JSON spellings of the enums ("audio", "equal-power", "vaist", "param", "step"...).
std::string_view toString(TrackKind kind);
std::string_view toString(FadeCurve curve);
std::string_view toString(PluginFormat format);
std::string_view toString(AutomatedControl control);
std::string_view toString(SegmentShape shape);

}  // namespace wstudio::session
